package org.doorstep.identity;

import java.time.Duration;
import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * Failed sign-ins for one typed username. After {@code threshold} failures in a row the username is
 * locked for a while, whether or not an account has it, so that locking reveals nothing.
 */
@Entity
@Table(name = "login_throttle")
public class LoginThrottle {

    @Id
    @Column(name = "username_key")
    private String usernameKey;
    @Column(name = "failed_count")
    private int failedCount;
    @Column(name = "locked_until")
    private Instant lockedUntil;
    @Column(name = "last_failure_at")
    private Instant lastFailureAt;

    protected LoginThrottle() {
    }

    LoginThrottle(String usernameKey) {
        this.usernameKey = usernameKey;
    }

    int failedCount() {
        return failedCount;
    }

    Instant lastFailureAt() {
        return lastFailureAt;
    }

    boolean locked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Duration remaining(Instant now) {
        return lockedUntil == null ? Duration.ZERO : Duration.between(now, lockedUntil);
    }

    /**
     * How long an account must still wait before its next attempt: nothing for its first {@code free} failures,
     * then {@code base} after the last one, doubling with each further failure up to {@code max}. A slowdown, never
     * a lock: the real user, told how long, is let in after at most {@code max}.
     */
    Duration slowdownLeft(int free, Duration base, Duration max, Instant now) {
        if (failedCount < free || lastFailureAt == null) {
            return Duration.ZERO;
        }
        int doublings = Math.min(failedCount - free, 30);
        Duration wait = base.multipliedBy(1L << doublings);
        if (wait.compareTo(max) > 0) {
            wait = max;
        }
        Instant until = lastFailureAt.plus(wait);
        return now.isBefore(until) ? Duration.between(now, until) : Duration.ZERO;
    }

    /** Whether the account's attempts are being slowed down. */
    boolean slowed(int free) {
        return failedCount >= free;
    }

    /** An attempt on a slowed account takes the next turn, so that attempts sent at once wait for each other. */
    void takeTurn(Instant now) {
        lastFailureAt = now;
    }

    /** Counts a failure for the account, whatever the address: no lock, only the slowdown above. */
    void count(Instant now) {
        failedCount++;
        lastFailureAt = now;
    }

    /** Counts a failure; true when this one locks the username. */
    boolean fail(int threshold, Duration lock, Instant now) {
        if (lockedUntil != null && !now.isBefore(lockedUntil)) {
            failedCount = 0;
            lockedUntil = null;
        }
        failedCount++;
        lastFailureAt = now;
        if (failedCount >= threshold) {
            lockedUntil = now.plus(lock);
            return true;
        }
        return false;
    }
}
