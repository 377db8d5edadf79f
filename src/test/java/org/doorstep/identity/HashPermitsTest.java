package org.doorstep.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.doorstep.shared.ProblemException;
import org.junit.jupiter.api.Test;

class HashPermitsTest {

    @Test
    void aHashBeyondThePermitsWaitsBrieflyThenIsRefusedWithRetryAfter() throws Exception {
        HashPermits permits = new HashPermits(1, Duration.ofMillis(100));
        CountDownLatch hashing = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> first = pool.submit(() -> permits.run(() -> {
                hashing.countDown();
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return "first";
            }));
            hashing.await();
            ProblemException busy = assertThrows(ProblemException.class, () -> permits.run(() -> "second"));
            assertEquals(503, busy.status());
            assertEquals("2", busy.headers().get("Retry-After"));
            done.countDown();
            assertEquals("first", first.get());
            assertEquals("third", permits.run(() -> "third"));
        } finally {
            pool.shutdownNow();
        }
    }
}
