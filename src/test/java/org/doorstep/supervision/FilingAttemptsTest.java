package org.doorstep.supervision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** When a failed send parks a filing: without a limit never for a passing failure, with one after it. */
class FilingAttemptsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T02:00:00Z");

    /** A filing after {@code failures} failed sends of a passing kind. */
    private static Filing failed(int failures, OptionalInt maxAttempts) {
        Filing filing = new Filing();
        for (int attempt = 1; attempt <= failures; attempt++) {
            claimed(filing);
            filing.failed("the upstream answered 503", false, maxAttempts, Duration.ofMinutes(60), NOW);
        }
        return filing;
    }

    /** What claiming a filing does to it: the claim's UPDATE in the repository counts the attempt. */
    private static void claimed(Filing filing) {
        try {
            var attempts = Filing.class.getDeclaredField("attempts");
            attempts.setAccessible(true);
            attempts.setInt(filing, attempts.getInt(filing) + 1);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void withoutALimitAFilingThatKeepsFailingWaitsForTheNextAttemptHoweverOftenItFailed() {
        Filing filing = failed(1000, OptionalInt.empty());
        assertEquals(Filing.Status.PENDING, filing.status());
        assertEquals(NOW.plus(Duration.ofMinutes(60)), filing.nextAttemptAt());
    }

    @Test
    void withALimitItIsParkedAtTheLimit() {
        assertEquals(Filing.Status.PENDING, failed(7, OptionalInt.of(8)).status());
        assertEquals(Filing.Status.FAILED, failed(8, OptionalInt.of(8)).status());
    }

    @Test
    void aRefusalParksItAtOnceEitherWay() {
        Filing filing = new Filing();
        claimed(filing);
        filing.failed("the upstream answered 422", true, OptionalInt.empty(), Duration.ofSeconds(30), NOW);
        assertEquals(Filing.Status.FAILED, filing.status());
    }
}
