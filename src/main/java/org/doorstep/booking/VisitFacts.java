package org.doorstep.booking;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * What other features (consent, captures) need to know of a visit's progress, without its
 * entity: its town, team, service, status and when it was closed. Access follows
 * {@link VisitQueries#get} within the endpoint's {@link VisitReach}: another town's visit, or another team's on
 * a field endpoint, is 404.
 */
@ApplicationScoped
public class VisitFacts {

    /** A visit as seen at one moment. {@code closedAt} is set once it left the open statuses. */
    public record Facts(UUID id, UUID townId, UUID teamId, UUID serviceTypeId, VisitStatus status, Instant closedAt) {

        static Facts of(Visit v) {
            return new Facts(v.id(), v.townId(), v.teamId(), v.serviceTypeId(), v.status(), v.closedAt());
        }
    }

    private final VisitQueries queries;
    private final VisitRepository visits;

    public VisitFacts(VisitQueries queries, VisitRepository visits) {
        this.queries = queries;
        this.visits = visits;
    }

    /** The visit as the caller may reach it on this endpoint (404 otherwise). */
    public Facts of(Caller caller, UUID visitId, VisitReach reach) {
        return Facts.of(queries.get(caller, visitId, reach));
    }

    /**
     * The visit, share-locked until the caller's transaction ends: its status cannot change
     * meanwhile, so what is attached to it now is judged against the status it keeps.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Facts lockShared(UUID townId, UUID visitId) {
        return Facts.of(visits.lockSharedInTown(townId, visitId).orElseThrow(() -> ProblemException.notFound("Visit")));
    }

}
