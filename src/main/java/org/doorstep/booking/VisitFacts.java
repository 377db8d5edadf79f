package org.doorstep.booking;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * What other features (consent, captures) need to know of a visit's progress, without its
 * entity: its town, team, service, status and when it was closed. Access follows
 * {@link BookingService#get}: another town's visit, or another team's for a field agent, is 404.
 */
@ApplicationScoped
public class VisitFacts {

    /** A visit as seen at one moment. {@code closedAt} is set once it left the open statuses. */
    public record Facts(UUID id, UUID townId, UUID teamId, UUID serviceTypeId, VisitStatus status, Instant closedAt) {

        static Facts of(Visit v) {
            return new Facts(v.id(), v.townId(), v.teamId(), v.serviceTypeId(), v.status(), v.closedAt());
        }
    }

    private final BookingService booking;
    private final EntityManager em;

    public VisitFacts(BookingService booking, EntityManager em) {
        this.booking = booking;
        this.em = em;
    }

    /** The visit as the caller may see it (404 otherwise). */
    public Facts of(Caller caller, UUID visitId) {
        return Facts.of(booking.get(caller, visitId));
    }

    /**
     * The visit, share-locked until the caller's transaction ends: its status cannot change
     * meanwhile, so what is attached to it now is judged against the status it keeps.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Facts lockShared(UUID townId, UUID visitId) {
        Visit visit = em.createQuery("from Visit where townId = ?1 and id = ?2", Visit.class)
                .setParameter(1, townId).setParameter(2, visitId)
                .setLockMode(LockModeType.PESSIMISTIC_READ).getResultStream().findFirst()
                .orElseThrow(() -> ProblemException.notFound("Visit"));
        em.refresh(visit);
        return Facts.of(visit);
    }

}
