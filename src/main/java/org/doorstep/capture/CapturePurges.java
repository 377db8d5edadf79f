package org.doorstep.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditService;

/**
 * Captures deleted at a resident's word: withdrawing consent to biometric capture deletes every face image of
 * their visits, erasing their data deletes every capture; both at once, filed or not (the rows stay, purged with
 * the reason), and uploads under way stop. Runs in the caller's transaction; the bytes go once it has committed
 * ({@link #deleteBytes}).
 */
@ApplicationScoped
public class CapturePurges {

    private final CaptureRepository captures;
    private final UploadService uploads;
    private final BlobDeletions deletions;
    private final AuditService audit;

    public CapturePurges(CaptureRepository captures, UploadService uploads, BlobDeletions deletions, AuditService audit) {
        this.captures = captures;
        this.uploads = uploads;
        this.deletions = deletions;
        this.audit = audit;
    }

    /** What was done: the visits whose captures were deleted, how many, how many uploads stopped, and the blobs. */
    public record Purged(Set<UUID> visits, int deleted, int uploadsStopped, List<String> blobs) {
        /** Nothing was deleted. */
        public static final Purged NONE = new Purged(Set.of(), 0, 0, List.of());
    }

    /** Every face image of these visits, and face uploads under way. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Purged withdrawBiometrics(Collection<UUID> visitIds, Instant now) {
        return purge(visitIds, true, Capture.PurgeReason.CONSENT_WITHDRAWN, now);
    }

    /**
     * Every capture of these visits, and every upload under way; the captures purged before (retention, a
     * withdrawal) keep no file name either.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Purged eraseAll(Collection<UUID> visitIds, Instant now) {
        Purged purged = purge(visitIds, false, Capture.PurgeReason.ERASED, now);
        captures.forgetFileNames(visitIds);
        return purged;
    }

    private Purged purge(Collection<UUID> visitIds, boolean biometricOnly, Capture.PurgeReason reason, Instant now) {
        if (visitIds.isEmpty()) {
            return Purged.NONE;
        }
        List<String> blobs = new ArrayList<>();
        // Uploads first, waiting for any PATCH finishing one: a capture that became complete meanwhile is then purged.
        List<Capture> under = captures.uploads(visitIds, biometricOnly);
        under.forEach(c -> blobs.addAll(uploads.discard(c)));
        List<Capture> faces = captures.completeOf(visitIds, biometricOnly);
        Set<UUID> visits = new LinkedHashSet<>();
        for (Capture c : faces) {
            blobs.addAll(captures.deleteParts(c.id()));
            c.purge(now, reason);
            visits.add(c.visitId());
        }
        captures.flush();
        for (Capture c : faces) {
            audit.record(c.purgedEvent());
        }
        return new Purged(visits, faces.size(), under.size(), blobs);
    }

    /** Deletes the withdrawn bytes from the store; whatever cannot go now stays on the list and goes later. */
    public void deleteBytes(Purged withdrawn) {
        deletions.drain(withdrawn.blobs());
    }
}
