package org.doorstep.field;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A resident's (or guardian's) recorded agreement to one purpose, taken at the door during a visit. */
@Entity
@Table(name = "consent")
public class Consent {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "visit_id")
    private UUID visitId;
    @Enumerated(EnumType.STRING)
    private ConsentPurpose purpose;
    @Enumerated(EnumType.STRING)
    @Column(name = "granted_by")
    private ConsentGrantor grantedBy;
    @Column(name = "guardian_name")
    private String guardianName;
    @Enumerated(EnumType.STRING)
    private ConsentRelation relation;
    @Column(name = "signature_capture_id")
    private UUID signatureCaptureId;
    @Column(name = "text_id")
    private UUID textId;
    @Column(name = "recorded_by")
    private UUID recordedBy;
    @Column(name = "device_id")
    private UUID deviceId;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    @Column(name = "withdrawn_at")
    private Instant withdrawnAt;
    @Column(name = "withdrawn_by")
    private UUID withdrawnBy;

    protected Consent() {
    }

    /** Who agreed: the resident alone, or a guardian named with the relation. */
    record Grant(ConsentPurpose purpose, ConsentGrantor grantedBy, String guardianName, ConsentRelation relation,
            UUID signatureCaptureId, UUID textId) {
    }

    static Consent record(UUID townId, UUID visitId, Grant grant, UUID staffId, UUID deviceId, Instant now) {
        Consent c = new Consent();
        c.id = UUID.randomUUID();
        c.townId = townId;
        c.visitId = visitId;
        c.purpose = grant.purpose();
        c.grantedBy = grant.grantedBy();
        c.guardianName = grant.guardianName();
        c.relation = grant.relation();
        c.signatureCaptureId = grant.signatureCaptureId();
        c.textId = grant.textId();
        c.recordedBy = staffId;
        c.deviceId = deviceId;
        c.recordedAt = now;
        return c;
    }

    public UUID id() {
        return id;
    }

    public UUID textId() {
        return textId;
    }

    public Instant withdrawnAt() {
        return withdrawnAt;
    }

    public UUID townId() {
        return townId;
    }

    public UUID visitId() {
        return visitId;
    }

    public ConsentPurpose purpose() {
        return purpose;
    }

    public ConsentGrantor grantedBy() {
        return grantedBy;
    }

    public String guardianName() {
        return guardianName;
    }

    public ConsentRelation relation() {
        return relation;
    }

    public UUID signatureCaptureId() {
        return signatureCaptureId;
    }

    public UUID recordedBy() {
        return recordedBy;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }
}
