package org.doorstep.catalog;

import java.time.ZoneId;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A town (乡镇): the unit of isolation. Nobody sees another town's data. */
@Entity
@Table(name = "town")
public class Town {

    @Id
    private UUID id;
    private String code;
    @Column(name = "ticket_prefix")
    private String ticketPrefix;
    private String name;
    @Column(name = "time_zone")
    private String timeZone;
    /** How long the town keeps its visits' records before a resident's data may be erased; null: the county's. */
    @Column(name = "record_retention_days")
    private Integer recordRetentionDays;

    protected Town() {
    }

    Town(String code, String ticketPrefix, String name) {
        this.id = UUID.randomUUID();
        this.code = code;
        this.ticketPrefix = ticketPrefix;
        this.name = name;
        this.timeZone = "Asia/Shanghai";
    }

    public UUID id() {
        return id;
    }

    public String code() {
        return code;
    }

    public String ticketPrefix() {
        return ticketPrefix;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    public Integer recordRetentionDays() {
        return recordRetentionDays;
    }

    void keepRecords(Integer days) {
        this.recordRetentionDays = days;
    }
}
