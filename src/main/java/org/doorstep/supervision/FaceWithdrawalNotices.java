package org.doorstep.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;

/**
 * The outbox that tells the upstream filing system a face image it received was withdrawn. A notice is written in
 * the withdrawal's own transaction for every visit whose filing may have reached the upstream, and sent once that
 * filing is (it names the upstream's receipt), with its id as the Idempotency-Key, retried with the filings'
 * backoff until the upstream takes it, or parked if the upstream refuses it outright (which sending it again
 * would not change).
 */
@ApplicationScoped
public class FaceWithdrawalNotices {

    private static final Duration CLAIM = Duration.ofMinutes(2);

    private final EntityManager em;
    private final FilingService filings;
    private final AuditService audit;
    private final Clock clock;

    public FaceWithdrawalNotices(EntityManager em, FilingService filings, AuditService audit, Clock clock) {
        this.em = em;
        this.filings = filings;
        this.audit = audit;
        this.clock = clock;
    }

    /** A notice for each of these visits whose filing was sent or tried; returns how many. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int enqueue(Collection<UUID> visitIds, Instant withdrawnAt) {
        if (visitIds.isEmpty()) {
            return 0;
        }
        return em.createNativeQuery("INSERT INTO face_withdrawal_notice (id, town_id, filing_id, withdrawn_at, next_attempt_at)"
                + " SELECT gen_random_uuid(), f.town_id, f.id, ?1, ?1 FROM filing f WHERE f.visit_id IN (?2)"
                + " AND (f.status <> 'PENDING' OR f.attempts > 0)")
                .setParameter(1, withdrawnAt).setParameter(2, visitIds).executeUpdate();
    }

    /** A notice claimed for sending, with what the upstream needs to find the filing. */
    record Due(UUID id, UUID townId, String filingId, String receipt, String ticket, Instant withdrawnAt, int attempt) {
    }

    /** The next due notice whose filing the upstream has taken; claimed for a while (another instance skips it). */
    @Transactional
    @SuppressWarnings("unchecked")
    Optional<Due> claimNext() {
        Instant now = clock.instant();
        List<Object[]> rows = em.createNativeQuery("UPDATE face_withdrawal_notice n SET attempts = n.attempts + 1,"
                + " next_attempt_at = ?2 FROM filing f JOIN visit v ON v.id = f.visit_id WHERE f.id = n.filing_id"
                + " AND n.id = (SELECT n2.id FROM face_withdrawal_notice n2 JOIN filing f2 ON f2.id = n2.filing_id"
                + " WHERE n2.status = 'PENDING' AND n2.next_attempt_at <= ?1 AND f2.status = 'SENT'"
                + " ORDER BY n2.next_attempt_at LIMIT 1 FOR UPDATE OF n2 SKIP LOCKED)"
                + " RETURNING n.id, n.town_id, n.filing_id, f.receipt, v.ticket_number, n.withdrawn_at, n.attempts")
                .setParameter(1, now).setParameter(2, now.plus(CLAIM)).getResultList();
        return rows.stream().findFirst().map(r -> new Due((UUID) r[0], (UUID) r[1], r[2].toString(), (String) r[3],
                (String) r[4], r[5] instanceof Instant i ? i : ((java.sql.Timestamp) r[5]).toInstant(),
                ((Number) r[6]).intValue()));
    }

    @Transactional
    void sent(Due due) {
        em.createNativeQuery("UPDATE face_withdrawal_notice SET status = 'SENT', sent_at = ?2, last_error = NULL WHERE id = ?1")
                .setParameter(1, due.id()).setParameter(2, clock.instant()).executeUpdate();
        audit.record(AuditEvent.of(AuditAction.FACE_WITHDRAWAL_SENT).town(due.townId()).target("filing", due.filingId())
                .detail("attempts", due.attempt()));
    }

    /** Tried again after the filings' backoff, or parked (with an audit entry) if the upstream refused it outright. */
    @Transactional
    void failed(Due due, String error, boolean refused) {
        String lastError = error.length() > 500 ? error.substring(0, 500) : error;
        em.createNativeQuery("UPDATE face_withdrawal_notice SET next_attempt_at = ?2, last_error = ?3,"
                + " status = CASE WHEN ?4 THEN 'PARKED' ELSE status END WHERE id = ?1")
                .setParameter(1, due.id()).setParameter(2, clock.instant().plus(filings.backoff(due.attempt())))
                .setParameter(3, lastError).setParameter(4, refused).executeUpdate();
        if (refused) {
            audit.record(AuditEvent.of(AuditAction.FACE_WITHDRAWAL_PARKED).town(due.townId()).target("filing", due.filingId())
                    .detail("error", lastError).detail("attempts", due.attempt()));
        }
    }
}
