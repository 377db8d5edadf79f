package org.doorstep.capture;

import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;

/**
 * A bound on tus PATCH bodies streamed at once. A PATCH is read by a worker thread for as long as its chunk takes
 * to arrive (up to {@code doorstep.http.patch-body-timeout} on a village network), so without a bound a few slow
 * or hostile tablets could hold every worker. Each field agent streams at most a few at once, and the instance
 * at most {@code doorstep.http.max-concurrent-patches} (well under the worker pool); past either, a PATCH is
 * refused at once, before its body is read, with 503 and a {@code Retry-After}: tus clients retry it, and resume
 * from {@code HEAD}.
 */
@ApplicationScoped
public class PatchStreams {

    private final Semaphore total;
    private final int perAgent;
    /** Chunks being streamed, by agent; counted and released atomically per agent. */
    private final ConcurrentHashMap<UUID, Integer> agents = new ConcurrentHashMap<>();

    public PatchStreams(org.doorstep.shared.HttpConfig config) {
        this.total = new Semaphore(Math.max(1, config.maxConcurrentPatches()));
        this.perAgent = Math.max(1, config.maxConcurrentPatchesPerAgent());
    }

    <T> T run(UUID agent, Supplier<T> streaming) {
        boolean[] admitted = new boolean[1];
        agents.compute(agent, (a, n) -> {
            int count = n == null ? 0 : n;
            admitted[0] = count < perAgent;
            return admitted[0] ? count + 1 : n;
        });
        if (!admitted[0]) {
            throw busy("You are sending " + perAgent + " chunks at once already; send this one when one of them is done");
        }
        if (!total.tryAcquire()) {
            release(agent);
            throw busy("Too many chunks are arriving at once; send this one again in a moment");
        }
        try {
            return streaming.get();
        } finally {
            total.release();
            release(agent);
        }
    }

    /** How many chunks the agent is sending right now. */
    int streaming(UUID agent) {
        return agents.getOrDefault(agent, 0);
    }

    private void release(UUID agent) {
        agents.computeIfPresent(agent, (a, n) -> n <= 1 ? null : n - 1);
    }

    private static ProblemException busy(String detail) {
        return Tus.error(ProblemType.UNAVAILABLE, detail).header("Retry-After", "5").header("Connection", "close");
    }
}
