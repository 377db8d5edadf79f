package org.doorstep.capture;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * PATCHes being received by this instance, by upload. A client whose connection broke asks HEAD at once,
 * often before the server has noticed the break and kept what came; HEAD (and a PATCH) first waits
 * briefly for that request to finish, so the client resumes from what was kept instead of sending it
 * again. Across instances the offset check at commit still decides.
 */
@ApplicationScoped
class InFlightUploads {

    /** How long HEAD and PATCH wait for a PATCH of the same upload still finishing on this instance. */
    private static final Duration WAIT = Duration.ofSeconds(5);

    private final ConcurrentMap<UUID, CountDownLatch> receiving = new ConcurrentHashMap<>();

    /** Waits (a little) for a PATCH of the upload still being received here. */
    void await(UUID id) {
        CountDownLatch running = receiving.get(id);
        if (running == null) {
            return;
        }
        try {
            running.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs a PATCH of the upload, letting HEADs and later PATCHes of it wait for its end. */
    <T> T receiving(UUID id, Supplier<T> patch) {
        await(id);
        CountDownLatch mine = new CountDownLatch(1);
        receiving.put(id, mine);
        try {
            return patch.get();
        } finally {
            receiving.remove(id, mine);
            mine.countDown();
        }
    }
}
