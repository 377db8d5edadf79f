package org.doorstep.bench.bare;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One row of the yardstick's only table. */
@Entity
@Table(name = "village")
public class Village extends PanacheEntityBase {

    @jakarta.persistence.Id
    public Long id;

    @Column(nullable = false, unique = true)
    public String code;

    @Column(nullable = false)
    public String name;
}
