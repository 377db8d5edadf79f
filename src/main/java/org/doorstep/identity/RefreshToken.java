package org.doorstep.identity;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One refresh token, stored only as its SHA-256, together with the identity of the access token
 * issued beside it (so that a retried refresh can hand out the same pair again).
 */
@Entity
@Table(name = "refresh_token")
public class RefreshToken {

    @Id
    private UUID id;
    @Column(name = "family_id")
    private UUID familyId;
    @Column(name = "token_hash")
    private byte[] tokenHash;
    @Column(name = "issued_at")
    private Instant issuedAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "spent_at")
    private Instant spentAt;
    @Column(name = "successor_id")
    private UUID successorId;
    @Column(name = "access_jti")
    private UUID accessJti;
    @Column(name = "access_issued_at")
    private Instant accessIssuedAt;
    @Column(name = "access_expires_at")
    private Instant accessExpiresAt;

    protected RefreshToken() {
    }

    RefreshToken(UUID familyId, byte[] tokenHash, Instant now, Instant expiresAt, Instant accessExpiresAt) {
        this.id = UUID.randomUUID();
        this.familyId = familyId;
        this.tokenHash = tokenHash;
        this.issuedAt = now;
        this.expiresAt = expiresAt;
        this.accessJti = UUID.randomUUID();
        this.accessIssuedAt = now;
        this.accessExpiresAt = accessExpiresAt;
    }

    void spend(UUID successor, Instant now) {
        this.spentAt = now;
        this.successorId = successor;
    }

    boolean spent() {
        return spentAt != null;
    }

    boolean expired(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** Spent so recently that presenting it again is a retry after a lost response. */
    boolean spentWithin(Duration grace, Instant now) {
        return spentAt != null && !now.isAfter(spentAt.plus(grace));
    }

    public UUID id() {
        return id;
    }

    public UUID familyId() {
        return familyId;
    }

    public UUID successorId() {
        return successorId;
    }

    public UUID accessJti() {
        return accessJti;
    }

    public Instant accessIssuedAt() {
        return accessIssuedAt;
    }

    public Instant accessExpiresAt() {
        return accessExpiresAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }
}
