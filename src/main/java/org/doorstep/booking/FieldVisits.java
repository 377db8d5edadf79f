package org.doorstep.booking;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.identity.IdentityProblem;
import org.doorstep.shared.security.Caller;

/** What the field tablets do with visits: their team's day, what they keep, and what the agents report. */
@ApplicationScoped
public class FieldVisits {

    private final VisitRepository visits;
    private final VisitQueries queries;
    private final VisitViews views;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;

    public FieldVisits(VisitRepository visits, VisitQueries queries, VisitViews views, CatalogService catalog,
            AuditService audit, Clock clock) {
        this.visits = visits;
        this.queries = queries;
        this.views = views;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** The field agent's team; 422 team-required when the account is in none. */
    public static UUID teamOf(Caller agent) {
        return agent.teamId().orElseThrow(() -> IdentityProblem.TEAM_REQUIRED.exception("Your account is not in a field team"));
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
    public List<Visit> keptByTeam(Caller agent, Duration closedWithin, Collection<UUID> ids) {
        UUID team = teamOf(agent);
        return visits.keptByTeam(agent.townId(), team, clock.instant().minus(closedWithin), ids);
    }

    /** What happened on a field visit: the event, or none when the tablet sent one already recorded. */
    public record FieldOutcome(VisitApi.View view, boolean recorded) {
    }

    /** The visit, locked for the caller's transaction, only if it is their own team's (whatever their other roles). */
    @Transactional(Transactional.TxType.MANDATORY)
    public Visit lockForField(Caller agent, UUID id) {
        return queries.lock(agent, id, VisitReach.TEAM);
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
        if (visits.hasEvent(visit.id(), action)) {
            return new FieldOutcome(views.withEvents(visit, now), false);
        }
        if (action == VisitAction.ARRIVE && visit.status() == VisitStatus.SCHEDULED) {
            visits.persist(visit.apply(VisitAction.DEPART, new VisitEvent.Context(context.actorId(), context.deviceId(),
                    context.occurredAt(), null, null, null, "implied by ARRIVE"), now));
        }
        visits.persist(visit.apply(action, context, now));
        visits.flush();
        audit.record(AuditEvent.of(AuditAction.valueOf("VISIT_" + action.name())).town(agent.townId())
                .actor(agent.staffId(), agent.username())
                .device(agent.deviceId().orElse(null)).target("visit", id));
        return new FieldOutcome(views.withEvents(visit, now), true);
    }
}
