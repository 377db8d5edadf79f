package org.doorstep.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One published version of a notice or consent text, the county's (no town) or a town's own. Never changed once
 * published (the database refuses it): a new version is published instead.
 */
@Entity
@Table(name = "privacy_text")
public class PrivacyText {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Enumerated(EnumType.STRING)
    private PrivacyTextPurpose purpose;
    private int version;
    private String body;
    @Column(name = "published_by")
    private UUID publishedBy;
    @Column(name = "published_at")
    private Instant publishedAt;

    protected PrivacyText() {
    }

    PrivacyText(UUID townId, PrivacyTextPurpose purpose, int version, String body, UUID publishedBy, Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.purpose = purpose;
        this.version = version;
        this.body = body;
        this.publishedBy = publishedBy;
        this.publishedAt = now;
    }

    public UUID id() {
        return id;
    }

    /** The town whose own wording this is; empty for the county's. */
    public java.util.Optional<UUID> townId() {
        return java.util.Optional.ofNullable(townId);
    }

    public PrivacyTextPurpose purpose() {
        return purpose;
    }

    public int version() {
        return version;
    }

    public String body() {
        return body;
    }

    public UUID publishedBy() {
        return publishedBy;
    }

    public Instant publishedAt() {
        return publishedAt;
    }
}
