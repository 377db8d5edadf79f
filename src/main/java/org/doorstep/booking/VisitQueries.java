package org.doorstep.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

/** Reading visits, each within the caller's town (and team, for a field agent). */
@ApplicationScoped
public class VisitQueries {

    private final VisitRepository visits;
    private final VisitViews views;
    private final Clock clock;

    public VisitQueries(VisitRepository visits, VisitViews views, Clock clock) {
        this.visits = visits;
        this.views = views;
        this.clock = clock;
    }

    public Page<VisitApi.View> listViews(Caller caller, VisitRepository.Filter filter, PageRequest page) {
        Instant now = clock.instant();
        Page<Visit> found = Page.of(visits.page(caller.townId(), filter, now, page), page,
                visits.count(caller.townId(), filter, now));
        return views.page(caller.townId(), found, now);
    }

    public VisitApi.View view(Caller caller, UUID id) {
        return views.withEvents(get(caller, id), clock.instant());
    }

    /** A visit of the caller's town as the office reaches it ({@link VisitReach#OFFICE}). */
    public Visit get(Caller caller, UUID id) {
        return get(caller, id, VisitReach.OFFICE);
    }

    /**
     * A visit of the caller's town within the endpoint's reach: any of the town's for a role it gives the whole
     * town, else only one assigned to the caller's own team. Any other answers 404, as if it did not exist.
     */
    public Visit get(Caller caller, UUID id, VisitReach reach) {
        Visit visit = visits.findInTown(caller.townId(), id).orElseThrow(() -> ProblemException.notFound("Visit"));
        if (!reach.townWide(caller) && !ofOwnTeam(caller, visit)) {
            throw ProblemException.notFound("Visit");
        }
        return visit;
    }

    /** The visit, locked for the caller's transaction, as {@link #get} finds it. */
    Visit lock(Caller caller, UUID id, VisitReach reach) {
        Visit visit = get(caller, id, reach);
        visits.lock(visit);
        return visit;
    }

    private static boolean ofOwnTeam(Caller caller, Visit visit) {
        return caller.roles().contains(Roles.FIELD_AGENT) && visit.teamId() != null
                && visit.teamId().equals(caller.teamId().orElse(null));
    }
}
