package org.doorstep.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * One line of the audit trail: who did what to which object, when, from which tablet. Never
 * changed once written; the database gives it its id and its place in the hash chain.
 */
@Entity
@Immutable
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "actor_id")
    private UUID actorId;
    @Column(name = "actor_username")
    private String actorUsername;
    @Column(name = "device_id")
    private UUID deviceId;
    private String action;
    @Column(name = "target_type")
    private String targetType;
    @Column(name = "target_id")
    private String targetId;
    @JdbcTypeCode(SqlTypes.JSON)
    private Map<String, Object> details;
    @Column(name = "prev_hash", insertable = false, updatable = false)
    private byte[] prevHash;
    @Column(insertable = false, updatable = false)
    private byte[] hash;

    protected AuditEntry() {
    }

    AuditEntry(Instant occurredAt, AuditEvent event) {
        this.occurredAt = occurredAt;
        this.townId = event.townId();
        this.actorId = event.actorId();
        this.actorUsername = event.actorUsername();
        this.deviceId = event.deviceId();
        this.action = event.action();
        this.targetType = event.targetType();
        this.targetId = event.targetId();
        this.details = event.details();
    }

    public Long id() {
        return id;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public UUID townId() {
        return townId;
    }

    public UUID actorId() {
        return actorId;
    }

    public String actorUsername() {
        return actorUsername;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public String action() {
        return action;
    }

    public String targetType() {
        return targetType;
    }

    public String targetId() {
        return targetId;
    }

    public Map<String, Object> details() {
        return details;
    }

    /** The hash of the entry before this one in the chain; null until read back from the database. */
    public byte[] prevHash() {
        return prevHash == null ? null : prevHash.clone();
    }

    public byte[] hash() {
        return hash == null ? null : hash.clone();
    }
}
