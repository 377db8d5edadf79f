package org.doorstep.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.resident.Resident;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Idempotency;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Problems;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;

/** Booking home visits by phone, listing them, and cancelling them. */
@ApplicationScoped
public class BookingService {

    static final int MAX_DAYS_AHEAD = 90;

    private final VisitRepository visits;
    private final TicketNumbers tickets;
    private final DeadlinePolicy deadlines;
    private final ResidentService residents;
    private final CatalogService catalog;
    private final Idempotency idempotency;
    private final VisitViews views;
    private final AuditService audit;
    private final Clock clock;

    public BookingService(VisitRepository visits, TicketNumbers tickets, DeadlinePolicy deadlines, ResidentService residents,
            CatalogService catalog, Idempotency idempotency, VisitViews views, AuditService audit, Clock clock) {
        this.visits = visits;
        this.tickets = tickets;
        this.deadlines = deadlines;
        this.residents = residents;
        this.catalog = catalog;
        this.idempotency = idempotency;
        this.views = views;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the operator took down; validated for shape by the resource, for meaning here. */
    public record Request(UUID residentId, String serviceTypeCode, Channel channel, String callerName,
            CallerRelation callerRelation, String callerPhone, LocalDate preferredDate, Period preferredPeriod,
            String address, String notes, UUID previousVisitId) {
    }

    /**
     * A booking's answer as it goes out (status and JSON body), the same for the first request and
     * for every replay of its Idempotency-Key.
     */
    public record Booked(int status, UUID visitId, String body) {
    }

    /** Thrown inside the booking's transaction when the one-open-visit index refused it. */
    private static final class LostRace extends RuntimeException {
        final UUID residentId;
        final UUID serviceTypeId;

        LostRace(UUID residentId, UUID serviceTypeId) {
            super(null, null, false, false);
            this.residentId = residentId;
            this.serviceTypeId = serviceTypeId;
        }
    }

    /**
     * Books in a transaction of its own. When another operator booked the same service for the
     * same resident at the same moment, the partial unique index lets one through; the other is
     * told, after its transaction has ended (never holding two connections), which ticket it lost to.
     */
    public Booked book(Caller operator, Request request, String idempotencyKey) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> bookInTransaction(operator, request, idempotencyKey));
        } catch (LostRace lost) {
            Visit open = QuarkusTransaction.requiringNew()
                    .call(() -> visits.findOpen(lost.residentId, lost.serviceTypeId).orElse(null));
            throw open == null ? Problems.of("booking-conflict", 409, "Booked meanwhile",
                    "Another booking for this resident and service was made at the same moment and then closed; try again")
                    : openVisitExists(open.ticketNumber(), open.id());
        }
    }

    private Booked bookInTransaction(Caller operator, Request request, String idempotencyKey) {
        // The request's fingerprint keeps no phone number: a hash of it could be reversed by trying them all.
        Request fingerprint = new Request(request.residentId(), request.serviceTypeCode(), request.channel(),
                request.callerName(), request.callerRelation(), residents.fingerprint(request.callerPhone()),
                request.preferredDate(), request.preferredPeriod(), request.address(), request.notes(),
                request.previousVisitId());
        Optional<Idempotency.Answer> replay = idempotency.claim(operator.staffId(), idempotencyKey, "book-visit",
                fingerprint);
        if (replay.isPresent()) {
            return new Booked(replay.get().status(), idempotency.idIn(replay.get().body()), replay.get().body());
        }
        Town town = catalog.town(operator.townId());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, town.zone());
        Resident resident = residents.find(town.id(), request.residentId()).orElseThrow(() -> Problems.of(
                "unknown-resident", 422, "No such resident", "The resident " + request.residentId()
                        + " is not registered in your town"));
        ServiceType service = catalog.serviceType(town.id(), request.serviceTypeCode()).filter(ServiceType::active)
                .orElseThrow(() -> Problems.of("unknown-service-type", 422, "No such service",
                        "The service " + request.serviceTypeCode() + " is not in your town's catalogue"));
        if (request.preferredDate().isBefore(today)) {
            throw ProblemException.invalid("preferredDate", "not-before-today", "must be today or later");
        }
        if (request.preferredDate().isAfter(today.plusDays(MAX_DAYS_AHEAD))) {
            throw ProblemException.invalid("preferredDate", "within-days", "must be within " + MAX_DAYS_AHEAD + " days",
                    "days", MAX_DAYS_AHEAD);
        }
        UUID visitId = UUID.randomUUID();
        boolean self = request.callerRelation() == CallerRelation.SELF;
        String callerName = Text.blankToNull(request.callerName());
        if (callerName == null && self) {
            callerName = resident.name();
        }
        ResidentService.SealedPhone callerPhone;
        if (Text.blankToNull(request.callerPhone()) != null) {
            callerPhone = residents.sealCallerPhone(visitId, request.callerPhone());
        } else {
            callerPhone = self ? residents.sealOwnPhoneAsCaller(visitId, resident).orElse(null) : null;
        }
        List<Problem.FieldError> missing = new java.util.ArrayList<>();
        if (callerName == null) {
            missing.add(new Problem.FieldError("caller.name", "required", "is required unless the resident phoned"));
        }
        if (callerPhone == null) {
            missing.add(new Problem.FieldError("caller.phone", "required", "is required unless the resident phoned"));
        }
        if (!missing.isEmpty()) {
            throw ProblemException.invalid(missing);
        }
        if (request.previousVisitId() != null) {
            visits.findInTown(town.id(), request.previousVisitId())
                    .filter(v -> v.status() == VisitStatus.FAILED && v.residentId().equals(resident.id())
                            && v.serviceTypeId().equals(service.id()))
                    .orElseThrow(() -> Problems.of("not-a-failed-visit", 422, "Not a failed visit of this booking",
                            "previousVisitId must name a FAILED visit of the same resident and service"));
            visits.rebookingOf(request.previousVisitId()).ifPresent(again -> {
                throw Problems.of("already-rebooked", 409, "Booked again already",
                        "The failed visit was booked again as " + again.ticketNumber())
                        .with("existingTicket", again.ticketNumber()).with("existingId", again.id());
            });
        }
        visits.findOpen(resident.id(), service.id()).ifPresent(open -> {
            throw openVisitExists(open.ticketNumber(), open.id());
        });
        DeadlinePolicy.Deadline due = deadlines.dueAt(today, service.deadlineDays(), town.zone());
        // Taken last: bookings of the town queue on the day's counter from here until they commit.
        String ticket = tickets.next(town.id(), town.ticketPrefix(), today);
        String address = request.address() == null || request.address().isBlank() ? resident.address()
                : request.address().strip();
        Visit visit = Visit.book(visitId,
                new Visit.Booking(town.id(), resident.id(), service.id(), resident.villageId(), address,
                        request.channel(), callerName.strip(), request.callerRelation(),
                        callerPhone.sealed().ciphertext(), callerPhone.sealed().keyId(), callerPhone.masked(),
                        request.preferredDate(), request.preferredPeriod(), Text.blankToNull(request.notes()),
                        request.previousVisitId()),
                ticket, due, operator.staffId(), now);
        try {
            visits.persistAndFlush(visit);
        } catch (PersistenceException e) {
            if (!DatabaseRefusals.violated(e, "visit_one_open_per_resident_and_service")) {
                throw e;
            }
            throw new LostRace(resident.id(), service.id());
        }
        visits.persist(visit.booked(VisitEvent.Context.of(operator.staffId(), operator.deviceId().orElse(null), null), now));
        audit.record(AuditEvent.of("VISIT_BOOKED").town(town.id()).actor(operator.staffId(), operator.username())
                .target("visit", visit.id()).detail("ticket", ticket).detail("service", service.code()));
        VisitApi.View view = views.withEvents(visit, now);
        idempotency.remember(operator.staffId(), idempotencyKey, 201, view);
        return new Booked(201, visit.id(), idempotency.write(view));
    }

    public Page<VisitApi.View> listViews(Caller caller, VisitRepository.Filter filter, PageRequest page) {
        return views.page(caller.townId(), list(caller, filter, page), clock.instant());
    }

    public VisitApi.View view(Caller caller, UUID id) {
        return views.withEvents(get(caller, id), clock.instant());
    }

    public Page<Visit> list(Caller caller, VisitRepository.Filter filter, PageRequest page) {
        Instant now = clock.instant();
        return Page.of(visits.page(caller.townId(), filter, now, page), page, visits.count(caller.townId(), filter, now));
    }

    /**
     * A visit of the caller's town. A field agent sees only the visits assigned to their own team;
     * any other answers 404, as if it did not exist.
     */
    public Visit get(Caller caller, UUID id) {
        Visit visit = visits.findInTown(caller.townId(), id).orElseThrow(() -> ProblemException.notFound("Visit"));
        if (onlyFieldAgent(caller) && (visit.teamId() == null || !visit.teamId().equals(caller.teamId().orElse(null)))) {
            throw ProblemException.notFound("Visit");
        }
        return visit;
    }

    private static boolean onlyFieldAgent(Caller caller) {
        return caller.roles().stream().allMatch(org.doorstep.shared.security.Roles.FIELD_AGENT::equals);
    }

    public List<VisitEvent> events(Visit visit) {
        return visits.events(visit.id());
    }

    @Transactional
    public VisitApi.View cancel(Caller caller, UUID id, String ifMatch, String reason) {
        Visit visit = get(caller, id);
        if (ifMatch != null) {
            ETags.require(ifMatch, visit.version());
        }
        Instant now = clock.instant();
        visits.persist(visit.apply(VisitAction.CANCEL,
                VisitEvent.Context.of(caller.staffId(), caller.deviceId().orElse(null), reason.strip()), now));
        audit.record(AuditEvent.of("VISIT_CANCELLED").town(caller.townId()).actor(caller.staffId(), caller.username())
                .target("visit", visit.id()).detail("reason", reason.strip()));
        visits.flush();
        return views.withEvents(visit, now);
    }

    /** What dispatch needs to know of a visit to judge an assignment. */
    public record DispatchView(UUID id, UUID townId, VisitStatus status, long version, UUID villageId, UUID serviceTypeId,
            LocalDate preferredDate, Period preferredPeriod, Instant dueAt, UUID teamId, Instant slotStart,
            Instant slotEnd, String ticketNumber) {

        static DispatchView of(Visit v) {
            return new DispatchView(v.id(), v.townId(), v.status(), v.version(), v.villageId(), v.serviceTypeId(),
                    v.preferredDate(), v.preferredPeriod(), v.dueAt(), v.teamId(), v.slotStart(), v.slotEnd(),
                    v.ticketNumber());
        }
    }

    /** What dispatch needs to know of one visit of the caller's town. */
    public DispatchView dispatchView(Caller caller, UUID id) {
        return DispatchView.of(get(caller, id));
    }

    /** The visit, locked for the caller's transaction, with its ETag checked (required: 428 without). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DispatchView lockForDispatch(Caller caller, UUID id, String ifMatch, boolean ifMatchRequired) {
        Visit visit = get(caller, id);
        visits.getEntityManager().lock(visit, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        visits.getEntityManager().refresh(visit);
        if (ifMatchRequired || ifMatch != null) {
            ETags.require(ifMatch, visit.version());
        }
        return DispatchView.of(visit);
    }

    /**
     * Gives a visit to a team for a slot. The database refuses a slot that overlaps one of the
     * team's: two dispatchers racing for it get one success and one 409, whatever the code does.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public VisitApi.View assign(Caller dispatcher, UUID id, UUID teamId, Instant start, Instant end, String reason) {
        Visit visit = get(dispatcher, id);
        Instant now = clock.instant();
        visits.persist(visit.assign(teamId, start, end,
                VisitEvent.Context.of(dispatcher.staffId(), dispatcher.deviceId().orElse(null), reason), now));
        try {
            visits.flush();
        } catch (PersistenceException e) {
            if (DatabaseRefusals.violated(e, "visit_team_slot_free")) {
                throw Problems.of("team-busy", 409, "The team is busy then",
                        "The team already has a visit that overlaps " + start + " – " + end);
            }
            throw e;
        }
        audit.record(AuditEvent.of("VISIT_ASSIGNED").town(dispatcher.townId())
                .actor(dispatcher.staffId(), dispatcher.username()).target("visit", id).detail("team", teamId)
                .detail("start", start.toString()).detail("end", end.toString()));
        return views.withEvents(visit, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public VisitApi.View unassign(Caller dispatcher, UUID id, String reason) {
        Visit visit = get(dispatcher, id);
        Instant now = clock.instant();
        visits.persist(visit.unassign(VisitEvent.Context.of(dispatcher.staffId(), dispatcher.deviceId().orElse(null),
                reason), now));
        visits.flush();
        audit.record(AuditEvent.of("VISIT_UNASSIGNED").town(dispatcher.townId())
                .actor(dispatcher.staffId(), dispatcher.username()).target("visit", id));
        return views.withEvents(visit, now);
    }

    /** The field agent's team; 422 team-required when the account is in none. */
    public static UUID teamOf(Caller agent) {
        return agent.teamId().orElseThrow(() -> Problems.of("team-required", 422, "No team",
                "Your account is not in a field team"));
    }

    /** The field agent's team's visits of the day (not cancelled), in route order. */
    public List<Visit> teamDay(Caller agent, LocalDate date) {
        UUID team = teamOf(agent);
        ZoneId zone = catalog.town(agent.townId()).zone();
        return visits.teamBetween(agent.townId(), team, date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant());
    }

    /**
     * The visits a field agent's tablet keeps: the team's open ones and those closed in the last
     * {@code closedWithin}; only those among {@code ids} when it is not null.
     */
    public List<Visit> keptByTeam(Caller agent, Duration closedWithin, java.util.Collection<UUID> ids) {
        UUID team = teamOf(agent);
        return visits.keptByTeam(agent.townId(), team, clock.instant().minus(closedWithin), ids);
    }

    /** What happened on a field visit: the event, or none when the tablet sent one already recorded. */
    public record FieldOutcome(VisitApi.View view, boolean recorded) {
    }

    /** The visit, locked for the caller's transaction (a field agent's only if it is their team's). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Visit lockForField(Caller agent, UUID id) {
        Visit visit = get(agent, id);
        visits.getEntityManager().lock(visit, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        visits.getEntityManager().refresh(visit);
        return visit;
    }

    /**
     * Records what a field agent did. Tablets retry and send out of order on a bad network, so an
     * action already recorded on the visit is not done again (and not an error), and an ARRIVE that
     * comes before its DEPART records the DEPART it implies first.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public FieldOutcome recordFieldEvent(Caller agent, UUID id, VisitAction action, VisitEvent.Context context) {
        Visit visit = lockForField(agent, id);
        Instant now = clock.instant();
        boolean done = visits.getEntityManager().createQuery(
                "select count(e) from VisitEvent e where e.visitId = ?1 and e.type = ?2", Long.class)
                .setParameter(1, visit.id()).setParameter(2, action.name()).getSingleResult() > 0;
        if (done) {
            return new FieldOutcome(views.withEvents(visit, now), false);
        }
        if (action == VisitAction.ARRIVE && visit.status() == VisitStatus.SCHEDULED) {
            visits.persist(visit.apply(VisitAction.DEPART, new VisitEvent.Context(context.actorId(), context.deviceId(),
                    context.occurredAt(), null, null, null, "implied by ARRIVE"), now));
        }
        visits.persist(visit.apply(action, context, now));
        visits.flush();
        audit.record(AuditEvent.of("VISIT_" + action.name()).town(agent.townId()).actor(agent.staffId(), agent.username())
                .device(agent.deviceId().orElse(null)).target("visit", id));
        return new FieldOutcome(views.withEvents(visit, now), true);
    }

    /** What the upstream system is told of a completed visit. */
    public record FilingFacts(UUID visitId, UUID townId, String townName, String ticketNumber, String serviceCode,
            UUID residentId, VisitStatus status, Instant completedAt) {
    }

    public Optional<FilingFacts> filingFacts(UUID visitId) {
        return visits.findByIdOptional(visitId).map(v -> {
            Instant completed = visits.getEntityManager().createQuery("select max(e.recordedAt) from VisitEvent e"
                    + " where e.visitId = ?1 and e.type = 'COMPLETE'", Instant.class).setParameter(1, visitId)
                    .getSingleResult();
            Town town = catalog.town(v.townId());
            ServiceType service = catalog.serviceTypesById(town.id()).get(v.serviceTypeId());
            return new FilingFacts(v.id(), town.id(), town.name(), v.ticketNumber(), service.code(), v.residentId(),
                    v.status(), completed != null ? completed : v.closedAt());
        });
    }

    /**
     * Records that the upstream system took the visit, with its receipt: COMPLETED → SUBMITTED. Done
     * by the filing worker, not a person; a visit no longer COMPLETED is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSubmission(UUID visitId, String receipt) {
        Visit visit = visits.findByIdOptional(visitId, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        if (visit.status() != VisitStatus.COMPLETED) {
            return;
        }
        Instant now = clock.instant();
        visits.persist(visit.apply(VisitAction.SUBMIT, VisitEvent.Context.of(null, null, "receipt " + receipt), now));
        visits.flush();
        audit.record(AuditEvent.of("VISIT_SUBMITTED").town(visit.townId()).target("visit", visitId)
                .detail("receipt", receipt));
    }

    /** The team's visits with a slot between these instants, in slot order. */
    public List<DispatchView> scheduled(UUID townId, Instant from, Instant to) {
        return visits.scheduledBetween(townId, from, to).stream().map(DispatchView::of).toList();
    }

    /**
     * Open visits not given to a team that belong on this day's board: wanted that day, wanted on a
     * day already past (still waiting), or overdue; the most urgent deadline first.
     */
    public List<DispatchView> unassigned(UUID townId, LocalDate day) {
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, catalog.town(townId).zone());
        return visits.unassigned(townId, day, today, now).stream().map(DispatchView::of).toList();
    }

    /** The ticket numbers of some of the town's visits, by visit id. */
    public java.util.Map<UUID, String> ticketNumbers(UUID townId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return visits.list("townId = ?1 and id in ?2", townId, ids).stream()
                .collect(java.util.stream.Collectors.toMap(Visit::id, Visit::ticketNumber));
    }

    /** Visits as the API shows them, for the board. */
    public List<VisitApi.View> views(UUID townId, List<UUID> ids) {
        List<Visit> found = visits.list("townId = ?1 and id in ?2", townId, ids);
        java.util.Map<UUID, Visit> byId = found.stream().collect(java.util.stream.Collectors.toMap(Visit::id, v -> v));
        List<Visit> ordered = ids.stream().map(byId::get).filter(java.util.Objects::nonNull).toList();
        return views.page(townId, new Page<>(ordered, 0, ordered.size(), ordered.size()), clock.instant()).items();
    }

    private static ProblemException openVisitExists(String ticket, UUID id) {
        return Problems.of("open-visit-exists", 409, "An open visit exists",
                "This resident already has an open visit for this service: " + ticket)
                .with("existingTicket", ticket).with("existingId", id);
    }

}
