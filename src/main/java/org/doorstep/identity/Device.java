package org.doorstep.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.OptimisticLock;

/** An enrolled field tablet. Revoking it cuts off every token it holds. */
@Entity
@Table(name = "device")
public class Device {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    private String label;
    @Column(name = "serial_number")
    private String serialNumber;
    @Enumerated(EnumType.STRING)
    private DeviceStatus status;
    @Column(name = "enrollment_code_hash")
    private byte[] enrollmentCodeHash;
    @Column(name = "enrollment_expires_at")
    private Instant enrollmentExpiresAt;
    @Column(name = "secret_hash")
    private byte[] secretHash;
    private String model;
    @Column(name = "os_version")
    private String osVersion;
    @OptimisticLock(excluded = true)
    @Column(name = "app_version")
    private String appVersion;
    @OptimisticLock(excluded = true)
    @Column(name = "last_seen_at")
    private Instant lastSeenAt;
    @OptimisticLock(excluded = true)
    @Column(name = "last_staff_id")
    private UUID lastStaffId;
    @Column(name = "enrolled_at")
    private Instant enrolledAt;
    @Column(name = "revoked_at")
    private Instant revokedAt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Version
    private long version;

    protected Device() {
    }

    Device(UUID townId, String label, String serialNumber, byte[] enrollmentCodeHash, Instant enrollmentExpiresAt,
            Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.label = label;
        this.serialNumber = serialNumber;
        this.status = DeviceStatus.PENDING;
        this.enrollmentCodeHash = enrollmentCodeHash;
        this.enrollmentExpiresAt = enrollmentExpiresAt;
        this.createdAt = now;
    }

    /** Trades the enrolment code for a secret: single use, so the code is forgotten. */
    void enroll(byte[] secretHash, String model, String osVersion, String appVersion, Instant now) {
        this.status = DeviceStatus.ACTIVE;
        this.enrollmentCodeHash = null;
        this.secretHash = secretHash;
        this.model = model;
        this.osVersion = osVersion;
        this.appVersion = appVersion;
        this.enrolledAt = now;
        this.lastSeenAt = now;
    }

    /** A new one-time code for a tablet not enrolled yet (the last one expired, or was never typed). */
    void newEnrollmentCode(byte[] codeHash, Instant expiresAt) {
        this.enrollmentCodeHash = codeHash;
        this.enrollmentExpiresAt = expiresAt;
    }

    boolean enrollmentExpired(Instant now) {
        return enrollmentExpiresAt == null || !now.isBefore(enrollmentExpiresAt);
    }

    void seen(UUID staffId, String appVersion, Instant now) {
        this.lastSeenAt = now;
        this.lastStaffId = staffId;
        if (appVersion != null) {
            this.appVersion = appVersion;
        }
    }

    void revoke(Instant now) {
        this.status = DeviceStatus.REVOKED;
        this.enrollmentCodeHash = null;
        this.revokedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String label() {
        return label;
    }

    public String serialNumber() {
        return serialNumber;
    }

    public DeviceStatus status() {
        return status;
    }

    byte[] secretHash() {
        return secretHash;
    }

    public Instant enrollmentExpiresAt() {
        return enrollmentExpiresAt;
    }

    public String model() {
        return model;
    }

    public String osVersion() {
        return osVersion;
    }

    public String appVersion() {
        return appVersion;
    }

    public Instant lastSeenAt() {
        return lastSeenAt;
    }

    public UUID lastStaffId() {
        return lastStaffId;
    }

    public Instant enrolledAt() {
        return enrolledAt;
    }

    public Instant revokedAt() {
        return revokedAt;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
