package org.doorstep.field;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.booking.CallerRelation;
import org.doorstep.booking.LocationStatus;
import org.doorstep.booking.VisitStatus;
import org.doorstep.catalog.CaptureKind;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the field tablets' endpoints. */
public final class FieldApi {

    private FieldApi() {
    }

    public static final String DOOR_VISIT_EXAMPLE = """
            {"id":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","ticketNumber":"YA-20261127-0007","status":"SCHEDULED",
            "version":1,"start":"2026-11-30T09:00:00+08:00","end":"2026-11-30T09:30:00+08:00",
            "service":{"code":"RETIREMENT_CERTIFICATION","name":"退休资格认证","biometric":true,"durationMinutes":30,
            "requiredCaptures":["FACE_PHOTO","ID_CARD_FRONT","ID_CARD_BACK","APPLICATION_FORM"]},
            "resident":{"id":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","name":"胡淑坤","idNumberMasked":"430181********102X",
            "phone":"13807310042","address":"心源村五组12号"},
            "village":{"id":"0f1e2d3c-4b5a-4697-8877-665544332211","name":"心源村","latitude":28.2712,"longitude":113.8641},
            "address":"心源村五组12号","caller":{"name":"胡明","relation":"CHILD","phoneMasked":"139****0088"},
            "notes":"老人行动不便，请敲门后稍等","dueAt":"2026-12-04T17:30:00+08:00","overdue":false,
            "captured":["ID_CARD_FRONT"],"consents":[]}""";

    /** What a field agent reports from a visit. */
    @Schema(name = "FieldAction")
    public enum Action {
        DEPART,
        ARRIVE,
        COMPLETE,
        FAIL
    }

    @Schema(name = "FieldEvent", description = "What happened, as the tablet saw it: its own clock and position")
    public record EventIn(@NotNull Action type,
            @NotNull @Schema(description = "The tablet's time of the event", examples = "2026-11-30T09:02:11+08:00") Instant occurredAt,
            @DecimalMin("-90") @DecimalMax("90") @Schema(examples = "28.271203") BigDecimal latitude,
            @DecimalMin("-180") @DecimalMax("180") @Schema(examples = "113.864107") BigDecimal longitude,
            @DecimalMin("0") @DecimalMax("100000") @Schema(examples = "12.5") BigDecimal accuracyMeters,
            @Schema(description = "Whether the tablet had a position: FIXED (send latitude, longitude and accuracy), DENIED (location refused on the tablet) or UNAVAILABLE (no fix in time). Optional: without it, a position sent means FIXED and none means nothing was said", examples = "FIXED") LocationStatus location,
            @Size(max = 500) @Schema(description = "Why, for FAIL (required there)", examples = "居民不在家，电话未接通") String reason) {
    }

    @Schema(name = "DoorService", description = "The service and what it needs captured")
    public record Service(@Schema(examples = "RETIREMENT_CERTIFICATION") String code,
            @Schema(examples = "退休资格认证") String name, boolean biometric, int durationMinutes,
            List<CaptureKind> requiredCaptures) {
    }

    @Schema(name = "DoorResident", description = "Who is visited; the phone in full (each read is audited)")
    public record Resident(UUID id, @Schema(examples = "胡淑坤") String name,
            @Schema(examples = "430181********102X") String idNumberMasked, @Schema(examples = "13807310042") String phone,
            @Schema(examples = "心源村五组12号") String address) {
    }

    @Schema(name = "DoorVillage")
    public record Village(UUID id, @Schema(examples = "心源村") String name, BigDecimal latitude, BigDecimal longitude) {
    }

    @Schema(name = "DoorCaller", description = "Who phoned for the resident; the phone in full to call them back from the door (each read is audited)")
    public record Caller(@Schema(examples = "胡明") String name, CallerRelation relation,
            @Schema(examples = "139****0088") String phoneMasked,
            @Schema(description = "In full, for a proxy's call (absent when the resident called, whose own is theirs)", examples = "13900000088") String phone) {
    }

    @Schema(name = "DoorVisit", description = "A visit as the tablet needs it at the door")
    public record Visit(UUID id, @Schema(examples = "YA-20261127-0007") String ticketNumber, VisitStatus status,
            long version, Instant start, Instant end, Service service, Resident resident, Village village,
            @Schema(description = "Where to go (the visit's address)") String address, Caller caller,
            @Schema(description = "The operator's notes from the call") String notes, Instant dueAt, boolean overdue,
            @Schema(description = "The kinds captured so far (complete uploads)") List<CaptureKind> captured,
            @Schema(description = "The consents given so far, by purpose (BIOMETRIC_CAPTURE)") List<String> consents) {
    }

    @Schema(name = "SyncBatch")
    public record Sync(@Schema(description = "Send it back next time; opaque") String cursor,
            @Schema(description = "True when this is a full snapshot: drop what you kept and take these") boolean full,
            @Schema(description = "New and changed visits, in full") List<Visit> visits,
            @Schema(description = "Visits to drop: cancelled, reassigned away, or closed and past keeping") List<UUID> removed) {
    }
}
