package org.doorstep.booking;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A resident's visits, for the features that act on the resident as a whole: a withdrawal of consent and an erasure
 * hold all of them at once, and an erasure has them forget the person.
 */
@ApplicationScoped
public class ResidentVisits {

    /** What holding a resident's visits tells: each one's status, ticket and when it closed. */
    public record Held(UUID id, VisitStatus status, String ticketNumber, Instant closedAt) {

        /** Open, or completed and still to be filed: what a resident's data is needed for. */
        public boolean open() {
            return status == VisitStatus.REQUESTED || status == VisitStatus.SCHEDULED || status == VisitStatus.EN_ROUTE
                    || status == VisitStatus.ON_SITE || status == VisitStatus.COMPLETED;
        }
    }

    private final EntityManager em;

    public ResidentVisits(EntityManager em) {
        this.em = em;
    }

    /** The resident's visits, locked until the caller's transaction ends, in one order everywhere (their ids). */
    @Transactional(Transactional.TxType.MANDATORY)
    @SuppressWarnings("unchecked")
    public List<Held> lockAll(UUID townId, UUID residentId) {
        List<Object[]> rows = em.createNativeQuery("SELECT id, status, ticket_number, closed_at FROM visit"
                + " WHERE town_id = ?1 AND resident_id = ?2 ORDER BY id FOR UPDATE").setParameter(1, townId)
                .setParameter(2, residentId).getResultList();
        return rows.stream().map(r -> new Held((UUID) r[0], VisitStatus.valueOf((String) r[1]), (String) r[2],
                r[3] == null ? null : r[3] instanceof Instant i ? i : ((java.sql.Timestamp) r[3]).toInstant())).toList();
    }

    /**
     * The visits forget the person: the caller's name and address say {@code erased}, the caller's number and the
     * notes go, and their events forget where the team stood (the resident's door) and what was typed about them.
     * Everything counted (village, service, team, day, outcome) stays.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(List<UUID> visitIds, String erased, Instant now) {
        if (visitIds.isEmpty()) {
            return;
        }
        em.createNativeQuery("UPDATE visit SET caller_name = ?2, address = ?2, caller_phone_enc = NULL,"
                + " caller_phone_key = NULL, caller_phone_masked = NULL, notes = NULL, erased_at = ?3 WHERE id IN (?1)")
                .setParameter(1, visitIds).setParameter(2, erased).setParameter(3, now).executeUpdate();
        em.createNativeQuery("UPDATE visit_event SET latitude = NULL, longitude = NULL, accuracy_meters = NULL,"
                + " reason = CASE WHEN reason IS NULL THEN NULL ELSE ?2 END WHERE visit_id IN (?1)")
                .setParameter(1, visitIds).setParameter(2, erased).executeUpdate();
    }
}
