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

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;

/**
 * What withdrawing consent to biometric capture does to the captures: every face image of the visits is deleted
 * from the store at once, filed or not (the rows stay, purged with the reason), and face uploads under way are
 * stopped. Runs in the withdrawal's transaction; the bytes go once it has committed ({@link #deleteBytes}).
 */
@ApplicationScoped
public class BiometricWithdrawal {

    private final CaptureRepository captures;
    private final UploadService uploads;
    private final BlobDeletions deletions;
    private final AuditService audit;

    public BiometricWithdrawal(CaptureRepository captures, UploadService uploads, BlobDeletions deletions, AuditService audit) {
        this.captures = captures;
        this.uploads = uploads;
        this.deletions = deletions;
        this.audit = audit;
    }

    /** What was done: the visits whose face images were deleted, how many, how many uploads stopped, and the blobs. */
    public record Withdrawn(Set<UUID> visitsWithFacesDeleted, int facesDeleted, int uploadsStopped, List<String> blobs) {
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Withdrawn withdraw(Collection<UUID> visitIds, Instant now) {
        if (visitIds.isEmpty()) {
            return new Withdrawn(Set.of(), 0, 0, List.of());
        }
        List<String> blobs = new ArrayList<>();
        // Uploads first, waiting for any PATCH finishing one: a face that became complete meanwhile is then purged.
        List<Capture> under = captures.biometricUploads(visitIds);
        under.forEach(c -> blobs.addAll(uploads.discard(c)));
        List<Capture> faces = captures.biometricsToPurge(visitIds);
        Set<UUID> visits = new LinkedHashSet<>();
        for (Capture c : faces) {
            blobs.addAll(captures.deleteParts(c.id()));
            c.purge(now, Capture.PurgeReason.CONSENT_WITHDRAWN);
            visits.add(c.visitId());
        }
        captures.flush();
        for (Capture c : faces) {
            audit.record(AuditEvent.of("CAPTURE_PURGED").town(c.townId()).target("capture", c.id())
                    .detail("visit", c.visitId()).detail("kind", c.kind().name())
                    .detail("reason", Capture.PurgeReason.CONSENT_WITHDRAWN.name()));
        }
        return new Withdrawn(visits, faces.size(), under.size(), blobs);
    }

    /** Deletes the withdrawn bytes from the store; whatever cannot go now stays on the list and goes later. */
    public void deleteBytes(Withdrawn withdrawn) {
        deletions.drain(withdrawn.blobs());
    }
}
