package org.doorstep.resident;

import java.net.InetAddress;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * This instance's worker of the re-index of the blind indexes: when a county admin starts one (here, at once;
 * on another instance, at its next look) it takes the lease and runs batch after batch on a thread of its
 * own, renewing the lease with each, until the run is done, paused or failed. The lease keeps other
 * instances off; when this one stops (handing the lease back) or dies (the lease runs out), another
 * instance, or this one started again, goes on from the last batch committed.
 */
@ApplicationScoped
public class BlindIndexReindexer {

    private static final Logger LOG = Logger.getLogger(BlindIndexReindexer.class);

    /** How long a lease holds unless renewed: the longest a stopped instance keeps the run from the others. */
    static final Duration LEASE = Duration.ofSeconds(60);

    private final BlindIndexRotation rotation;
    private final PersonalDataConfig.Reindex config;
    private final String owner;
    private final AtomicBoolean working = new AtomicBoolean();
    /** A wake that came while working: look again when done, as the run may have been resumed meanwhile. */
    private final AtomicBoolean missed = new AtomicBoolean();
    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "blind-index-reindex");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean stopping;

    public BlindIndexReindexer(BlindIndexRotation rotation, PersonalDataConfig config) {
        this.rotation = rotation;
        this.config = config.reindex();
        this.owner = host() + ":" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
        if (this.config.batchSize() < 1 || this.config.batchSize() > 10_000) {
            throw new IllegalStateException("doorstep.pii.reindex.batch-size must be 1 to 10000");
        }
    }

    /** A re-index was started or resumed here: go at once rather than at the next look. */
    void started(@Observes(during = TransactionPhase.AFTER_SUCCESS) BlindIndexRotation.Started event) {
        wake();
    }

    @Scheduled(every = "${doorstep.pii.reindex.every:10s}", delay = 10, delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void look() {
        wake();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        thread.shutdownNow();
        try {
            rotation.release(owner);
        } catch (RuntimeException e) {
            LOG.warnf("Stopping: the re-index lease could not be handed back (%s); another instance takes the run"
                    + " over when it runs out", e.getMessage());
        }
    }

    private void wake() {
        if (!config.worker() || stopping) {
            return;
        }
        if (!working.compareAndSet(false, true)) {
            missed.set(true);
            return;
        }
        missed.set(false);
        try {
            thread.execute(() -> {
                try {
                    work();
                } finally {
                    working.set(false);
                    if (missed.getAndSet(false)) {
                        wake();
                    }
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            working.set(false);
        }
    }

    /** Runs the re-index while this instance holds it. */
    private void work() {
        try {
            if (!rotation.running() || !rotation.claim(owner, LEASE)) {
                return;
            }
            LOG.info("Re-indexing the blind indexes with the index key that writes");
            BlindIndexRotation.Step step;
            do {
                step = rotation.step(owner, config.batchSize(), LEASE);
                if (step == BlindIndexRotation.Step.MORE && !config.pause().isZero()) {
                    Thread.sleep(config.pause().toMillis());
                }
            } while (step == BlindIndexRotation.Step.MORE && !stopping);
            LOG.infof("Re-indexing the blind indexes: %s", step == BlindIndexRotation.Step.DONE ? "done"
                    : "stopped (paused, failed or taken over)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (stopping) {
                return;
            }
            // A batch that fails for a reason of its own (not a resident's: those fail the run with it) is
            // rolled back; the run is failed with the reason, for an admin to look at and resume.
            LOG.warnf(e, "Re-indexing the blind indexes failed");
            try {
                rotation.fail(owner, "A batch failed: " + e.getClass().getSimpleName()
                        + "; resume it, and see the service's log if it fails again");
            } catch (RuntimeException again) {
                LOG.warnf("The re-index could not be marked failed (%s); its lease runs out", again.getMessage());
            }
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "unknown-host";
        }
    }
}
