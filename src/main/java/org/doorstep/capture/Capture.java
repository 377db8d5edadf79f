package org.doorstep.capture;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.doorstep.catalog.CaptureKind;

/**
 * One file of a visit: first a tus upload whose bytes arrive in parts, then, once every byte is
 * there and checked, a capture of the visit; a biometric one is purged when its retention ends.
 */
@Entity
@Table(name = "capture")
public class Capture {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "visit_id")
    private UUID visitId;
    @Enumerated(EnumType.STRING)
    private CaptureKind kind;
    private boolean biometric;
    @Enumerated(EnumType.STRING)
    private CaptureStatus status;
    @Column(name = "file_name")
    private String fileName;
    private String sha256;
    private long size;
    @Column(name = "upload_offset")
    private long uploadOffset;
    @Column(name = "content_type")
    private String contentType;
    @Column(name = "captured_at")
    private Instant capturedAt;
    @Column(name = "key_id")
    private String keyId;
    @Column(name = "wrapped_key")
    private byte[] wrappedKey;
    @Column(name = "created_by")
    private UUID createdBy;
    @Column(name = "device_id")
    private UUID deviceId;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "expires_at")
    private Instant expiresAt;
    @Column(name = "completed_at")
    private Instant completedAt;
    @Column(name = "purged_at")
    private Instant purgedAt;
    @Enumerated(EnumType.STRING)
    @Column(name = "purge_reason")
    private PurgeReason purgeReason;

    protected Capture() {
    }

    /** What the tablet declared when it started the upload. */
    record Declared(CaptureKind kind, String fileName, String sha256, long size, Instant capturedAt) {
    }

    static Capture start(UUID id, UUID townId, UUID visitId, Declared declared, CaptureCipher.DataKey key, UUID staffId,
            UUID deviceId, Instant now, Instant expiresAt) {
        Capture c = new Capture();
        c.id = id;
        c.townId = townId;
        c.visitId = visitId;
        c.kind = declared.kind();
        c.biometric = CapturePolicy.biometric(declared.kind());
        c.status = CaptureStatus.UPLOADING;
        c.fileName = declared.fileName();
        c.sha256 = declared.sha256();
        c.size = declared.size();
        c.capturedAt = declared.capturedAt();
        c.keyId = key.masterKeyId();
        c.wrappedKey = key.wrapped();
        c.createdBy = staffId;
        c.deviceId = deviceId;
        c.createdAt = now;
        c.expiresAt = expiresAt;
        return c;
    }

    /** Bytes appended at the current offset; the upload lives on from now. */
    void appended(long length, Instant expiresAt) {
        if (status != CaptureStatus.UPLOADING || uploadOffset + length > size) {
            throw new IllegalStateException("append past the end of capture " + id);
        }
        this.uploadOffset += length;
        this.expiresAt = expiresAt;
    }

    /** Every byte is there and checked: the upload becomes a capture of the visit. */
    void complete(ContentType type, Instant now) {
        if (status != CaptureStatus.UPLOADING || uploadOffset != size) {
            throw new IllegalStateException("capture " + id + " is not fully uploaded");
        }
        this.status = CaptureStatus.COMPLETE;
        this.contentType = type.mediaType();
        this.completedAt = now;
        this.expiresAt = null;
    }

    /** Why a capture's bytes were deleted. */
    public enum PurgeReason {
        /** The biometric retention after the visit ended ran out. */
        RETENTION_ENDED,
        /** The resident withdrew their consent to biometric capture. */
        CONSENT_WITHDRAWN,
        /** The resident's personal data was erased: every capture of theirs, and its file name. */
        ERASED
    }

    /** The bytes are deleted; what was captured, and when, is kept. */
    void purge(Instant now, PurgeReason reason) {
        if (status != CaptureStatus.COMPLETE) {
            throw new IllegalStateException("only a complete capture is purged");
        }
        this.status = CaptureStatus.PURGED;
        this.purgedAt = now;
        this.purgeReason = reason;
        if (reason == PurgeReason.ERASED) {
            this.fileName = "erased";
        }
    }

    /** The audit entry of a purge: which capture of which visit, and why. */
    org.doorstep.audit.AuditEvent purgedEvent() {
        return org.doorstep.audit.AuditEvent.of(org.doorstep.audit.AuditAction.CAPTURE_PURGED).town(townId)
                .target("capture", id).detail("visit", visitId)
                .detail("kind", kind.name()).detail("reason", purgeReason.name());
    }

    public PurgeReason purgeReason() {
        return purgeReason;
    }

    boolean expired(Instant now) {
        return status == CaptureStatus.UPLOADING && !now.isBefore(expiresAt);
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public UUID visitId() {
        return visitId;
    }

    public CaptureKind kind() {
        return kind;
    }

    public boolean biometric() {
        return biometric;
    }

    public CaptureStatus status() {
        return status;
    }

    public String fileName() {
        return fileName;
    }

    public String sha256() {
        return sha256;
    }

    public long size() {
        return size;
    }

    public long uploadOffset() {
        return uploadOffset;
    }

    public String contentType() {
        return contentType;
    }

    public Instant capturedAt() {
        return capturedAt;
    }

    public String keyId() {
        return keyId;
    }

    public byte[] wrappedKey() {
        return wrappedKey;
    }

    public UUID createdBy() {
        return createdBy;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public Instant completedAt() {
        return completedAt;
    }

    public Instant purgedAt() {
        return purgedAt;
    }
}
