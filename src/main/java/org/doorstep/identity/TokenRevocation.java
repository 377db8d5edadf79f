package org.doorstep.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** From {@code revokedAt} on, access tokens issued earlier to this tablet, staff member or session fail. */
@Entity
@Table(name = "token_revocation")
public class TokenRevocation {

    public enum Kind {
        DEVICE,
        STAFF,
        SESSION
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Enumerated(EnumType.STRING)
    private Kind kind;
    private UUID subject;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    private String reason;

    protected TokenRevocation() {
    }

    TokenRevocation(Kind kind, UUID subject, Instant revokedAt, String reason) {
        this.kind = kind;
        this.subject = subject;
        this.revokedAt = revokedAt;
        this.reason = reason;
    }

    public Long id() {
        return id;
    }

    public Kind kind() {
        return kind;
    }

    public UUID subject() {
        return subject;
    }

    public Instant revokedAt() {
        return revokedAt;
    }
}
