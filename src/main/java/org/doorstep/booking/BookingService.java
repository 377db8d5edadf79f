package org.doorstep.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogProblem;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.resident.CallerPhones;
import org.doorstep.resident.Resident;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Idempotency;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Booking home visits by phone, and cancelling them. Other features reach visits through their own
 * entries: {@link VisitQueries}, {@link DispatchVisits}, {@link FieldVisits}, {@link FilingVisits}.
 */
@ApplicationScoped
public class BookingService {

    private final VisitRepository visits;
    private final TicketNumbers tickets;
    private final DeadlinePolicy deadlines;
    private final ResidentService residents;
    private final CallerPhones callerPhones;
    private final CatalogService catalog;
    private final Idempotency idempotency;
    private final VisitViews views;
    private final VisitQueries queries;
    private final AuditService audit;
    private final Clock clock;

    public BookingService(VisitRepository visits, TicketNumbers tickets, DeadlinePolicy deadlines, ResidentService residents,
            CallerPhones callerPhones, CatalogService catalog, Idempotency idempotency, VisitViews views, VisitQueries queries,
            AuditService audit, Clock clock) {
        this.callerPhones = callerPhones;
        this.queries = queries;
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
    public Booked book(Caller operator, VisitApi.Book request, String idempotencyKey) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> bookInTransaction(operator, request, idempotencyKey));
        } catch (LostRace lost) {
            Visit open = QuarkusTransaction.requiringNew()
                    .call(() -> visits.findOpen(lost.residentId, lost.serviceTypeId).orElse(null));
            throw open == null ? BookingProblem.BOOKING_CONFLICT.exception(
                    "Another booking for this resident and service was made at the same moment and then closed; try again")
                    : openVisitExists(open.ticketNumber(), open.id());
        }
    }

    private Booked bookInTransaction(Caller operator, VisitApi.Book request, String idempotencyKey) {
        // The request's fingerprint keeps no phone number: a hash of it could be reversed by trying them all.
        // While the index key is rotated, a retry may come from before the change: each key's fingerprint counts.
        List<VisitApi.Book> fingerprints = callerPhones.fingerprints(request.callerPhone()).stream()
                .map(request::withCallerPhone).toList();
        Optional<Idempotency.Answer> replay = idempotency.claim(operator.staffId(), idempotencyKey, "book-visit",
                fingerprints);
        if (replay.isPresent()) {
            return new Booked(replay.get().status(), idempotency.idIn(replay.get().body()), replay.get().body());
        }
        Town town = catalog.town(operator.townId());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, town.zone());
        Resident resident = residents.find(town.id(), request.residentId())
                .orElseThrow(() -> BookingProblem.UNKNOWN_RESIDENT.exception("The resident " + request.residentId()
                        + " is not registered in your town"));
        ResidentService.requireNotErased(resident);
        ServiceType service = catalog.serviceType(town.id(), request.serviceTypeCode()).filter(ServiceType::active)
                .orElseThrow(() -> CatalogProblem.UNKNOWN_SERVICE_TYPE
                        .exception("The service " + request.serviceTypeCode() + " is not in your town's catalogue"));
        if (request.preferredDate().isBefore(today)) {
            throw ProblemException.invalid("preferredDate", "not-before-today", "must be today or later");
        }
        BookingHorizon.check("preferredDate", request.preferredDate(), today);
        UUID visitId = UUID.randomUUID();
        boolean self = request.caller().relation() == CallerRelation.SELF;
        String callerName = Text.blankToNull(request.caller().name());
        if (callerName == null && self) {
            callerName = resident.name();
        }
        CallerPhones.SealedPhone callerPhone;
        if (Text.blankToNull(request.callerPhone()) != null) {
            callerPhone = callerPhones.sealCallerPhone(visitId, request.callerPhone());
        } else {
            callerPhone = self ? callerPhones.sealOwnPhoneAsCaller(visitId, resident).orElse(null) : null;
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
                    .orElseThrow(() -> BookingProblem.NOT_A_FAILED_VISIT
                            .exception("previousVisitId must name a FAILED visit of the same resident and service"));
            visits.rebookingOf(request.previousVisitId()).ifPresent(again -> {
                throw BookingProblem.ALREADY_REBOOKED.exception("The failed visit was booked again as " + again.ticketNumber())
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
        Visit visit = Visit.book(visitId, request,
                new Visit.Found(town.id(), resident.id(), service.id(), resident.villageId(), address, callerName.strip(),
                        callerPhone),
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
        audit.record(AuditEvent.of(AuditAction.VISIT_BOOKED).town(town.id()).actor(operator.staffId(), operator.username())
                .target("visit", visit.id()).detail("ticket", ticket).detail("service", service.code()));
        VisitApi.View view = views.withEvents(visit, now);
        idempotency.remember(operator.staffId(), idempotencyKey, 201, view);
        return new Booked(201, visit.id(), idempotency.write(view));
    }

    @Transactional
    public VisitApi.View cancel(Caller caller, UUID id, String ifMatch, String reason) {
        Visit visit = queries.get(caller, id);
        if (ifMatch != null) {
            ETags.require(ifMatch, visit.version());
        }
        Instant now = clock.instant();
        visits.persist(visit.apply(VisitAction.CANCEL,
                VisitEvent.Context.of(caller.staffId(), caller.deviceId().orElse(null), reason.strip()), now));
        audit.record(AuditEvent.of(AuditAction.VISIT_CANCELLED).town(caller.townId()).actor(caller.staffId(), caller.username())
                .target("visit", visit.id()));
        visits.flush();
        return views.withEvents(visit, now);
    }

    private static ProblemException openVisitExists(String ticket, UUID id) {
        return BookingProblem.OPEN_VISIT_EXISTS.exception("This resident already has an open visit for this service: " + ticket)
                .with("existingTicket", ticket).with("existingId", id);
    }

}
