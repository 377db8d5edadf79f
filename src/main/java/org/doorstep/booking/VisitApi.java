package org.doorstep.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Village;
import org.doorstep.resident.Resident;
import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the visit endpoints. */
public final class VisitApi {

    private VisitApi() {
    }

    @Schema(name = "Caller", description = "Who phoned: the resident, or someone on their behalf. When the resident"
            + " phoned themself (relation SELF), name and phone may be left out: the resident's own are taken.")
    public record CallerIn(
            @Size(max = 50) @Schema(description = "Required unless relation is SELF", examples = "胡女士的女儿") String name,
            @NotNull @Schema(examples = "CHILD") CallerRelation relation,
            @Size(max = 30) @Schema(description = "Required unless relation is SELF", examples = "13907310088") String phone) {
    }

    @Schema(name = "BookVisitRequest")
    public record Book(
            @NotNull UUID residentId,
            @NotBlank @Size(max = 64) @Schema(examples = "RETIREMENT_CERTIFICATION") String serviceTypeCode,
            @NotNull Channel channel,
            @NotNull @Valid CallerIn caller,
            @NotNull @Schema(examples = "2026-11-30") LocalDate preferredDate,
            @NotNull Period preferredPeriod,
            @Size(max = 200) @Schema(description = "Where to go, if not the resident's address") String address,
            @Size(max = 500) @Schema(description = "Mobility, dog, which door", examples = "术后卧床；院里有狗；走东边侧门") String notes,
            @Schema(description = "The FAILED visit this one books again") UUID previousVisitId) {

        /** The caller's phone as typed, or null. */
        String callerPhone() {
            return caller == null ? null : caller.phone();
        }

        /** The same booking with another caller's phone: a stand-in for fingerprinting a request. */
        Book withCallerPhone(String phone) {
            return new Book(residentId, serviceTypeCode, channel,
                    caller == null ? null : new CallerIn(caller.name(), caller.relation(), phone), preferredDate,
                    preferredPeriod, address, notes, previousVisitId);
        }
    }

    @Schema(name = "CancelVisitRequest")
    public record Cancel(@NotBlank @Size(max = 500) @Schema(examples = "居民已自行到村服务中心办理") String reason) {
    }

    @Schema(name = "VisitResident")
    public record ResidentRef(UUID id, @Schema(examples = "胡淑坤") String name,
            @Schema(examples = "430181********102X") String idNumberMasked) {
    }

    @Schema(name = "VisitService")
    public record ServiceRef(@Schema(examples = "RETIREMENT_CERTIFICATION") String code,
            @Schema(examples = "退休资格认证") String name) {
    }

    @Schema(name = "VisitVillage")
    public record VillageRef(UUID id, @Schema(examples = "心源村") String name) {
    }

    @Schema(name = "VisitCaller")
    public record CallerOut(String name, CallerRelation relation, @Schema(examples = "139****0088") String phoneMasked) {
    }

    @Schema(name = "VisitEvent")
    public record Event(String type, VisitStatus fromStatus, VisitStatus toStatus, UUID actorId,
            @Schema(description = "The staff member's display name", examples = "队员 王强") String actorName, UUID deviceId,
            @Schema(description = "The tablet's label, when it came from a tablet", examples = "永安一队 平板 3") String deviceLabel,
            @Schema(description = "When the server recorded it") Instant recordedAt,
            @Schema(description = "When the device says it happened") Instant occurredAt, BigDecimal latitude,
            BigDecimal longitude, BigDecimal accuracyMeters,
            @Schema(description = "Whether the tablet had a position: FIXED, or DENIED (the agent or the tablet refused) or UNAVAILABLE (no fix in time); absent where no device was asked") LocationStatus location,
            String reason) {

        static Event from(VisitEvent e, Map<UUID, String> staffNames, Map<UUID, String> deviceLabels) {
            return new Event(e.type(), e.fromStatus(), e.toStatus(), e.actorId(), staffNames.get(e.actorId()), e.deviceId(),
                    e.deviceId() == null ? null : deviceLabels.get(e.deviceId()), e.recordedAt(), e.occurredAt(),
                    e.latitude(), e.longitude(), e.accuracyMeters(), e.location(), e.reason());
        }
    }

    @Schema(name = "Assignment", description = "The team and time slot a scheduled visit is given to")
    public record Assignment(UUID teamId, @Schema(examples = "永安一队") String teamName,
            @Schema(examples = "2026-11-30T09:00:00+08:00") Instant start,
            @Schema(examples = "2026-11-30T09:30:00+08:00") Instant end) {
    }

    @Schema(name = "Visit")
    public record View(UUID id, @Schema(examples = "YA-20261127-0007") String ticketNumber, VisitStatus status,
            ResidentRef resident, ServiceRef serviceType, VillageRef village, String address, Channel channel,
            CallerOut caller, LocalDate preferredDate, Period preferredPeriod, String notes,
            @Schema(description = "The deadline: the service's working days after booking, at close of day") Instant dueAt,
            @Schema(description = "True while dueAt was counted into a year whose holiday schedule is not loaded yet;"
                    + " it is counted again when an admin adds that year") boolean dueAtProvisional,
            @Schema(description = "Past dueAt and not closed") boolean overdue,
            @Schema(description = "Present once the visit is given to a team") Assignment assignment, UUID previousVisitId,
            @Schema(description = "What the visit's state allows next; the caller's role may still forbid it") List<VisitAction> allowedActions,
            long version,
            Instant createdAt, Instant updatedAt,
            @Schema(description = "Every transition, oldest first (only on GET /visits/{id})") List<Event> events) {

        static View from(Visit v, Resident resident, ServiceType service, Village village, String teamName, Instant now,
                List<Event> events) {
            return new View(v.id(), v.ticketNumber(), v.status(),
                    new ResidentRef(v.residentId(), resident == null ? null : resident.name(),
                            resident == null ? null : resident.idNumberMasked()),
                    service == null ? null : new ServiceRef(service.code(), service.name()),
                    new VillageRef(v.villageId(), village == null ? null : village.name()), v.address(), v.channel(),
                    new CallerOut(v.callerName(), v.callerRelation(), v.callerPhoneMasked()), v.preferredDate(),
                    v.preferredPeriod(), v.notes(), v.dueAt(), v.dueAtProvisional(), v.overdue(now),
                    v.teamId() == null ? null : new Assignment(v.teamId(), teamName, v.slotStart(), v.slotEnd()),
                    v.previousVisitId(), List.copyOf(VisitLifecycle.allowed(v.status())),
                    v.version(),
                    v.createdAt(), v.updatedAt(), events);
        }

        @Schema(name = "VisitPage")
        public static final class Paged extends PageSchema<View> {
        }
    }

    /** The values of the visit list's followUp filter, as the contract spells them (any case is read). */
    @Schema(name = "FollowUpFilter", type = SchemaType.STRING, description = "pending: closed visits whose resident no follow-up call has reached yet; done: those whose resident was reached", enumeration = {
            "pending", "done" })
    public static final class FollowUpFilter {
        private FollowUpFilter() {
        }
    }
}
