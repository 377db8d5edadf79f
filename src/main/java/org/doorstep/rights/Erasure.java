package org.doorstep.rights;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.ResidentVisits;
import org.doorstep.capture.CapturePurges;
import org.doorstep.catalog.CatalogService;
import org.doorstep.field.ConsentService;
import org.doorstep.privacy.RightsConfig;
import org.doorstep.privacy.RightsRequestKind;
import org.doorstep.privacy.RightsRequests;
import org.doorstep.resident.ResidentErasure;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.Idempotency;
import org.doorstep.shared.security.Caller;
import org.doorstep.supervision.FollowUpService;
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

    private final EntityManager em;
    private final ResidentService residents;
    private final ResidentErasure residentErasure;
    private final ResidentVisits residentVisits;
    private final CapturePurges captures;
    private final ConsentService consents;
    private final FollowUpService followUps;
    private final RightsRequests requests;
    private final Idempotency idempotency;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;
    private final Duration defaultRecordRetention;
    private final Duration inactivity;

    public Erasure(EntityManager em, ResidentService residents, ResidentErasure residentErasure, ResidentVisits residentVisits,
            CapturePurges captures,
            ConsentService consents, FollowUpService followUps, RightsRequests requests, Idempotency idempotency,
            CatalogService catalog, AuditService audit, Clock clock,
            RightsConfig config) {
        this.em = em;
        this.residentErasure = residentErasure;
        this.residents = residents;
        this.residentVisits = residentVisits;
        this.captures = captures;
        this.consents = consents;
        this.followUps = followUps;
        this.requests = requests;
        this.idempotency = idempotency;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.defaultRecordRetention = Duration.ofDays(config.recordRetentionDays());
        this.inactivity = Duration.ofDays(config.inactiveErasureDays());
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

    /**
     * Each feature that holds something of the resident forgets it, in this one transaction: the resident's record,
     * their visits and what the team reported, the captures, the consents' guardians, the follow-up calls' comments,
     * their requests' requesters, and stored answers that name them. The resident and then their visits are locked
     * first, in that order, as a withdrawal of consent and the uploads lock them.
     */
    private Done eraseLocked(UUID townId, UUID residentId, UUID actorId, String actor, Runnable onRequest) {
        boolean erasedBefore = residentErasure.lockForErasure(townId, residentId);
        List<ResidentVisits.Held> visits = residentVisits.lockAll(townId, residentId);
        onRequest.run();
        if (erasedBefore) {
            return new Done(new Erased(residentId, visits.size(), 0, true), CapturePurges.Purged.NONE);
        }
        Instant now = clock.instant();
        for (ResidentVisits.Held v : visits) {
            if (v.open()) {
                throw ErasureProblem.ERASURE_REFUSED.exception("Visit " + v.ticketNumber() + " is " + v.status()
                        + ": a resident's data is erased once none of their visits is open or waiting to be filed")
                        .with("reason", "OPEN_VISIT").with("ticketNumber", v.ticketNumber());
            }
        }
        Duration recordRetention = recordRetention(townId);
        Optional<Instant> lastClosed = visits.stream().map(ResidentVisits.Held::closedAt).filter(java.util.Objects::nonNull)
                .max(Instant::compareTo);
        if (lastClosed.isPresent() && lastClosed.get().plus(recordRetention).isAfter(now)) {
            Instant until = lastClosed.get().plus(recordRetention);
            throw ErasureProblem.ERASURE_REFUSED.exception("The records of the resident's visits are kept until " + until
                    + " (" + recordRetention.toDays() + " days after the last one closed); the data is erased then")
                    .with("reason", "RECORDS_RETAINED").with("retainedUntil", until);
        }
        List<UUID> visitIds = visits.stream().map(ResidentVisits.Held::id).toList();
        CapturePurges.Purged deleted = captures.eraseAll(visitIds, now);
        residentVisits.forget(visitIds, ERASED, now);
        followUps.forgetComments(visitIds);
        consents.forgetGuardians(visitIds, ERASED);
        requests.forget(residentId, ERASED);
        // answers kept for retried requests (a booking, a report from the door) name the resident or a visit: they go
        List<UUID> named = new java.util.ArrayList<>(visitIds);
        named.add(residentId);
        idempotency.forget(named);
        residentErasure.forget(residentId, ERASED, now);
        audit.record(
                AuditEvent.of(AuditAction.RESIDENT_ERASED).town(townId).actor(actorId, actor).target("resident", residentId)
                        .detail("visits", visitIds.size()).detail("capturesDeleted", deleted.deleted()));
        return new Done(new Erased(residentId, visitIds.size(), deleted.deleted(), false), deleted);
    }

    /** The town's own retention of its visits' records, or the county's default. */
    Duration recordRetention(UUID townId) {
        Integer days = catalog.town(townId).recordRetentionDays();
        return days == null ? defaultRecordRetention : Duration.ofDays(days);
    }

    /** Sets the town's own retention (null: the county's default). Audited. */
    @jakarta.transaction.Transactional
    public Duration setRecordRetention(Caller admin, Integer days) {
        catalog.keepRecords(admin.townId(), days);
        audit.record(
                AuditEvent.of(AuditAction.RECORD_RETENTION_SET).town(admin.townId()).actor(admin.staffId(), admin.username())
                        .target("town", admin.townId()).detail("days", days == null ? "county default" : days));
        return recordRetention(admin.townId());
    }

    public Duration recordRetention(Caller caller) {
        return recordRetention(caller.townId());
    }

    public boolean ownRecordRetention(Caller caller) {
        return catalog.town(caller.townId()).recordRetentionDays() != null;
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
