package org.doorstep.identity;

import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.doorstep.shared.ProblemException;

/**
 * A bound on password hashes computed at once. Each Argon2id hash takes 19 MiB and a core for tens of
 * milliseconds, so sign-ins without a bound are a lever: a few dozen at once from anyone take every core
 * and the signed-in users wait seconds. A hash waits briefly for a permit; past that, the sign-in is refused
 * with 503 {@code sign-in-busy} and a {@code Retry-After}, and nothing else is held up.
 */
final class HashPermits {

    private final Semaphore permits;
    private final Duration wait;

    HashPermits(int permits, Duration wait) {
        this.permits = new Semaphore(Math.max(1, permits), true);
        this.wait = wait;
    }

    <T> T run(Supplier<T> hashing) {
        boolean acquired;
        try {
            acquired = permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            acquired = false;
        }
        if (!acquired) {
            throw busy();
        }
        try {
            return hashing.get();
        } finally {
            permits.release();
        }
    }

    static ProblemException busy() {
        return IdentityProblem.SIGN_IN_BUSY.exception("Too many sign-ins are being checked at once; try again in a moment")
                .header("Retry-After", "2");
    }
}
