package org.doorstep.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitStatus;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.field.ConsentPurpose;
import org.doorstep.field.ConsentService;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;
import org.jboss.logging.Logger;

import com.google.crypto.tink.StreamingAead;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The tus uploads of captures: creation, the offset (HEAD), appending (PATCH) and termination.
 * A PATCH is streamed — request body, encryption, blob file — without holding the upload in memory
 * or a database connection while the bytes arrive; its part is recorded, and the offset moved, in
 * a short transaction afterwards that checks the offset is still the one the PATCH started from,
 * so of two PATCHes racing from one offset exactly one is kept. When the last byte has arrived the
 * whole file is read back once: its SHA-256 must be the declared one, its first bytes say its real
 * type, and an image's header its size, before it becomes a capture of the visit.
 */
@ApplicationScoped
public class UploadService {

    private static final Logger LOG = Logger.getLogger(UploadService.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final int BUFFER = 64 * 1024;
    /** The first bytes of a file kept while it streams in, to tell its type without reading it back. */
    private static final int HEAD_BYTES = 256 * 1024;
    /** How long HEAD and PATCH wait for a PATCH of the same upload still finishing on this instance. */
    private static final Duration IN_FLIGHT_WAIT = Duration.ofSeconds(5);

    /**
     * PATCHes being received by this instance, by upload. A client whose connection broke asks
     * HEAD at once, often before the server has noticed the break and kept what came; HEAD (and a
     * PATCH) first waits briefly for that request to finish, so the client resumes from what was
     * kept instead of sending it again. Across instances the offset check at commit still decides.
     */
    private final ConcurrentMap<UUID, CountDownLatch> inFlight = new ConcurrentHashMap<>();

    private final CaptureRepository captures;
    private final BlobStore store;
    private final CaptureCipher cipher;
    private final CapturePolicy policy;
    private final CaptureConfig config;
    private final VisitFacts visits;
    private final CatalogService catalog;
    private final ConsentService consents;
    private final AuditService audit;
    private final Clock clock;

    public UploadService(CaptureRepository captures, BlobStore store, CaptureCipher cipher, CapturePolicy policy,
            CaptureConfig config, VisitFacts visits, CatalogService catalog, ConsentService consents, AuditService audit,
            Clock clock) {
        this.captures = captures;
        this.store = store;
        this.cipher = cipher;
        this.policy = policy;
        this.config = config;
        this.visits = visits;
        this.catalog = catalog;
        this.consents = consents;
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
    private record Snapshot(UUID id, UUID townId, CaptureStatus status, long offset, long size, String sha256,
            CaptureKind kind, String keyId, byte[] wrappedKey, List<CapturePart> parts) {
    }

    /** What one PATCH body brought; from offset 0 also the file's digest so far and its first bytes. */
    private static final class Received {
        long count;
        boolean interrupted;
        boolean overflow;
        final MessageDigest wholeFile;
        final byte[] head;

        Received(boolean fromStart) {
            this.wholeFile = fromStart ? sha256() : null;
            this.head = fromStart ? new byte[HEAD_BYTES] : null;
        }

        void took(byte[] buffer, int length) {
            if (wholeFile == null) {
                return;
            }
            wholeFile.update(buffer, 0, length);
            if (count < head.length) {
                System.arraycopy(buffer, 0, head, (int) count, (int) Math.min(length, head.length - count));
            }
        }

        byte[] head() {
            return count < head.length ? Arrays.copyOf(head, (int) count) : head;
        }
    }

    /**
     * Starts an upload on a visit the caller's team is at: the metadata checked, the size within
     * the kind's limit, and for a face photo the resident's consent recorded first.
     */
    public Created create(Caller agent, UUID visitId, String uploadLength, String deferLength, Map<String, String> metadata) {
        if (deferLength != null) {
            throw Tus.invalid(Tus.DEFER_LENGTH, "not-supported", "is not supported: send Upload-Length");
        }
        long length = Tus.nonNegative(Tus.LENGTH, uploadLength);
        Capture.Declared declared = declared(metadata, length);
        long max = policy.maxSize(declared.kind());
        if (length > max) {
            throw Tus.error("capture-too-large", 413, "Too large for its kind",
                    "A " + declared.kind() + " may be at most " + max + " bytes; this one is " + length)
                    .with("maxSize", max);
        }
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            VisitFacts.Facts visit = visits.of(agent, visitId);
            requireAcceptingCaptures(visit, now, false);
            if (declared.kind() == CaptureKind.FACE_PHOTO) {
                ServiceType service = catalog.serviceTypesById(visit.townId()).get(visit.serviceTypeId());
                if (service == null || !service.biometric()) {
                    throw Tus.error("capture-not-needed", 422, "Not taken for this service",
                            "A face photo is taken only for a biometric service; this visit's service takes none");
                }
                if (!consents.purposesGranted(visitId).contains(ConsentPurpose.BIOMETRIC_CAPTURE.name())) {
                    throw Tus.error("consent-required", 403, "Consent is required first",
                            "Record the resident's consent to biometric capture (POST /api/v1/visits/" + visitId
                                    + "/consents) before uploading a face photo");
                }
            }
            UUID id = UUID.randomUUID();
            Instant expiresAt = now.plus(config.uploadExpiry());
            captures.persist(Capture.start(id, visit.townId(), visitId, declared, cipher.newKey(id), agent.staffId(),
                    agent.deviceId().orElse(null), now, expiresAt));
            return new Created(id, expiresAt);
        });
    }

    /** HEAD: the offset the client resumes from. */
    public Offset offset(Caller agent, UUID id) {
        awaitInFlight(id);
        return QuarkusTransaction.requiringNew().call(() -> {
            Capture c = owned(agent, id);
            return new Offset(c.uploadOffset(), c.size(),
                    c.status() == CaptureStatus.UPLOADING ? c.expiresAt() : null, metadataOf(c));
        });
    }

    /**
     * PATCH: appends the body at {@code offset}. Returns the new offset. A body cut off by the
     * network is kept as far as it came (the client resumes from there), unless it carried an
     * Upload-Checksum, which then cannot be checked.
     */
    public Offset append(Caller agent, UUID id, long offset, Long contentLength, Tus.Checksum checksum, InputStream body) {
        awaitInFlight(id);
        CountDownLatch mine = new CountDownLatch(1);
        inFlight.put(id, mine);
        try {
            return appendInFlight(agent, id, offset, contentLength, checksum, body);
        } finally {
            inFlight.remove(id, mine);
            mine.countDown();
        }
    }

    private void awaitInFlight(UUID id) {
        CountDownLatch running = inFlight.get(id);
        if (running == null) {
            return;
        }
        try {
            running.await(IN_FLIGHT_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Offset appendInFlight(Caller agent, UUID id, long offset, Long contentLength, Tus.Checksum checksum,
            InputStream body) {
        Snapshot s = QuarkusTransaction.requiringNew().call(() -> snapshot(agent, id));
        if (s.offset() != offset) {
            throw offsetMismatch(s.offset(), offset);
        }
        long remaining = s.size() - s.offset();
        if (contentLength != null && contentLength > remaining) {
            throw Tus.error("chunk-too-large", 413, "More than the upload's length",
                    "The upload has " + remaining + " bytes to go; this request brings " + contentLength);
        }
        if (remaining == 0) {
            return new Offset(s.offset(), s.size(), null, Map.of());
        }
        StreamingAead aead = cipher.open(id, s.keyId(), s.wrappedKey());
        MessageDigest chunkDigest = checksum == null ? null : checksum.digest();
        // A PATCH from offset 0 may bring the whole file: then its SHA-256 and its header are taken
        // on the way in, and the file need not be read back.
        Received received = new Received(s.offset() == 0);
        BlobStore.Stored blob;
        try {
            blob = store.write(out -> {
                try (OutputStream encrypted = aead.newEncryptingStream(out, CaptureCipher.partContext(id, s.offset()))) {
                    copy(body, encrypted, remaining, chunkDigest, received);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException(e);
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("could not store a part of upload " + id, e);
        }
        try {
            if (received.overflow) {
                throw Tus.error("chunk-too-large", 413, "More than the upload's length",
                        "The upload has " + remaining + " bytes to go; this request brought more");
            }
            if (chunkDigest != null && received.interrupted) {
                throw Tus.error("upload-interrupted", 400, "The request was cut off",
                        "The body ended before its Upload-Checksum could be checked; nothing of it was kept");
            }
            if (chunkDigest != null && !MessageDigest.isEqual(chunkDigest.digest(), checksum.expected())) {
                throw Tus.error("checksum-mismatch", Tus.CHECKSUM_MISMATCH, "Checksum mismatch",
                        "The body does not match its Upload-Checksum; nothing of it was kept");
            }
            if (received.count == 0) {
                deleteQuietly(List.of(blob.key()));
                return new Offset(s.offset(), s.size(), null, Map.of());
            }
            if (received.interrupted) {
                LOG.infof("Upload %s: the connection broke after %d bytes; they are kept", id, received.count);
            }
            CapturePart part = new CapturePart(id, s.offset(), received.count, blob.key());
            ContentType type = null;
            if (s.offset() + received.count == s.size()) {
                type = received.wholeFile != null ? checkStreamed(s, received, aead, part) : verify(s, aead, part);
            }
            ContentType complete = type;
            return QuarkusTransaction.requiringNew().call(() -> record(agent, s, part, complete));
        } catch (RuntimeException e) {
            deleteQuietly(List.of(blob.key()));
            throw e;
        }
    }

    /** DELETE: the upload and its bytes are gone. A complete capture is not taken back this way. */
    public void terminate(Caller agent, UUID id) {
        List<String> blobs = QuarkusTransaction.requiringNew().call(() -> {
            Capture c = owned(agent, id);
            if (c.status() != CaptureStatus.UPLOADING) {
                throw Tus.error("capture-complete", 409, "Already a capture",
                        "This upload is complete and attached to its visit; it cannot be terminated");
            }
            return discard(c);
        });
        deleteQuietly(blobs);
    }

    /** Deletes the upload's rows in the caller's transaction; returns the blobs to delete after commit. */
    List<String> discard(Capture c) {
        List<String> blobs = captures.deleteParts(c.id());
        captures.delete(c);
        return blobs;
    }

    void deleteQuietly(List<String> blobs) {
        for (String key : blobs) {
            try {
                store.delete(key);
            } catch (IOException | RuntimeException e) {
                LOG.warnf(e, "Could not delete blob %s; the orphan sweep will", key);
            }
        }
    }

    private Offset record(Caller agent, Snapshot s, CapturePart part, ContentType complete) {
        Instant now = clock.instant();
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
            requireAcceptingCaptures(visits.lockShared(c.townId(), c.visitId()), now, true);
            c.complete(complete, now);
            audit.record(AuditEvent.of("CAPTURE_ADDED").town(c.townId()).actor(agent.staffId(), agent.username())
                    .device(agent.deviceId().orElse(null)).target("capture", c.id()).detail("visit", c.visitId())
                    .detail("kind", c.kind().name()).detail("contentType", complete.mediaType()).detail("size", c.size())
                    .detail("biometric", c.biometric()));
        }
        captures.flush();
        return new Offset(c.uploadOffset(), c.size(), c.status() == CaptureStatus.UPLOADING ? c.expiresAt() : null,
                Map.of());
    }

    /**
     * Reads the whole file back through its parts: its SHA-256 must be the declared one (else the
     * last part is dropped: 460), and its real type, from its first bytes, one the kind takes,
     * with an image's declared size sane (else the upload can never succeed and is discarded).
     */
    private ContentType verify(Snapshot s, StreamingAead aead, CapturePart last) {
        List<CapturePart> parts = new ArrayList<>(s.parts());
        parts.add(last);
        MessageDigest sha256 = sha256();
        Optional<ContentInspector.Inspection> inspection;
        try (InputStream plain = new DigestInputStream(CaptureContent.plaintext(store, aead, s.id(), parts), sha256)) {
            inspection = ContentInspector.inspect(plain);
            plain.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back upload " + s.id(), e);
        }
        return check(s, sha256.digest(), inspection);
    }

    /**
     * The same checks for a file that came in one PATCH, from what was taken on the way in; read
     * back only when its header lies beyond the first bytes kept.
     */
    private ContentType checkStreamed(Snapshot s, Received received, StreamingAead aead, CapturePart part) {
        byte[] head = received.head();
        Optional<ContentInspector.Inspection> inspection;
        try {
            inspection = ContentInspector.inspect(new ByteArrayInputStream(head));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (inspection.isEmpty() && head.length < received.count) {
            return verify(s, aead, part);
        }
        return check(s, received.wholeFile.digest(), inspection);
    }

    private ContentType check(Snapshot s, byte[] digest, Optional<ContentInspector.Inspection> inspection) {
        if (!HexFormat.of().formatHex(digest).equals(s.sha256())) {
            throw Tus.error("checksum-mismatch", Tus.CHECKSUM_MISMATCH, "Checksum mismatch",
                    "The file's SHA-256 is not the one declared in Upload-Metadata; the last chunk was not kept. If"
                            + " sending it again does not help, terminate the upload and start again");
        }
        String refusal = null;
        ContentType type = inspection.map(ContentInspector.Inspection::type).orElse(null);
        if (type == null) {
            refusal = "The file is none of " + policy.allowed(s.kind()) + " (judged by its first bytes)";
        } else if (!policy.allowed(s.kind()).contains(type)) {
            refusal = "The file is " + type.mediaType() + " by its first bytes; a " + s.kind() + " must be one of "
                    + policy.allowed(s.kind());
        } else if (type.image() && (inspection.get().width() == 0 || inspection.get().height() == 0
                || inspection.get().pixels() > config.maxImagePixels())) {
            refusal = "The image declares " + inspection.get().width() + " × " + inspection.get().height()
                    + " pixels; at most " + config.maxImagePixels() + " are taken";
        }
        if (refusal != null) {
            List<String> blobs = QuarkusTransaction.requiringNew()
                    .call(() -> captures.lock(s.id()).map(this::discard).orElse(List.of()));
            deleteQuietly(blobs);
            throw Tus.error("capture-content-refused", 422, "Not a file this capture takes", refusal
                    + ". The upload was discarded");
        }
        return type;
    }

    private Snapshot snapshot(Caller agent, UUID id) {
        Capture c = owned(agent, id);
        return new Snapshot(c.id(), c.townId(), c.status(), c.uploadOffset(), c.size(), c.sha256(), c.kind(), c.keyId(),
                c.wrappedKey(), captures.parts(c.id()));
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
            throw Tus.error("upload-gone", 410, "Gone", "This capture's bytes were deleted at the end of its retention");
        }
        if (c.status() == CaptureStatus.UPLOADING) {
            requireAcceptingCaptures(visits.of(agent, c.visitId()), now, true);
        }
        return c;
    }

    /**
     * Captures are taken at the door: while the visit is ON_SITE, or COMPLETED within the late-upload
     * grace. Refused at creation with 409 (and the visit's status); for an upload under way the
     * upload is gone (410), as it can never finish.
     */
    private void requireAcceptingCaptures(VisitFacts.Facts visit, Instant now, boolean underWay) {
        boolean accepting = visit.status() == VisitStatus.ON_SITE || (visit.status() == VisitStatus.COMPLETED
                && visit.closedAt() != null && now.isBefore(visit.closedAt().plus(config.lateUploadGrace())));
        if (accepting) {
            return;
        }
        String detail = "Captures are taken while the visit is ON_SITE, or up to " + describe(config.lateUploadGrace())
                + " after it is COMPLETED; it is " + visit.status()
                + (visit.status() == VisitStatus.COMPLETED ? " since " + visit.closedAt() : "");
        if (underWay) {
            throw Tus.error("upload-gone", 410, "Gone", detail).with("currentStatus", visit.status());
        }
        throw Tus.error("visit-not-taking-captures", 409, "The visit takes no captures now", detail)
                .with("currentStatus", visit.status());
    }

    private static String describe(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }

    private Capture.Declared declared(Map<String, String> metadata, long length) {
        if (length < 1) {
            throw Tus.invalid(Tus.LENGTH, "min", "must be at least 1 byte", "value", 1);
        }
        String kindName = required(metadata, "kind");
        CaptureKind kind;
        try {
            kind = CaptureKind.valueOf(kindName);
        } catch (IllegalArgumentException e) {
            throw Tus.invalid(Tus.METADATA + ".kind", "one-of",
                    "must be one of " + java.util.Arrays.toString(CaptureKind.values()), "values",
                    java.util.Arrays.toString(CaptureKind.values()));
        }
        String fileName = required(metadata, "filename");
        if (fileName.length() > 255 || fileName.chars().anyMatch(Character::isISOControl)) {
            throw Tus.invalid(Tus.METADATA + ".filename", "filename",
                    "must be at most 255 characters, none of them control characters");
        }
        String sha256 = required(metadata, "sha256");
        if (!SHA256.matcher(sha256).matches()) {
            throw Tus.invalid(Tus.METADATA + ".sha256", "format",
                    "must be the file's SHA-256 as 64 lower-case hex characters");
        }
        Instant capturedAt;
        try {
            capturedAt = OffsetDateTime.parse(required(metadata, "capturedAt")).toInstant();
        } catch (DateTimeParseException e) {
            throw Tus.invalid(Tus.METADATA + ".capturedAt", "type-datetime",
                    "must be a time with offset like 2026-11-27T09:30:00+08:00");
        }
        if (capturedAt.isAfter(clock.instant().plus(Duration.ofDays(1)))) {
            throw Tus.invalid(Tus.METADATA + ".capturedAt", "future", "is more than a day in the future");
        }
        return new Capture.Declared(kind, fileName, sha256, length, capturedAt);
    }

    private static String required(Map<String, String> metadata, String key) {
        String value = metadata.get(key);
        if (value == null || value.isBlank()) {
            throw Tus.invalid(Tus.METADATA + "." + key, "required", "is required");
        }
        return value.strip();
    }

    private static Map<String, String> metadataOf(Capture c) {
        return Map.of("kind", c.kind().name(), "filename", c.fileName(), "sha256", c.sha256(), "capturedAt",
                c.capturedAt().toString());
    }

    /**
     * Copies at most {@code remaining} bytes. A body that breaks off (the network) ends the copy
     * with what came; one that brings more than {@code remaining} is marked and not kept.
     */
    private static void copy(InputStream body, OutputStream out, long remaining, MessageDigest digest, Received received)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        while (true) {
            int read;
            try {
                read = body.read(buffer, 0, (int) Math.min(buffer.length, remaining - received.count + 1));
            } catch (IOException e) {
                received.interrupted = true;
                return;
            }
            if (read < 0) {
                return;
            }
            if (received.count + read > remaining) {
                received.overflow = true;
                return;
            }
            out.write(buffer, 0, read);
            if (digest != null) {
                digest.update(buffer, 0, read);
            }
            received.took(buffer, read);
            received.count += read;
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ProblemException offsetMismatch(long actual, long sent) {
        return Tus.error("offset-mismatch", 409, "Upload-Offset does not match",
                "The upload is at offset " + actual + ", not " + sent + "; ask with HEAD and resume from there")
                .header(Tus.OFFSET, String.valueOf(actual));
    }

    private static ProblemException expired(UUID id) {
        return Tus.error("upload-expired", 410, "Gone", "The upload " + id + " expired; start a new one");
    }

    private static ProblemException noSuchUpload() {
        return Tus.error("not-found", 404, "Not found", "No such upload");
    }
}
