package org.doorstep.booking;

import java.math.BigDecimal;
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

/** One step in a visit's life: who, from which tablet, the server's time, the device's time and position. */
@Entity
@Table(name = "visit_event")
public class VisitEvent {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;
    @Column(name = "visit_id")
    private UUID visitId;
    private String type;
    @Enumerated(EnumType.STRING)
    @Column(name = "from_status")
    private VisitStatus fromStatus;
    @Enumerated(EnumType.STRING)
    @Column(name = "to_status")
    private VisitStatus toStatus;
    @Column(name = "actor_id")
    private UUID actorId;
    @Column(name = "device_id")
    private UUID deviceId;
    @Column(name = "recorded_at")
    private Instant recordedAt;
    @Column(name = "occurred_at")
    private Instant occurredAt;
    @Column(precision = 9, scale = 6)
    private BigDecimal latitude;
    @Column(precision = 9, scale = 6)
    private BigDecimal longitude;
    @Column(name = "accuracy_meters", precision = 8, scale = 1)
    private BigDecimal accuracyMeters;
    @Enumerated(EnumType.STRING)
    @Column(name = "location_status")
    private LocationStatus location;
    private String reason;

    protected VisitEvent() {
    }

    /** Where and when it happened, as the actor's device says. */
    public record Context(UUID actorId, UUID deviceId, Instant occurredAt, BigDecimal latitude, BigDecimal longitude,
            BigDecimal accuracyMeters, LocationStatus location, String reason) {

        /** Where the device was not asked: what the office does. */
        public Context(UUID actorId, UUID deviceId, Instant occurredAt, BigDecimal latitude, BigDecimal longitude,
                BigDecimal accuracyMeters, String reason) {
            this(actorId, deviceId, occurredAt, latitude, longitude, accuracyMeters, null, reason);
        }

        public static Context of(UUID actorId, UUID deviceId, String reason) {
            return new Context(actorId, deviceId, null, null, null, null, reason);
        }
    }

    VisitEvent(UUID visitId, String type, VisitStatus from, VisitStatus to, Context context, Instant now) {
        this.visitId = visitId;
        this.type = type;
        this.fromStatus = from;
        this.toStatus = to;
        this.actorId = context.actorId();
        this.deviceId = context.deviceId();
        this.recordedAt = now;
        this.occurredAt = context.occurredAt();
        this.latitude = context.latitude();
        this.longitude = context.longitude();
        this.accuracyMeters = context.accuracyMeters();
        this.location = context.location();
        this.reason = context.reason();
    }

    public Long id() {
        return id;
    }

    public String type() {
        return type;
    }

    public VisitStatus fromStatus() {
        return fromStatus;
    }

    public VisitStatus toStatus() {
        return toStatus;
    }

    public UUID actorId() {
        return actorId;
    }

    public UUID deviceId() {
        return deviceId;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public BigDecimal latitude() {
        return latitude;
    }

    public BigDecimal longitude() {
        return longitude;
    }

    public BigDecimal accuracyMeters() {
        return accuracyMeters;
    }

    public LocationStatus location() {
        return location;
    }

    public String reason() {
        return reason;
    }
}
