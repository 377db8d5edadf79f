package org.doorstep.dispatch;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.doorstep.dispatch.planner.DayPlanner;
import org.doorstep.dispatch.planner.Proposal;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * This instance's day planner: a few solver threads of its own (never a request thread) that take plans
 * from the queue in the database, whichever instance they were asked on. A ticker, once a second (and at
 * once when a plan is asked here), renews the leases of the plans being solved, fails those whose last
 * attempt's instance stopped, and claims waiting plans while a solver thread is free. A plan whose
 * instance stops is claimed again by another within the lease and a tick; one that loses
 * {@link #MAX_ATTEMPTS} instances fails with a reason. An instance configured with no solver threads
 * takes no plans.
 */
@ApplicationScoped
public class PlanRunner {

    private static final Logger LOG = Logger.getLogger(PlanRunner.class);

    /** How long a lease holds unless it is renewed: the longest a stopped instance keeps a plan. */
    static final Duration LEASE = Duration.ofSeconds(10);
    /** How often leases are renewed, lost plans failed and waiting ones claimed. */
    static final Duration TICK = Duration.ofSeconds(1);
    /** Instances a plan may lose (each one a solving started again) before it fails. */
    static final int MAX_ATTEMPTS = 3;
    /** How long past its time limit a solving may run before its lease is no longer renewed. */
    static final Duration GRACE = Duration.ofSeconds(30);
    private static final Duration PROGRESS_EVERY = Duration.ofMillis(500);

    private final PlanRepository plans;
    private final PlanService service;
    private final DayPlanner planner;
    private final Clock clock;
    private final int threads;
    /** Who holds a lease: this host, process and start ({@code host:pid/uuid}), as the queue's rows show it. */
    private final String owner;
    /** The plans this instance is solving, with System.nanoTime() after which it stops renewing their lease. */
    private final Map<UUID, Long> solving = new ConcurrentHashMap<>();
    private final Semaphore wake = new Semaphore(0);
    private Semaphore free;
    private ExecutorService solvers;
    private Thread ticker;
    private volatile boolean stopping;

    public PlanRunner(PlanRepository plans, PlanService service, DispatchConfig config, Clock clock) {
        this.plans = plans;
        this.service = service;
        this.clock = clock;
        this.threads = config.planner().threads();
        this.planner = new DayPlanner(Duration.ofSeconds(config.planner().unimprovedSeconds()));
        this.owner = host() + ":" + ProcessHandle.current().pid() + "/" + UUID.randomUUID();
    }

    void start(@Observes StartupEvent event) {
        if (threads <= 0) {
            LOG.info("doorstep.dispatch.planner.threads=0: this instance solves no day plans");
            return;
        }
        free = new Semaphore(threads);
        AtomicInteger n = new AtomicInteger();
        solvers = Executors.newFixedThreadPool(threads, r -> daemon(r, "day-planner-" + n.incrementAndGet()));
        ticker = daemon(this::tick, "day-planner-queue");
        ticker.start();
    }

    void stop(@Observes ShutdownEvent event) {
        stopping = true;
        if (ticker == null) {
            return;
        }
        ticker.interrupt();
        solvers.shutdownNow();
        try {
            int released = QuarkusTransaction.requiringNew().call(() -> plans.release(owner));
            if (released > 0) {
                LOG.infof("Stopping: %d day plans handed back to the queue for another instance", released);
            }
        } catch (RuntimeException e) {
            LOG.warnf("Stopping: the day plans of this instance could not be handed back (%s); they are taken over"
                    + " when their leases run out", e.getMessage());
        }
    }

    /** A plan was asked for here: look at the queue as soon as it is committed, rather than at the next tick. */
    void queued(@Observes(during = TransactionPhase.AFTER_SUCCESS) PlanService.Queued event) {
        wake.release();
    }

    private void tick() {
        while (!stopping) {
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    long now = System.nanoTime();
                    plans.renew(owner, solving.entrySet().stream().filter(e -> e.getValue() - now > 0)
                            .map(Map.Entry::getKey).toList(), LEASE);
                    int failed = plans.failLost(MAX_ATTEMPTS, "Solving was interrupted " + MAX_ATTEMPTS + " times (the"
                            + " instances solving it stopped or stopped answering); ask for a new plan", clock.instant());
                    if (failed > 0) {
                        LOG.warnf("%d day plans failed: their solving was lost %d times", failed, MAX_ATTEMPTS);
                    }
                });
                while (!stopping && free.tryAcquire()) {
                    Optional<UUID> claimed = QuarkusTransaction.requiringNew()
                            .call(() -> plans.claim(owner, LEASE, MAX_ATTEMPTS));
                    if (claimed.isEmpty()) {
                        free.release();
                        break;
                    }
                    UUID id = claimed.get();
                    solving.put(id, System.nanoTime() + LEASE.toNanos());
                    solvers.execute(() -> {
                        try {
                            solve(id);
                        } finally {
                            solving.remove(id);
                            free.release();
                        }
                    });
                }
            } catch (RuntimeException e) {
                if (!stopping) {
                    LOG.warnf("The day-plan queue could not be read (%s); trying again", e.getMessage());
                }
            }
            try {
                wake.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void solve(UUID id) {
        try {
            Optional<PlanService.Prepared> prepared = QuarkusTransaction.requiringNew()
                    .call(() -> service.prepareClaimed(id, owner));
            if (prepared.isEmpty()) {
                return; // taken over meanwhile
            }
            PlanService.Prepared p = prepared.get();
            Duration limit = Duration.ofSeconds(p.plan().timeLimitSeconds());
            solving.put(id, System.nanoTime() + limit.plus(GRACE).toNanos());
            Proposal proposal = planner.plan(p.problem(), limit, progressOf(id));
            if (stopping) {
                return; // cut short by the stop: another instance solves it again in full
            }
            QuarkusTransaction.requiringNew().run(() -> service.answer(id, owner, proposal, p.context()));
        } catch (RuntimeException | Error e) {
            if (stopping) {
                return;
            }
            LOG.errorf(e, "The day planner failed on plan %s", id);
            QuarkusTransaction.requiringNew().run(() -> plans.failed(id, owner,
                    "The planner failed; ask again, and report it if it keeps failing", clock.instant()));
        }
    }

    /**
     * Keeps the best solution's counts on the plan as the solver improves it, at most twice a second (the
     * first one at once), so that anyone reading the plan, on any instance, sees the search move.
     */
    private Consumer<DayPlanner.Progress> progressOf(UUID id) {
        AtomicLong last = new AtomicLong(Long.MIN_VALUE);
        return progress -> {
            long now = System.nanoTime();
            long before = last.get();
            if (before != Long.MIN_VALUE && now - before < PROGRESS_EVERY.toNanos() || !last.compareAndSet(before, now)) {
                return;
            }
            QuarkusTransaction.requiringNew()
                    .run(() -> plans.improved(id, owner, progress.placed(), progress.score(), clock.instant()));
        };
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException | RuntimeException e) {
            return "unknown-host";
        }
    }
}
