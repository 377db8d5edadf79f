package org.doorstep.capture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.audit.AuditService;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;

/**
 * Keeps the capture store clean: abandoned uploads expire and their bytes go, biometric captures
 * are purged when their retention ends, the list of blobs to delete is drained, and blobs that no row
 * refers to (a crash between writing a blob and committing its row) are swept. Each job runs in a
 * transaction holding a PostgreSQL advisory lock, so with several instances one does the work and the
 * others skip; the rows are also locked with SKIP LOCKED. Blobs are deleted only after the rows that
 * referred to them are gone for good, through {@link BlobDeletions}.
 */
@ApplicationScoped
public class CaptureJanitor {

    private static final Logger LOG = Logger.getLogger(CaptureJanitor.class);
    static final int BATCH = 200;

    /** The orphan sweep's walk through the store, remembered between runs. */
    static final String SWEEP_CURSOR = "orphan-sweep";

    private final CaptureRepository captures;
    private final UploadService uploads;
    private final BlobDeletions deletions;
    private final BlobStore store;
    private final AuditService audit;
    private final CaptureConfig config;
    private final Clock clock;

    private final Counter swept;

    public CaptureJanitor(CaptureRepository captures, UploadService uploads, BlobDeletions deletions, BlobStore store,
            AuditService audit, CaptureConfig config, Clock clock, MeterRegistry meters) {
        this.swept = BlobDeletions.deletedCounter(meters, "orphan-sweep");
        this.captures = captures;
        this.uploads = uploads;
        this.deletions = deletions;
        this.store = store;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(every = "${doorstep.capture.janitor-interval:5m}", delayed = "${doorstep.capture.janitor-delay:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP, skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void run() {
        try {
            expireUploads();
            purgeBiometrics();
            drainDeletions();
            sweepOrphans();
        } catch (RuntimeException e) {
            LOG.error("The capture janitor failed; it runs again at the next interval", e);
        }
    }

    /** Deletes uploads past their Upload-Expires with their bytes; returns how many. */
    public int expireUploads() {
        List<String> blobs = new ArrayList<>();
        int expired = QuarkusTransaction.requiringNew().call(() -> {
            if (!captures.tryJanitorLock()) {
                return 0;
            }
            List<Capture> due = captures.expiredUploads(clock.instant(), BATCH);
            due.forEach(c -> blobs.addAll(uploads.discard(c)));
            return due.size();
        });
        deletions.drain(blobs);
        if (expired > 0) {
            LOG.infof("Expired %d abandoned uploads", expired);
        }
        return expired;
    }

    /**
     * Purges biometric captures whose visit was submitted, failed or cancelled more than the
     * retention ago: the bytes are deleted, the metadata stays, marked purged, and each purge is
     * audited. Returns how many.
     */
    public int purgeBiometrics() {
        Instant now = clock.instant();
        Instant cutoff = now.minus(Duration.ofDays(config.biometricRetentionDays()));
        List<String> blobs = new ArrayList<>();
        int purged = QuarkusTransaction.requiringNew().call(() -> {
            if (!captures.tryJanitorLock()) {
                return 0;
            }
            Map<UUID, Instant> ended = captures.visitsDueForPurge(cutoff, BATCH);
            List<UUID> due = new ArrayList<>(ended.keySet());
            if (due.isEmpty()) {
                return 0;
            }
            List<Capture> toPurge = captures.biometricsToPurge(due);
            for (Capture c : toPurge) {
                blobs.addAll(captures.deleteParts(c.id()));
                c.purge(now, Capture.PurgeReason.RETENTION_ENDED);
            }
            captures.flush();
            for (Capture c : toPurge) {
                audit.record(c.purgedEvent().detail("visitEndedAt", ended.get(c.visitId()).toString())
                        .detail("retentionDays", config.biometricRetentionDays()));
            }
            return toPurge.size();
        });
        deletions.drain(blobs);
        if (purged > 0) {
            LOG.infof("Purged %d biometric captures at the end of their retention", purged);
        }
        return purged;
    }

    /** Deletes the blobs on the list that are due (left by an instance that stopped, or a store that failed). */
    public int drainDeletions() {
        int deleted = 0;
        int batch;
        do {
            batch = deletions.drainDue(BATCH);
            deleted += batch;
        } while (batch == BATCH);
        return deleted;
    }

    /**
     * Looks at the next page of the store's blobs, from where the last run stopped (in key order, starting
     * again at the first when the last page is done), and deletes those older than the grace that no part
     * row refers to and that are not on the list of deletions already; also the leftovers of writes
     * abandoned as long ago. The grace covers a PATCH between writing its blob and committing its row.
     * Returns how many blobs went.
     */
    public int sweepOrphans() {
        return sweepOrphans(BATCH * 10);
    }

    /** The same, looking at {@code page} blobs. */
    int sweepOrphans(int page) {
        Instant cutoff = clock.instant().minus(config.orphanGrace());
        return QuarkusTransaction.requiringNew().call(() -> {
            if (!captures.tryJanitorLock()) {
                return 0;
            }
            try {
                store.deleteAbandonedWrites(cutoff);
                List<BlobStore.Listed> listed = store.list(captures.lockCursor(SWEEP_CURSOR), page);
                Set<String> kept = captures.referencedOrQueued(listed.stream().map(BlobStore.Listed::key).toList());
                int deleted = 0;
                for (BlobStore.Listed blob : listed) {
                    if (blob.storedAt().isBefore(cutoff) && !kept.contains(blob.key())) {
                        store.delete(blob.key());
                        swept.increment();
                        deleted++;
                    }
                }
                captures.moveCursor(SWEEP_CURSOR, listed.size() < page ? "" : listed.get(listed.size() - 1).key());
                if (deleted > 0) {
                    LOG.warnf("Swept %d blobs that no capture refers to", deleted);
                }
                return deleted;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
