package org.doorstep.catalog;

import java.math.BigDecimal;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A village (村) of a town, with the coordinates travel times are estimated from. */
@Entity
@Table(name = "village")
public class Village {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    private String code;
    private String name;
    @Column(precision = 9, scale = 6)
    private BigDecimal latitude;
    @Column(precision = 9, scale = 6)
    private BigDecimal longitude;

    protected Village() {
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public BigDecimal latitude() {
        return latitude;
    }

    public BigDecimal longitude() {
        return longitude;
    }
}
