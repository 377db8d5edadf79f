package org.doorstep.capture;

import java.io.InputStream;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitReach;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

/** A visit's captures as the API and other features read them; every read of a capture's bytes is audited. */
@ApplicationScoped
public class CaptureService {

    private final CaptureRepository captures;
    private final VisitFacts visits;
    private final BlobStore store;
    private final CaptureCipher cipher;
    private final AuditService audit;

    public CaptureService(CaptureRepository captures, VisitFacts visits, BlobStore store, CaptureCipher cipher,
            AuditService audit) {
        this.captures = captures;
        this.visits = visits;
        this.store = store;
        this.cipher = cipher;
        this.audit = audit;
    }

    /** A capture's bytes, ready to stream, with what the response says of them. */
    public record Content(UUID id, String contentType, long size, String sha256, InputStream bytes) {
    }

    /** The visit's captures (complete ones, and purged ones with their metadata). */
    public Page<CaptureApi.View> list(Caller caller, UUID visitId, PageRequest page) {
        visits.of(caller, visitId, VisitReach.townWideFor(Roles.DISPATCHER, Roles.SUPERVISOR));
        return Page.of(captures.ofVisit(visitId, page.page(), page.size()).stream().map(CaptureApi.View::from).toList(),
                page, captures.countOfVisit(visitId));
    }

    /**
     * The kinds of the visit's complete captures (not purged ones, not uploads under way): what
     * completing a visit checks against its service's required captures.
     */
    public Set<CaptureKind> capturedKinds(UUID visitId) {
        return capturedKinds(List.of(visitId)).getOrDefault(visitId, EnumSet.noneOf(CaptureKind.class));
    }

    /** The same for several visits in one query (visits with nothing captured are absent). */
    public java.util.Map<UUID, Set<CaptureKind>> capturedKinds(java.util.Collection<UUID> visitIds) {
        java.util.Map<UUID, Set<CaptureKind>> kinds = new java.util.HashMap<>();
        captures.complete(visitIds).forEach(c -> kinds.computeIfAbsent(c.visitId(), v -> EnumSet.noneOf(CaptureKind.class))
                .add(c.kind()));
        return kinds;
    }

    /** What the online filing tells the upstream of a capture: what it is and its hash. */
    public record Filed(UUID id, CaptureKind kind, String sha256, long size, String contentType) {
    }

    /** The visit's complete captures, for its online filing (no person reads them here). */
    public List<Filed> forFiling(UUID visitId) {
        return captures.complete(visitId).stream()
                .map(c -> new Filed(c.id(), c.kind(), c.sha256(), c.size(), c.contentType())).toList();
    }

    /** Whether this is a complete capture of this kind on this visit (for a consent's signature). */
    public boolean isComplete(UUID visitId, UUID captureId, CaptureKind kind) {
        return captures.findByIdOptional(captureId).filter(c -> c.visitId().equals(visitId) && c.kind() == kind
                && c.status() == CaptureStatus.COMPLETE).isPresent();
    }

    /**
     * The capture's bytes for someone who may see its visit. The read is audited before a byte
     * leaves; a purged capture is 410, an upload under way is not a capture (404).
     */
    @Transactional
    public Content content(Caller caller, UUID captureId) {
        Capture c = captures.findInTown(caller.townId(), captureId).filter(x -> x.status() != CaptureStatus.UPLOADING)
                .orElseThrow(() -> ProblemException.notFound("Capture"));
        visits.of(caller, c.visitId(), VisitReach.townWideFor(Roles.SUPERVISOR));
        if (c.status() == CaptureStatus.PURGED) {
            throw CaptureProblem.CAPTURE_PURGED
                    .exception("This biometric capture's bytes were deleted on " + c.purgedAt() + "; its metadata is kept");
        }
        List<CapturePart> parts = captures.parts(c.id());
        CaptureContent.requireStored(store, c.id(), parts);
        audit.record(AuditEvent.of(AuditAction.CAPTURE_READ).town(c.townId()).actor(caller.staffId(), caller.username())
                .device(caller.deviceId().orElse(null)).target("capture", c.id()).detail("visit", c.visitId())
                .detail("kind", c.kind().name()));
        return new Content(c.id(), c.contentType(), c.size(), c.sha256(),
                CaptureContent.plaintext(store, cipher.open(c.id(), c.keyId(), c.wrappedKey()), c.id(), parts));
    }
}
