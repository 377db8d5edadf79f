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

    boolean locked(Instant now) {
        return lockedUntil != null && now.isBefore(lockedUntil);
    }

    Duration remaining(Instant now) {
        return lockedUntil == null ? Duration.ZERO : Duration.between(now, lockedUntil);
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
