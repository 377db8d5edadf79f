package org.doorstep.identity;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class LoginThrottleRepository implements PanacheRepositoryBase<LoginThrottle, String> {

    @jakarta.inject.Inject
    java.time.Clock clock;

    /** The throttle row of a username, created if missing, locked for this transaction. */
    LoginThrottle lockFor(String key) {
        getEntityManager().createNativeQuery(
                "INSERT INTO login_throttle (username_key, failed_count, last_failure_at) VALUES (?1, 0, now())"
                        + " ON CONFLICT (username_key) DO NOTHING")
                .setParameter(1, key).executeUpdate();
        return findByIdOptional(key, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
    }

    Optional<LoginThrottle> peek(String key) {
        return findByIdOptional(key);
    }

    /**
     * Forgets usernames that are not locked and have not failed for a day, so that guessing random
     * usernames does not grow the table for ever.
     */
    @io.quarkus.scheduler.Scheduled(every = "1h", delay = 5, delayUnit = java.util.concurrent.TimeUnit.MINUTES, concurrentExecution = io.quarkus.scheduler.Scheduled.ConcurrentExecution.SKIP)
    @jakarta.transaction.Transactional
    void purge() {
        java.time.Instant now = clock.instant();
        delete("(lockedUntil is null or lockedUntil < ?1) and lastFailureAt < ?2", now,
                now.minus(java.time.Duration.ofDays(1)));
    }

    /** A successful sign-in: the count starts again. The row stays, so that a waiting failure still finds it. */
    void reset(String key) {
        update("failedCount = 0, lockedUntil = null where usernameKey = ?1 and (failedCount > 0 or lockedUntil is not null)",
                key);
    }
}
