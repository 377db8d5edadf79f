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
        delete("(lockedUntil is null or lockedUntil < ?1) and lastFailureAt < ?2 and usernameKey not like ?3", now,
                now.minus(java.time.Duration.ofDays(1)), KNOWN + "%" + KNOWN_END);
        delete("usernameKey like ?1 and lastFailureAt < ?2", KNOWN + "%" + KNOWN_END, now.minus(KNOWN_FOR));
    }

    /**
     * Rows that remember where an account last signed in (their time is the last success, not a failure). Their key
     * ends in {@link #KNOWN_END}, which no key of a typed username does (those end in an address).
     */
    static final String KNOWN = "known:";
    static final String KNOWN_END = " #";
    /** How long an address an account signed in from counts as the account's own. */
    static final java.time.Duration KNOWN_FOR = java.time.Duration.ofDays(30);

    /** Remembers that the account signed in from this address now. */
    void remember(String knownKey, java.time.Instant now) {
        getEntityManager().createNativeQuery("INSERT INTO login_throttle (username_key, failed_count, last_failure_at)"
                + " VALUES (?1, 0, ?2) ON CONFLICT (username_key) DO UPDATE SET last_failure_at = excluded.last_failure_at")
                .setParameter(1, knownKey).setParameter(2, now).executeUpdate();
    }

    /** Whether the account signed in from this address within {@link #KNOWN_FOR}. */
    boolean known(String knownKey, java.time.Instant now) {
        return peek(knownKey).filter(t -> t.lastFailureAt().isAfter(now.minus(KNOWN_FOR))).isPresent();
    }

    /**
     * Takes back from an address's count the failures of one username from it, once its owner has signed in from
     * there: a day of typos in one office locks nobody, while one's own sign-in forgives nobody else's guesses.
     */
    void forgive(String addressKey, int failures) {
        if (failures > 0) {
            update("failedCount = case when failedCount > ?2 then failedCount - ?2 else 0 end where usernameKey = ?1",
                    addressKey, failures);
        }
    }

    /** A successful sign-in: the count starts again. The row stays, so that a waiting failure still finds it. */
    void reset(String key) {
        update("failedCount = 0, lockedUntil = null where usernameKey = ?1 and (failedCount > 0 or lockedUntil is not null)",
                key);
    }
}
