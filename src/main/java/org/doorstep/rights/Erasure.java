package org.doorstep.rights;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.capture.CapturePurges;
import org.doorstep.privacy.RightsRequestKind;
import org.doorstep.privacy.RightsRequests;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.security.Caller;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Erases a resident's personal data (PIPL Art. 47): on a granted deletion request, and by itself for residents
 * with no open visit and no activity for {@code doorstep.rights.inactive-erasure-days}. The ciphertexts and blind
 * indexes of their ID and phone numbers go, their name and address and their callers' names say 已删除, their
 * callers' numbers, addresses, notes and follow-up comments go, guardians and proxies are no longer named, every
 * capture is deleted from the store, and stored answers to retried requests that named them are dropped. The rows
 * stay: every count of visits by village, service, team, day and outcome, and so every daily summary, stays what
 * it was. Refused, with the reason, while a visit is open (a completed one not yet filed counts) or while the
 * administrative records' retention (the town's own, or {@code doorstep.rights.record-retention-days}, after the
 * last visit closed) runs. The audit trail names no person, so it keeps its chain untouched.
 */
@ApplicationScoped
public class Erasure {

    static final String ERASED = "已删除";
    private static final Logger LOG = Logger.getLogger(Erasure.class);
    private static final List<String> OPEN = List.of("REQUESTED", "SCHEDULED", "EN_ROUTE", "ON_SITE", "COMPLETED");

    private final EntityManager em;
    private final ResidentService residents;
    private final CapturePurges captures;
    private final RightsRequests requests;
    private final AuditService audit;
    private final Clock clock;
    private final Duration defaultRecordRetention;
    private final Duration inactivity;

    public Erasure(EntityManager em, ResidentService residents, CapturePurges captures, RightsRequests requests,
            AuditService audit, Clock clock,
            @ConfigProperty(name = "doorstep.rights.record-retention-days", defaultValue = "0") int recordRetentionDays,
            @ConfigProperty(name = "doorstep.rights.inactive-erasure-days", defaultValue = "1095") int inactiveDays) {
        this.em = em;
        this.residents = residents;
        this.captures = captures;
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
        this.defaultRecordRetention = Duration.ofDays(recordRetentionDays);
        this.inactivity = Duration.ofDays(inactiveDays);
    }

    /** What an erasure did. */
    public record Erased(UUID residentId, int visits, int capturesDeleted, boolean alreadyErased) {
    }

    /**
     * A supervisor erases on the resident's open deletion request, which is closed as done in the same transaction;
     * refused with the reason the resident is told (and the request stays open).
     */
    public Erased erase(Caller supervisor, UUID residentId, UUID requestId) {
        residents.get(supervisor, residentId);
        return eraseAndDeleteBytes(supervisor.townId(), residentId, supervisor.staffId(), supervisor.username(),
                () -> requests.carryOut(supervisor, requestId, residentId, RightsRequestKind.DELETION));
    }

    /** What an erasure did, and the captures whose bytes go once it has committed. */
    private record Done(Erased erased, CapturePurges.Purged captures) {
    }

    /** Erases in one transaction, in which {@code onRequest} closes the request it is done for (if any). */
    private Erased eraseAndDeleteBytes(UUID townId, UUID residentId, UUID actorId, String actor, Runnable onRequest) {
        Done done = QuarkusTransaction.requiringNew().call(() -> eraseLocked(townId, residentId, actorId, actor, onRequest));
        captures.deleteBytes(done.captures());
        return done.erased();
    }

    private Done eraseLocked(UUID townId, UUID residentId, UUID actorId, String actor, Runnable onRequest) {
        Object[] resident = (Object[]) em.createNativeQuery("SELECT erased_at, id FROM resident WHERE town_id = ?1 AND id = ?2"
                + " FOR UPDATE").setParameter(1, townId).setParameter(2, residentId).getSingleResult();
        @SuppressWarnings("unchecked")
        List<Object[]> visits = em.createNativeQuery("SELECT id, status, ticket_number, closed_at FROM visit"
                + " WHERE town_id = ?1 AND resident_id = ?2 ORDER BY id FOR UPDATE").setParameter(1, townId)
                .setParameter(2, residentId).getResultList();
        onRequest.run();
        if (resident[0] != null) {
            return new Done(new Erased(residentId, visits.size(), 0, true), CapturePurges.Purged.NONE);
        }
        Instant now = clock.instant();
        for (Object[] v : visits) {
            if (OPEN.contains((String) v[1])) {
                throw ErasureProblem.ERASURE_REFUSED.exception("Visit " + v[2] + " is " + v[1]
                        + ": a resident's data is erased once none of their visits is open or waiting to be filed")
                        .with("reason", "OPEN_VISIT").with("ticketNumber", v[2]);
            }
        }
        Duration recordRetention = recordRetention(townId);
        Optional<Instant> lastClosed = visits.stream().map(v -> v[3]).filter(java.util.Objects::nonNull)
                .map(t -> t instanceof Instant i ? i : ((java.sql.Timestamp) t).toInstant()).max(Instant::compareTo);
        if (lastClosed.isPresent() && lastClosed.get().plus(recordRetention).isAfter(now)) {
            Instant until = lastClosed.get().plus(recordRetention);
            throw ErasureProblem.ERASURE_REFUSED.exception("The records of the resident's visits are kept until " + until
                    + " (" + recordRetention.toDays() + " days after the last one closed); the data is erased then")
                    .with("reason", "RECORDS_RETAINED").with("retainedUntil", until);
        }
        List<UUID> visitIds = visits.stream().map(v -> (UUID) v[0]).toList();
        CapturePurges.Purged deleted = captures.eraseAll(visitIds, now);
        if (!visitIds.isEmpty()) {
            // captures purged before (retention, a withdrawal) keep no file name either
            em.createNativeQuery("UPDATE capture SET file_name = 'erased' WHERE visit_id IN (?1) AND status = 'PURGED'")
                    .setParameter(1, visitIds).executeUpdate();
        }
        if (!visitIds.isEmpty()) {
            em.createNativeQuery("UPDATE visit SET caller_name = ?2, address = ?2, caller_phone_enc = NULL,"
                    + " caller_phone_key = NULL, caller_phone_masked = NULL, notes = NULL, erased_at = ?3 WHERE id IN (?1)")
                    .setParameter(1, visitIds).setParameter(2, ERASED).setParameter(3, now).executeUpdate();
            em.createNativeQuery("UPDATE follow_up SET comment = NULL WHERE visit_id IN (?1)").setParameter(1, visitIds)
                    .executeUpdate();
            // where the team stood (the resident's door) and what was typed about them
            em.createNativeQuery("UPDATE visit_event SET latitude = NULL, longitude = NULL, accuracy_meters = NULL,"
                    + " reason = CASE WHEN reason IS NULL THEN NULL ELSE ?2 END WHERE visit_id IN (?1)")
                    .setParameter(1, visitIds).setParameter(2, ERASED).executeUpdate();
            em.createNativeQuery("UPDATE consent SET guardian_name = ?2 WHERE visit_id IN (?1) AND guardian_name IS NOT NULL")
                    .setParameter(1, visitIds).setParameter(2, ERASED).executeUpdate();
            // answers kept for retried requests (a booking, a report from the door) name the visit: they go
            em.createNativeQuery("DELETE FROM idempotency_key WHERE response ~ ?1")
                    .setParameter(1, String.join("|", visitIds.stream().map(UUID::toString).toList())).executeUpdate();
        }
        em.createNativeQuery("UPDATE rights_request SET requester_name = CASE WHEN requester_name IS NULL THEN NULL ELSE ?2"
                + " END, details = NULL WHERE resident_id = ?1").setParameter(1, residentId).setParameter(2, ERASED)
                .executeUpdate();
        em.createNativeQuery("DELETE FROM idempotency_key WHERE strpos(response, ?1) > 0")
                .setParameter(1, residentId.toString()).executeUpdate();
        em.createNativeQuery("UPDATE resident SET name = ?2, address = ?2, group_name = NULL, notes = NULL,"
                + " id_number_enc = NULL, id_number_key = NULL, id_number_index = NULL, id_number_masked = NULL,"
                + " id_number_index_key = NULL, phone_enc = NULL, phone_key = NULL, phone_index = NULL, phone_index_key = NULL,"
                + " phone_masked = NULL, erased_at = ?3, version = version + 1 WHERE id = ?1")
                .setParameter(1, residentId).setParameter(2, ERASED).setParameter(3, now).executeUpdate();
        audit.record(AuditEvent.of("RESIDENT_ERASED").town(townId).actor(actorId, actor).target("resident", residentId)
                .detail("visits", visitIds.size()).detail("capturesDeleted", deleted.deleted()));
        return new Done(new Erased(residentId, visitIds.size(), deleted.deleted(), false), deleted);
    }

    /** The town's own retention of its visits' records, or the county's default. */
    Duration recordRetention(UUID townId) {
        Object days = em.createNativeQuery("SELECT record_retention_days FROM town WHERE id = ?1").setParameter(1, townId)
                .getSingleResult();
        return days == null ? defaultRecordRetention : Duration.ofDays(((Number) days).longValue());
    }

    /** Sets the town's own retention (null: the county's default). Audited. */
    @jakarta.transaction.Transactional
    public Duration setRecordRetention(Caller admin, Integer days) {
        em.createNativeQuery("UPDATE town SET record_retention_days = ?2 WHERE id = ?1").setParameter(1, admin.townId())
                .setParameter(2, days).executeUpdate();
        audit.record(AuditEvent.of("RECORD_RETENTION_SET").town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("town", admin.townId()).detail("days", days == null ? "county default" : days));
        return recordRetention(admin.townId());
    }

    public Duration recordRetention(Caller caller) {
        return recordRetention(caller.townId());
    }

    public boolean ownRecordRetention(Caller caller) {
        return em.createNativeQuery("SELECT record_retention_days FROM town WHERE id = ?1").setParameter(1, caller.townId())
                .getSingleResult() != null;
    }

    /**
     * Erases, a few at a time, residents with no open visit and no activity (registration, booking, a visit's
     * change, a request) for the inactivity period, once their records' retention has run. Returns how many.
     */
    public int eraseInactive(Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> due = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("SELECT r.town_id, r.id"
                + " FROM resident r WHERE r.erased_at IS NULL AND r.created_at < ?1"
                + " AND NOT EXISTS (SELECT 1 FROM visit v WHERE v.resident_id = r.id AND (v.updated_at >= ?1"
                + "   OR v.status IN ('REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'COMPLETED')))"
                + " AND NOT EXISTS (SELECT 1 FROM rights_request q WHERE q.resident_id = r.id AND q.received_at >= ?1)"
                // records still kept under the town's retention: not due yet, and not in the way of those that are
                + " AND NOT EXISTS (SELECT 1 FROM visit v JOIN town t ON t.id = v.town_id WHERE v.resident_id = r.id"
                + "   AND v.closed_at + make_interval(days => coalesce(t.record_retention_days, ?3)) > ?4)"
                + " ORDER BY r.created_at LIMIT ?2").setParameter(1, cutoff).setParameter(2, limit)
                .setParameter(3, (int) defaultRecordRetention.toDays()).setParameter(4, clock.instant()).getResultList());
        int erased = 0;
        for (Object[] row : due) {
            try {
                if (!eraseAndDeleteBytes((UUID) row[0], (UUID) row[1], null, "inactivity", () -> {
                }).alreadyErased()) {
                    erased++;
                }
            } catch (RuntimeException refused) {
                // refused meanwhile, or a lock lost to a request on their visits: tried again next run
                LOG.debugf("Resident %s not erased this time: %s", row[1], refused.getMessage());
            }
        }
        return erased;
    }

    @Scheduled(every = "${doorstep.rights.inactive-erasure-every:6h}", delay = 11, delayUnit = java.util.concurrent.TimeUnit.MINUTES, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void eraseInactive() {
        int erased = eraseInactive(clock.instant().minus(inactivity), 200);
        if (erased > 0) {
            LOG.infof("Erased the personal data of %d residents inactive for %d days", erased, inactivity.toDays());
        }
    }
}
