package org.doorstep.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One sign-in and all the refresh tokens that descend from it; its id is the tokens' {@code sid}. */
@Entity
@Table(name = "refresh_family")
public class RefreshFamily {

    @Id
    private UUID id;
    @Column(name = "staff_id")
    private UUID staffId;
    @Column(name = "device_id")
    private UUID deviceId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "revoke_reason")
    private String revokeReason;

    protected RefreshFamily() {
    }

    RefreshFamily(UUID staffId, UUID deviceId, Instant now, Instant expiresAt) {
        this.id = UUID.randomUUID();
        this.staffId = staffId;
        this.deviceId = deviceId;
        this.createdAt = now;
        this.expiresAt = expiresAt;
    }

    boolean usable(Instant now) {
        return revokedAt == null && now.isBefore(expiresAt);
    }

    boolean revoke(String reason, Instant now) {
        if (revokedAt != null) {
            return false;
        }
        this.revokedAt = now;
        this.revokeReason = reason;
        return true;
    }

    public UUID id() {
        return id;
    }

    public UUID staffId() {
        return staffId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
