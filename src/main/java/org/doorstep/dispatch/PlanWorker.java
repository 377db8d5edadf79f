package org.doorstep.dispatch;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.dispatch.planner.DayPlan;
import org.doorstep.dispatch.planner.DayPlanner;
import org.doorstep.dispatch.planner.Proposal;
import org.jboss.logging.Logger;

/**
 * Solves day plans on a few threads of its own, never on a request thread, with a bounded queue:
 * when it is full, new plans are refused (503) instead of piling up.
 */
@ApplicationScoped
public class PlanWorker {

    private static final Logger LOG = Logger.getLogger(PlanWorker.class);

    private final DayPlanner planner;
    private final ThreadPoolExecutor executor;

    public PlanWorker(DispatchConfig config) {
        DispatchConfig.Planner c = config.planner();
        this.planner = new DayPlanner(Duration.ofSeconds(c.unimprovedSeconds()));
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(c.threads(), c.threads(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(c.queue()), r -> {
                    Thread t = new Thread(r, "day-planner-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
    }

    /** Refuses (503) when the queue is full, so that the caller can ask before it records the plan. */
    void requireRoom() {
        if (executor.getQueue().remainingCapacity() == 0) {
            throw busy();
        }
    }

    /**
     * Solves in the background (telling {@code started} when a thread takes it up, and {@code progress}
     * each time the best solution improves) and hands the proposal, or the failure, to the callbacks.
     */
    void solve(DayPlan problem, Duration limit, Runnable started, Consumer<DayPlanner.Progress> progress,
            Consumer<Proposal> done, Consumer<Throwable> failed) {
        try {
            executor.execute(() -> {
                Proposal proposal;
                try {
                    started.run();
                    proposal = planner.plan(problem, limit, progress);
                } catch (RuntimeException | Error e) {
                    LOG.error("The day planner failed", e);
                    failed.accept(e);
                    return;
                }
                done.accept(proposal);
            });
        } catch (RejectedExecutionException e) {
            failed.accept(e);
            throw busy();
        }
    }

    /** Plans a day at once, on the calling thread: only for a day with nothing to place. */
    Proposal now(DayPlan problem) {
        return planner.plan(problem, Duration.ofMillis(1));
    }

    private static org.doorstep.shared.ProblemException busy() {
        return DispatchProblem.PLANNER_BUSY.exception("Too many plans are being solved; ask again shortly")
                .header("Retry-After", "10");
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
