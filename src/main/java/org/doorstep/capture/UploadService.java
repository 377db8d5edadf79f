package org.doorstep.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitReach;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.security.Caller;
import org.jboss.logging.Logger;

import com.google.crypto.tink.StreamingAead;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The tus uploads of captures: creation, the offset (HEAD), appending (PATCH) and termination. It only
 * orchestrates: the metadata is read by {@link UploadMetadata}, the rules are {@link CapturePolicy}'s, the
 * bytes are received and checked by {@link UploadVerifier}. A PATCH is streamed (request body, encryption,
 * blob) without holding the upload in memory or a database connection while the bytes arrive; its part is
 * recorded, and the offset moved, in a short transaction afterwards that checks the offset is still the
 * one the PATCH started from, so of two PATCHes racing from one offset exactly one is kept.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    /** Seconds a client is asked to wait before sending to a full store again: room is made by people. */
    static final int STORE_FULL_RETRY = 300;

    private final CaptureRepository captures;
    private final BlobStore store;
    private final BlobDeletions deletions;
    private final CaptureCipher cipher;
    private final CapturePolicy policy;
    private final UploadVerifier verifier;
    private final InFlightUploads inFlight;
    private final CaptureConfig config;
    private final VisitFacts visits;
    private final CatalogService catalog;
    private final BiometricConsent consent;
    private final AuditService audit;
    private final Clock clock;

    public UploadService(CaptureRepository captures, BlobStore store, BlobDeletions deletions, CaptureCipher cipher,
            CapturePolicy policy,
            UploadVerifier verifier, InFlightUploads inFlight, CaptureConfig config, VisitFacts visits,
            CatalogService catalog, BiometricConsent consent, AuditService audit, Clock clock) {
        this.captures = captures;
        this.store = store;
        this.deletions = deletions;
        this.cipher = cipher;
        this.policy = policy;
        this.verifier = verifier;
        this.inFlight = inFlight;
        this.config = config;
        this.visits = visits;
        this.catalog = catalog;
        this.consent = consent;
        this.audit = audit;
        this.clock = clock;
    }

    /** A new upload: its id and until when it waits for bytes. */
    public record Created(UUID id, Instant expiresAt) {
    }

    /** Where an upload stands: what HEAD answers. {@code expiresAt} only while bytes are awaited. */
    public record Offset(long offset, long length, Instant expiresAt, Map<String, String> metadata) {
    }

    /** An upload as a PATCH starts from it, read in a short transaction of its own. */
    private record Snapshot(UUID id, UUID townId, UUID visitId, CaptureStatus status, long offset, long size, String sha256,
            CaptureKind kind, String keyId, byte[] wrappedKey, List<CapturePart> parts) {
    }

    /**
     * Starts an upload on a visit the caller's team is at: the metadata checked, the size within
     * the kind's limit, and for a face photo the resident's consent recorded first.
     */
    public Created create(Caller agent, UUID visitId, String uploadLength, String deferLength, Map<String, String> metadata) {
        return start(agent, visitId, uploadLength, deferLength, metadata, null).created();
    }

    /**
     * An upload whose creation brings bytes (tus creation-with-upload): created, and marked as being received,
     * in one transaction; {@link #receive(Caller, Receiving, Long, Tus.Checksum, InputStream)} then takes the body
     * as a PATCH at offset 0 would.
     */
    public Receiving createReceiving(Caller agent, UUID visitId, String uploadLength, String deferLength,
            Map<String, String> metadata) {
        return start(agent, visitId, uploadLength, deferLength, metadata, UUID.randomUUID());
    }

    /** A new upload whose bytes are on their way in the creation request; only this class looks inside. */
    public static final class Receiving {
        private final Created created;
        private final Snapshot snapshot;
        private final UUID token;

        private Receiving(Created created, Snapshot snapshot, UUID token) {
            this.created = created;
            this.snapshot = snapshot;
            this.token = token;
        }

        public Created created() {
            return created;
        }
    }

    /** The bytes of a creation request, taken as a PATCH at offset 0 takes them. */
    public Offset receive(Caller agent, Receiving receiving, Long contentLength, Tus.Checksum checksum, InputStream body) {
        return receiveMarked(agent, receiving.snapshot, receiving.token, 0, contentLength, checksum, body);
    }

    /** Creates the upload; with a token, also marks it as being received by the request holding the token. */
    private Receiving start(Caller agent, UUID visitId, String uploadLength, String deferLength,
            Map<String, String> metadata, UUID receivingToken) {
        if (deferLength != null) {
            throw Tus.invalid(Tus.DEFER_LENGTH, "not-supported", "is not supported: send Upload-Length");
        }
        long length = Tus.nonNegative(Tus.LENGTH, uploadLength);
        Capture.Declared declared = UploadMetadata.parse(metadata, length, clock.instant());
        policy.requireSize(declared.kind(), length);
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            VisitFacts.Facts visit = visits.of(agent, visitId, VisitReach.TEAM);
            policy.requireAcceptingCaptures(visit, now, false);
            if (declared.kind() == CaptureKind.FACE_PHOTO) {
                // shared with other uploads and consents, exclusive with a withdrawal of consent (ConsentService)
                visits.lockShared(visit.townId(), visitId);
                ServiceType service = catalog.serviceTypesById(visit.townId()).get(visit.serviceTypeId());
                policy.requireFacePhotoAllowed(visitId, service != null && service.biometric(), consent.given(visitId));
            }
            policy.requireWithinQuota(captures.lockOpen(agent.staffId(), visitId, declared.kind(), now), declared.kind(),
                    length);
            UUID id = UUID.randomUUID();
            Instant expiresAt = now.plus(config.uploadExpiry());
            Capture c = Capture.start(id, visit.townId(), visitId, declared, cipher.newKey(id), agent.staffId(),
                    agent.deviceId().orElse(null), now, expiresAt);
            captures.persist(c);
            if (receivingToken == null) {
                return new Receiving(new Created(id, expiresAt), null, null);
            }
            captures.flush();
            inFlight.markNew(id, receivingToken);
            return new Receiving(new Created(id, expiresAt), snapshot(c, List.of()), receivingToken);
        });
    }

    /** HEAD: the offset the client resumes from. */
    public Offset offset(Caller agent, UUID id) {
        inFlight.await(id);
        return QuarkusTransaction.requiringNew().call(() -> {
            Capture c = owned(agent, id);
            return new Offset(c.uploadOffset(), c.size(),
                    c.status() == CaptureStatus.UPLOADING ? c.expiresAt() : null, UploadMetadata.of(c));
        });
    }

    /**
     * PATCH: appends the body at {@code offset}. Returns the new offset. A body cut off by the
     * network is kept as far as it came (the client resumes from there), unless it carried an
     * Upload-Checksum, which then cannot be checked.
     */
    public Offset append(Caller agent, UUID id, long offset, Long contentLength, Tus.Checksum checksum, InputStream body) {
        // The upload is read and marked as receiving in one transaction (after waiting for another PATCH of it
        // still being received, here or on another instance), and the mark ends with the part's own transaction.
        UUID token = UUID.randomUUID();
        Snapshot s = QuarkusTransaction.requiringNew().call(() -> {
            Snapshot snapshot = snapshot(agent, id);
            return inFlight.mark(id, token, false) ? snapshot : null;
        });
        if (s == null) {
            inFlight.await(id);
            s = QuarkusTransaction.requiringNew().call(() -> {
                Snapshot snapshot = snapshot(agent, id);
                inFlight.mark(id, token, true);
                return snapshot;
            });
        }
        return receiveMarked(agent, s, token, offset, contentLength, checksum, body);
    }

    /** Takes a body into the upload marked with the token, and ends the mark whatever happens. */
    private Offset receiveMarked(Caller agent, Snapshot s, UUID token, long offset, Long contentLength,
            Tus.Checksum checksum, InputStream body) {
        PartRecorded recorded = new PartRecorded();
        try {
            return receive(agent, s, token, offset, contentLength, checksum, body, recorded);
        } finally {
            if (!recorded.done) {
                release(s.id(), token);
            }
        }
    }

    /** Ends a mark; a failure to do so is logged, not answered: the mark runs out by itself, and the answer is the PATCH's. */
    private void release(UUID id, UUID token) {
        try {
            inFlight.releaseAlone(id, token);
        } catch (RuntimeException e) {
            LOG.warnf("Upload %s: its in-flight mark was not cleared (%s); it runs out within %s", id, e.toString(),
                    InFlightUploads.HOLD);
        }
    }

    /** Whether the transaction that recorded the part (and ended the PATCH's mark) has committed. */
    private static final class PartRecorded {
        boolean done;
    }

    private Offset receive(Caller agent, Snapshot s, UUID token, long offset, Long contentLength,
            Tus.Checksum checksum, InputStream body, PartRecorded recorded) {
        UUID id = s.id();
        if (s.offset() != offset) {
            throw offsetMismatch(s.offset(), offset);
        }
        long remaining = s.size() - s.offset();
        if (contentLength != null && contentLength > remaining) {
            throw Tus.error(CaptureProblem.CHUNK_TOO_LARGE,
                    "The upload has " + remaining + " bytes to go; this request brings " + contentLength);
        }
        if (remaining == 0) {
            return new Offset(s.offset(), s.size(), null, Map.of());
        }
        StreamingAead aead = cipher.open(id, s.keyId(), s.wrappedKey());
        MessageDigest chunkDigest = checksum == null ? null : checksum.digest();
        // A PATCH from offset 0 may bring the whole file: then its SHA-256 and its header are taken
        // on the way in, and the file need not be read back.
        UploadVerifier.Received received = new UploadVerifier.Received(s.offset() == 0, () -> inFlight.renew(id, token));
        BlobStore.Stored blob;
        try {
            blob = store.write(out -> {
                try (OutputStream encrypted = aead.newEncryptingStream(out, CaptureCipher.partContext(id, s.offset()))) {
                    UploadVerifier.copy(body, encrypted, remaining, chunkDigest, received);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (BlobStore.Unavailable e) {
            throw CaptureContent.unavailable();
        } catch (BlobStore.Full e) {
            // the operators must make room; one line, no stack trace: nothing went wrong in this service
            LOG.errorf("The capture store is full (%s): a PATCH of upload %s was refused, none of its bytes kept",
                    e.getMessage(), id);
            throw Tus.error(CaptureProblem.CAPTURE_STORE_FULL, "The capture store has no room left for these bytes;"
                    + " nothing of this request was kept. The operators have been told: keep the file, and send it"
                    + " again later from the offset HEAD gives").header("Retry-After", String.valueOf(STORE_FULL_RETRY));
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a part of upload " + id, e);
        }
        try {
            if (received.overflow) {
                throw Tus.error(CaptureProblem.CHUNK_TOO_LARGE,
                        "The upload has " + remaining + " bytes to go; this request brought more");
            }
            if (chunkDigest != null && received.interrupted) {
                throw Tus.error(CaptureProblem.UPLOAD_INTERRUPTED,
                        "The body ended before its Upload-Checksum could be checked; nothing of it was kept");
            }
            if (chunkDigest != null && !MessageDigest.isEqual(chunkDigest.digest(), checksum.expected())) {
                throw Tus.error(CaptureProblem.CHECKSUM_MISMATCH,
                        "The body does not match its Upload-Checksum; nothing of it was kept");
            }
            if (received.count == 0) {
                deletions.abandoned(List.of(blob.key()));
                return new Offset(s.offset(), s.size(), null, Map.of());
            }
            if (received.interrupted) {
                LOG.infof("Upload %s: the connection broke after %d bytes; they are kept", id, received.count);
            }
            CapturePart part = new CapturePart(id, s.offset(), received.count, blob.key());
            ContentType complete = s.offset() + received.count == s.size() ? checked(s, received, aead, part) : null;
            Offset next = QuarkusTransaction.requiringNew().call(() -> {
                Offset after = record(agent, s, part, complete);
                inFlight.release(id, token);
                return after;
            });
            recorded.done = true;
            return next;
        } catch (RuntimeException e) {
            deletions.abandoned(List.of(blob.key()));
            throw e;
        }
    }

    /** The complete file's type once it passes its checks; a file its kind never takes discards the upload. */
    private ContentType checked(Snapshot s, UploadVerifier.Received received, StreamingAead aead, CapturePart last) {
        try {
            return verifier.check(new UploadVerifier.Upload(s.id(), s.kind(), s.sha256(), s.parts()), received, aead, last);
        } catch (UploadVerifier.Refused refused) {
            List<String> blobs = QuarkusTransaction.requiringNew()
                    .call(() -> captures.lock(s.id()).map(this::discard).orElse(List.of()));
            deletions.drain(blobs);
            throw Tus.error(CaptureProblem.CAPTURE_CONTENT_REFUSED, refused.getMessage() + ". The upload was discarded");
        }
    }

    /** DELETE: the upload and its bytes are gone. A complete capture is not taken back this way. */
    public void terminate(Caller agent, UUID id) {
        List<String> blobs = QuarkusTransaction.requiringNew().call(() -> {
            Capture c = owned(agent, id);
            if (c.status() != CaptureStatus.UPLOADING) {
                throw Tus.error(CaptureProblem.CAPTURE_COMPLETE,
                        "This upload is complete and attached to its visit; it cannot be terminated");
            }
            return discard(c);
        });
        deletions.drain(blobs);
    }

    /**
     * Deletes the upload's rows in the caller's transaction, its blobs put on the list of deletions; returns
     * them, to drain once the transaction has committed.
     */
    List<String> discard(Capture c) {
        List<String> blobs = captures.deleteParts(c.id());
        captures.delete(c);
        return blobs;
    }

    private Offset record(Caller agent, Snapshot s, CapturePart part, ContentType complete) {
        Instant now = clock.instant();
        // The visit before the capture, as a withdrawal of consent and an erasure lock them: never the other way round
        VisitFacts.Facts visit = complete == null ? null : visits.lockShared(s.townId(), s.visitId());
        Capture c = captures.lock(s.id()).orElseThrow(UploadService::noSuchUpload);
        if (c.status() != CaptureStatus.UPLOADING || c.uploadOffset() != s.offset()) {
            throw offsetMismatch(c.uploadOffset(), s.offset());
        }
        if (c.expired(now)) {
            throw expired(c.id());
        }
        captures.addPart(part);
        c.appended(part.length(), now.plus(config.uploadExpiry()));
        if (complete != null) {
            policy.requireAcceptingCaptures(visit, now, true);
            c.complete(complete, now);
            audit.record(AuditEvent.of(AuditAction.CAPTURE_ADDED).town(c.townId()).actor(agent.staffId(), agent.username())
                    .device(agent.deviceId().orElse(null)).target("capture", c.id()).detail("visit", c.visitId())
                    .detail("kind", c.kind().name()).detail("contentType", complete.mediaType()).detail("size", c.size())
                    .detail("biometric", c.biometric()));
        }
        captures.flush();
        return new Offset(c.uploadOffset(), c.size(), c.status() == CaptureStatus.UPLOADING ? c.expiresAt() : null,
                Map.of());
    }

    private Snapshot snapshot(Caller agent, UUID id) {
        Capture c = owned(agent, id);
        return snapshot(c, captures.parts(c.id()));
    }

    private static Snapshot snapshot(Capture c, List<CapturePart> parts) {
        return new Snapshot(c.id(), c.townId(), c.visitId(), c.status(), c.uploadOffset(), c.size(), c.sha256(), c.kind(),
                c.keyId(), c.wrappedKey(), parts);
    }

    /**
     * The caller's own upload, still able to go on: another's (or another town's) is 404, an
     * expired or purged one, or one whose visit no longer takes captures, is 410.
     */
    private Capture owned(Caller agent, UUID id) {
        Capture c = captures.findInTown(agent.townId(), id).filter(u -> u.createdBy().equals(agent.staffId()))
                .orElseThrow(UploadService::noSuchUpload);
        Instant now = clock.instant();
        if (c.expired(now)) {
            throw expired(id);
        }
        if (c.status() == CaptureStatus.PURGED) {
            throw Tus.error(CaptureProblem.UPLOAD_GONE, "This capture's bytes were deleted at the end of its retention");
        }
        if (c.status() == CaptureStatus.UPLOADING) {
            policy.requireAcceptingCaptures(visits.of(agent, c.visitId(), VisitReach.TEAM), now, true);
        }
        return c;
    }

    private static ProblemException offsetMismatch(long actual, long sent) {
        return Tus
                .error(CaptureProblem.OFFSET_MISMATCH,
                        "The upload is at offset " + actual + ", not " + sent + "; ask with HEAD and resume from there")
                .header(Tus.OFFSET, String.valueOf(actual));
    }

    private static ProblemException expired(UUID id) {
        return Tus.error(CaptureProblem.UPLOAD_EXPIRED, "The upload " + id + " expired; start a new one");
    }

    private static ProblemException noSuchUpload() {
        return Tus.error(ProblemType.NOT_FOUND, "No such upload");
    }
}
