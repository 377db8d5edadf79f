package org.doorstep.field;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.booking.CallerRelation;
import org.doorstep.booking.FieldVisits;
import org.doorstep.booking.LocationStatus;
import org.doorstep.booking.Visit;
import org.doorstep.booking.VisitAction;
import org.doorstep.booking.VisitApi;
import org.doorstep.booking.VisitEvent;
import org.doorstep.booking.VisitStatus;
import org.doorstep.capture.CaptureService;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Village;
import org.doorstep.resident.CallerPhones;
import org.doorstep.resident.Resident;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.Idempotency;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * The field team's side of a visit: the day's visits as the tablet needs them at the door, what
 * changed since the tablet last synced, and what the agent reports from the visit. Tablets work on a
 * bad network: every report may come twice or out of order, and none is applied twice.
 */
@ApplicationScoped
public class FieldService {

    /** Closed visits stay on the tablet this long (for late uploads and the day's record). */
    static final Duration KEEP_CLOSED = Duration.ofDays(2);

    private final FieldVisits fieldVisits;
    private final CaptureService captures;
    private final ConsentService consents;
    private final ResidentService residents;
    private final CallerPhones callerPhones;
    private final CatalogService catalog;
    private final ChangeFeed feed;
    private final Idempotency idempotency;
    private final Clock clock;

    public FieldService(FieldVisits fieldVisits, CaptureService captures, ConsentService consents, ResidentService residents,
            CallerPhones callerPhones, CatalogService catalog, ChangeFeed feed, Idempotency idempotency, Clock clock) {
        this.callerPhones = callerPhones;
        this.fieldVisits = fieldVisits;
        this.captures = captures;
        this.consents = consents;
        this.residents = residents;
        this.catalog = catalog;
        this.feed = feed;
        this.idempotency = idempotency;
        this.clock = clock;
    }

    /** The caller's team's visits of the day (today when null), in route order. */
    @Transactional
    public List<FieldApi.Visit> day(Caller agent, LocalDate date) {
        LocalDate day = date != null ? date : LocalDate.ofInstant(clock.instant(), catalog.town(agent.townId()).zone());
        return doorViews(agent, fieldVisits.teamDay(agent, day));
    }

    /**
     * What changed for the caller's team since the cursor, or everything it keeps when there is none.
     * The watermark is taken before anything is read, so a change committed during the read comes
     * (again) with the next sync rather than never.
     */
    @Transactional
    public FieldApi.Sync sync(Caller agent, String cursor) {
        UUID team = FieldVisits.teamOf(agent);
        Instant now = clock.instant();
        SyncCursor since = cursor == null || cursor.isBlank() ? null : SyncCursor.decode(cursor.strip(), team, now);
        String watermark = feed.watermark();
        String next = new SyncCursor(team, watermark, now).encode();
        if (since == null) {
            return new FieldApi.Sync(next, true, doorViews(agent, fieldVisits.keptByTeam(agent, KEEP_CLOSED, null)), List.of());
        }
        if (Long.compareUnsigned(Long.parseUnsignedLong(since.watermark()), Long.parseUnsignedLong(watermark)) > 0) {
            // from a database this one is not (restored from a backup, failed over): start again
            throw FieldProblem.CURSOR_EXPIRED
                    .exception("The cursor is ahead of this database; sync again without a cursor for a full snapshot");
        }
        List<UUID> changed = feed.changed(team, since.watermark(), watermark);
        List<Visit> kept = fieldVisits.keptByTeam(agent, KEEP_CLOSED, changed);
        Set<UUID> keptIds = kept.stream().map(Visit::id).collect(Collectors.toSet());
        List<UUID> removed = changed.stream().filter(id -> !keptIds.contains(id)).sorted().toList();
        return new FieldApi.Sync(next, false, doorViews(agent, kept), removed);
    }

    /** The outcome of a report: the visit, and the status code to answer with. */
    public record Reported(int status, String body) {
    }

    /**
     * Records DEPART, ARRIVE, COMPLETE or FAIL with the tablet's own time and position. The same
     * Idempotency-Key and body get the first answer; an action the visit has recorded already is not
     * done again; an ARRIVE before its DEPART records both.
     */
    @Transactional
    public Reported report(Caller agent, UUID visitId, String idempotencyKey, FieldApi.EventIn event) {
        int year = event.occurredAt().atZone(java.time.ZoneOffset.UTC).getYear();
        if (year < 1970 || year > 2999) { // a tablet's clock may be off, but not by centuries
            throw ProblemException.invalid("occurredAt", "time-range", "must be a time between 1970 and 2999", "from", 1970,
                    "to", 2999);
        }
        if (event.type() == FieldApi.Action.FAIL && (event.reason() == null || event.reason().isBlank())) {
            throw ProblemException.invalid("reason", "required", "is required to report a failed visit");
        }
        var replay = idempotency.claim(agent.staffId(), idempotencyKey, "visit-event:" + visitId, event);
        if (replay.isPresent()) {
            return new Reported(replay.get().status(), replay.get().body());
        }
        if (event.type() == FieldApi.Action.COMPLETE) {
            requireEverythingCaptured(agent, fieldVisits.lockForField(agent, visitId));
        }
        LocationStatus location = event.location() != null ? event.location()
                : event.latitude() != null && event.longitude() != null ? LocationStatus.FIXED : null;
        if (location != LocationStatus.FIXED && location != null && event.latitude() != null) {
            throw ProblemException.invalid("location", "position-without-fix", "must be FIXED when a position is sent");
        }
        VisitEvent.Context context = new VisitEvent.Context(agent.staffId(), agent.deviceId().orElse(null),
                event.occurredAt(), event.latitude(), event.longitude(), event.accuracyMeters(), location,
                event.reason() == null || event.reason().isBlank() ? null : event.reason().strip());
        FieldVisits.FieldOutcome outcome = fieldVisits.recordFieldEvent(agent, visitId, VisitAction.valueOf(
                event.type().name()), context);
        VisitApi.View view = outcome.view();
        idempotency.remember(agent.staffId(), idempotencyKey, 200, view);
        return new Reported(200, idempotency.write(view));
    }

    /**
     * A visit is completed only with every capture its service needs, and for a biometric service
     * the resident's consent: 422 listing exactly what is missing. (Checked with the visit locked;
     * a COMPLETE already recorded is not checked again.)
     */
    private void requireEverythingCaptured(Caller agent, Visit visit) {
        if (visit.status() != VisitStatus.ON_SITE) {
            return;
        }
        ServiceType service = catalog.serviceTypesById(agent.townId()).get(visit.serviceTypeId());
        Set<CaptureKind> captured = captures.capturedKinds(visit.id());
        List<CaptureKind> missing = service.requiredCaptures().stream().filter(k -> !captured.contains(k)).toList();
        List<String> missingConsents = service.biometric()
                && !consents.purposesGranted(visit.id()).contains(ConsentPurpose.BIOMETRIC_CAPTURE.name())
                        ? List.of(ConsentPurpose.BIOMETRIC_CAPTURE.name())
                        : List.of();
        if (!missing.isEmpty() || !missingConsents.isEmpty()) {
            throw FieldProblem.VISIT_INCOMPLETE
                    .exception("The visit cannot be completed yet: " + describe(missing, missingConsents))
                    .with("missingCaptures", missing).with("missingConsents", missingConsents);
        }
    }

    private static String describe(List<CaptureKind> captures, List<String> consents) {
        List<String> parts = new ArrayList<>();
        if (!captures.isEmpty()) {
            parts.add("captures " + captures);
        }
        if (!consents.isEmpty()) {
            parts.add("consent " + consents);
        }
        return String.join(" and ", parts) + " missing";
    }

    private List<FieldApi.Visit> doorViews(Caller agent, List<Visit> visits) {
        if (visits.isEmpty()) {
            return List.of();
        }
        Map<UUID, ServiceType> services = catalog.serviceTypesById(agent.townId());
        Map<UUID, Village> villages = catalog.villagesById(agent.townId());
        Set<UUID> residentIds = new HashSet<>();
        visits.forEach(v -> residentIds.add(v.residentId()));
        Map<UUID, Resident> people = residents.findAll(agent.townId(), residentIds);
        Map<UUID, String> phones = residents.revealPhones(agent, people.values(), "field visit");
        Map<UUID, String> callers = this.callerPhones.revealCallerPhones(agent, visits.stream()
                .filter(v -> v.callerRelation() != CallerRelation.SELF && v.callerPhoneSealed() != null)
                .collect(Collectors.toMap(Visit::id, Visit::callerPhoneSealed)), "field visit: call the caller");
        List<UUID> ids = visits.stream().map(Visit::id).toList();
        Map<UUID, Set<CaptureKind>> captured = captures.capturedKinds(ids);
        Map<UUID, Set<String>> consented = consents.purposesGranted(ids);
        Instant now = clock.instant();
        List<FieldApi.Visit> views = new ArrayList<>(visits.size());
        for (Visit v : visits) {
            ServiceType s = services.get(v.serviceTypeId());
            Village village = villages.get(v.villageId());
            Resident r = people.get(v.residentId());
            views.add(new FieldApi.Visit(v.id(), v.ticketNumber(), v.status(), v.version(), v.slotStart(), v.slotEnd(),
                    new FieldApi.Service(s.code(), s.name(), s.biometric(), s.durationMinutes(), s.requiredCaptures()),
                    r == null ? null
                            : new FieldApi.Resident(r.id(), r.name(), r.idNumberMasked(), phones.get(r.id()),
                                    r.address()),
                    new FieldApi.Village(village.id(), village.name(), village.latitude(), village.longitude()),
                    v.address(), new FieldApi.Caller(v.callerName(), v.callerRelation(), v.callerPhoneMasked(),
                            callers.get(v.id())),
                    v.notes(),
                    v.dueAt(), v.overdue(now), captured.getOrDefault(v.id(), Set.of()).stream().sorted().toList(),
                    consented.getOrDefault(v.id(), Set.of()).stream().sorted().toList()));
        }
        return views;
    }

}
