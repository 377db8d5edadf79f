package org.doorstep.booking;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Page;
import org.doorstep.shared.security.Caller;

/** What dispatch does with visits: reads them for its board and planner, gives them to teams and takes them back. */
@ApplicationScoped
public class DispatchVisits {

    private final VisitRepository visits;
    private final VisitQueries queries;
    private final VisitViews views;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;

    public DispatchVisits(VisitRepository visits, VisitQueries queries, VisitViews views, CatalogService catalog,
            AuditService audit, Clock clock) {
        this.visits = visits;
        this.queries = queries;
        this.views = views;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
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
        return DispatchView.of(queries.get(caller, id));
    }

    /** The visit, locked for the caller's transaction, with its ETag checked (required: 428 without). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DispatchView lockForDispatch(Caller caller, UUID id, String ifMatch, boolean ifMatchRequired) {
        Visit visit = queries.lock(caller, id, VisitReach.OFFICE);
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
        Visit visit = queries.get(dispatcher, id);
        Instant now = clock.instant();
        visits.persist(visit.assign(teamId, start, end,
                VisitEvent.Context.of(dispatcher.staffId(), dispatcher.deviceId().orElse(null), reason), now));
        try {
            visits.flush();
        } catch (PersistenceException e) {
            if (DatabaseRefusals.violated(e, "visit_team_slot_free")) {
                throw BookingProblem.TEAM_BUSY.exception("The team already has a visit that overlaps " + start + " – " + end);
            }
            throw e;
        }
        audit.record(AuditEvent.of(AuditAction.VISIT_ASSIGNED).town(dispatcher.townId())
                .actor(dispatcher.staffId(), dispatcher.username()).target("visit", id).detail("team", teamId)
                .detail("start", start.toString()).detail("end", end.toString()));
        return views.withEvents(visit, now);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public VisitApi.View unassign(Caller dispatcher, UUID id, String reason) {
        Visit visit = queries.get(dispatcher, id);
        Instant now = clock.instant();
        visits.persist(visit.unassign(VisitEvent.Context.of(dispatcher.staffId(), dispatcher.deviceId().orElse(null),
                reason), now));
        visits.flush();
        audit.record(AuditEvent.of(AuditAction.VISIT_UNASSIGNED).town(dispatcher.townId())
                .actor(dispatcher.staffId(), dispatcher.username()).target("visit", id));
        return views.withEvents(visit, now);
    }

    /** The town's visits with a slot between these instants, in slot order. */
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

    /** Visits as the API shows them, for the board, in the order of {@code ids}. */
    public List<VisitApi.View> views(UUID townId, List<UUID> ids) {
        Map<UUID, Visit> byId = visits.inTown(townId, ids).stream().collect(Collectors.toMap(Visit::id, Function.identity()));
        List<Visit> ordered = ids.stream().map(byId::get).filter(Objects::nonNull).toList();
        return views.page(townId, new Page<>(ordered, 0, ordered.size(), ordered.size()), clock.instant()).items();
    }
}
