package org.doorstep.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.doorstep.booking.CallerRelation;

/** A resident's request to exercise a right over their data, a work item with a deadline until it is closed. */
@Entity
@Table(name = "rights_request")
public class RightsRequest {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "resident_id")
    private UUID residentId;
    @Enumerated(EnumType.STRING)
    private RightsRequestKind kind;
    @Enumerated(EnumType.STRING)
    @Column(name = "requested_by")
    private CallerRelation requestedBy;
    @Column(name = "requester_name")
    private String requesterName;
    @Enumerated(EnumType.STRING)
    @Column(name = "identity_check")
    private IdentityCheck identityCheck;
    private String details;
    @Enumerated(EnumType.STRING)
    private RightsRequestStatus status;
    private String reason;
    @Column(name = "received_at")
    private Instant receivedAt;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "recorded_by")
    private UUID recordedBy;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Column(name = "closed_by")
    private UUID closedBy;
    @Version
    private long version;

    protected RightsRequest() {
    }

    RightsRequest(UUID townId, UUID residentId, RightsRequestKind kind, CallerRelation requestedBy, String requesterName,
            IdentityCheck identityCheck, String details, Instant receivedAt, Instant dueAt, UUID recordedBy) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.residentId = residentId;
        this.kind = kind;
        this.requestedBy = requestedBy;
        this.requesterName = requesterName;
        this.identityCheck = identityCheck;
        this.details = details;
        this.status = RightsRequestStatus.OPEN;
        this.receivedAt = receivedAt;
        this.dueAt = dueAt;
        this.recordedBy = recordedBy;
    }

    void close(RightsRequestStatus outcome, String reason, UUID by, Instant now) {
        this.status = outcome;
        this.reason = reason;
        this.closedBy = by;
        this.closedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public UUID residentId() {
        return residentId;
    }

    public RightsRequestKind kind() {
        return kind;
    }

    public CallerRelation requestedBy() {
        return requestedBy;
    }

    public String requesterName() {
        return requesterName;
    }

    public IdentityCheck identityCheck() {
        return identityCheck;
    }

    public String details() {
        return details;
    }

    public RightsRequestStatus status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public Instant dueAt() {
        return dueAt;
    }

    public UUID recordedBy() {
        return recordedBy;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public UUID closedBy() {
        return closedBy;
    }

    public long version() {
        return version;
    }
}
