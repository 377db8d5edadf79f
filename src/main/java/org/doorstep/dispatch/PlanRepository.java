package org.doorstep.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

/**
 * Day plans, and the job queue they form while SOLVING. The queue's statements are guarded: a lease is
 * taken with SKIP LOCKED and checked against {@code clock_timestamp()} (the database's clock, the same for
 * every instance), and whatever a solver writes is written only while its instance still holds the lease,
 * so a plan taken over by another instance cannot be answered twice. Each of them bumps the version, so
 * that no entity read before can write over them.
 */
@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    Optional<Plan> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    /** The town's plans, of one day when given, newest first. */
    List<Plan> page(UUID townId, LocalDate date, PageRequest page) {
        Sort newest = Sort.by("requestedAt").descending();
        return (date == null ? find("townId", newest, townId) : find("townId = ?1 and date = ?2", newest, townId, date))
                .page(page.page(), page.size()).list();
    }

    long count(UUID townId, LocalDate date) {
        return date == null ? count("townId", townId) : count("townId = ?1 and date = ?2", townId, date);
    }

    Optional<Plan> lockInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    /** Holds the town's admission of new plans until the transaction ends, so two instances count in turn. */
    void lockAdmission(UUID townId) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('doorstep-plan-admission:'"
                + " || ?1, 0))").setParameter(1, townId.toString()).getSingleResult();
    }

    /** The town's plans being solved or waiting for a solver. */
    long solving(UUID townId) {
        return count("townId = ?1 and status = ?2", townId, PlanApi.Status.SOLVING);
    }

    /** Plans of every town waiting for a solver thread. */
    long waiting() {
        return ((Number) getEntityManager()
                .createNativeQuery("SELECT count(*) FROM dispatch_plan WHERE status = 'SOLVING' AND lease_owner IS NULL")
                .getSingleResult()).longValue();
    }

    /**
     * Claims the plan waiting longest whose lease is free (never taken, or run out: its instance stopped) and
     * that has attempts left: the lease for {@code owner} until {@code lease} from now. Its id, if any.
     */
    @SuppressWarnings("unchecked")
    Optional<UUID> claim(String owner, Duration lease, int maxAttempts) {
        List<UUID> claimed = getEntityManager().createNativeQuery("UPDATE dispatch_plan SET lease_owner = ?1,"
                + " lease_until = clock_timestamp() + make_interval(secs => ?2), attempts = attempts + 1,"
                + " version = version + 1 WHERE id = (SELECT id FROM dispatch_plan WHERE status = 'SOLVING'"
                + " AND (lease_until IS NULL OR lease_until < clock_timestamp()) AND attempts < ?3"
                + " ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED) RETURNING id").setParameter(1, owner)
                .setParameter(2, (double) lease.toMillis() / 1000).setParameter(3, maxAttempts).getResultList();
        return claimed.stream().findFirst();
    }

    /** Extends the leases {@code owner} still holds on these plans; returns how many it holds. */
    int renew(String owner, Collection<UUID> ids, Duration lease) {
        if (ids.isEmpty()) {
            return 0;
        }
        return getEntityManager().createNativeQuery("UPDATE dispatch_plan SET lease_until = clock_timestamp()"
                + " + make_interval(secs => :lease) WHERE id IN (:ids) AND lease_owner = :owner AND status = 'SOLVING'")
                .setParameter("lease", (double) lease.toMillis() / 1000).setParameter("ids", ids)
                .setParameter("owner", owner).executeUpdate();
    }

    /** Gives back the leases of an instance that is stopping, without counting the attempts they were. */
    int release(String owner) {
        return getEntityManager().createNativeQuery("UPDATE dispatch_plan SET lease_owner = NULL, lease_until = NULL,"
                + " attempts = greatest(attempts - 1, 0), version = version + 1 WHERE lease_owner = ?1"
                + " AND status = 'SOLVING'").setParameter(1, owner).executeUpdate();
    }

    /** Fails the plans whose last attempt's lease ran out; returns how many. */
    int failLost(int maxAttempts, String why, Instant now) {
        return getEntityManager().createNativeQuery("UPDATE dispatch_plan SET status = 'FAILED', failure = ?2,"
                + " solved_at = ?3, lease_owner = NULL, lease_until = NULL, version = version + 1"
                + " WHERE status = 'SOLVING' AND lease_until < clock_timestamp() AND attempts >= ?1")
                .setParameter(1, maxAttempts).setParameter(2, why).setParameter(3, now).executeUpdate();
    }

    /** The solver took the plan up, made from this snapshot, with this many visits to place. */
    boolean started(UUID id, String owner, String snapshot, int toPlace, Instant now) {
        return held(id, owner, "snapshot = CAST(?3 AS jsonb), to_place = ?4, started_at = ?5, best_placed = NULL,"
                + " best_score = NULL, best_at = NULL", snapshot, toPlace, now);
    }

    /** The solver found a better solution. */
    boolean improved(UUID id, String owner, int placed, String score, Instant now) {
        return held(id, owner, "best_placed = ?3, best_score = left(?4, 100), best_at = ?5", placed, score, now);
    }

    /** The solver's answer. */
    boolean proposed(UUID id, String owner, String proposal, int placed, String score, Instant now) {
        return held(id, owner, "status = 'PROPOSED', proposal = CAST(?3 AS jsonb), best_placed = ?4,"
                + " best_score = left(?5, 100), best_at = ?6, solved_at = ?6, lease_owner = NULL, lease_until = NULL",
                proposal, placed, score, now);
    }

    /** The solver failed. */
    boolean failed(UUID id, String owner, String why, Instant now) {
        return held(id, owner, "status = 'FAILED', failure = left(?3, 500), solved_at = ?4, lease_owner = NULL,"
                + " lease_until = NULL", why, now);
    }

    /** Sets columns of a plan still SOLVING under {@code owner}'s lease; whether it was. */
    private boolean held(UUID id, String owner, String set, Object... values) {
        Query update = getEntityManager().createNativeQuery("UPDATE dispatch_plan SET " + set
                + ", version = version + 1 WHERE id = ?1 AND lease_owner = ?2 AND status = 'SOLVING'");
        update.setParameter(1, id).setParameter(2, owner);
        for (int i = 0; i < values.length; i++) {
            update.setParameter(i + 3, values[i]);
        }
        return update.executeUpdate() == 1;
    }
}
