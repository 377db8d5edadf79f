package org.doorstep.capture;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.catalog.CaptureKind;

import com.google.crypto.tink.StreamingAead;

/**
 * The bytes of a PATCH on their way in, and the checks of a complete file. A body is copied as it
 * arrives (never held whole), digested for its Upload-Checksum; from offset 0 the file's SHA-256 and its
 * first bytes are taken too, so that a file sent in one PATCH is checked without reading it back. A file
 * sent in several is read back once through its parts. Either way its SHA-256 must be the declared one
 * and its real type (by its first bytes) one its kind takes.
 */
@ApplicationScoped
class UploadVerifier {

    /**
     * A PATCH body is gathered into pieces this large before it is encrypted: the cipher then gets whole
     * segments in one call, the path the JDK runs with its AES-NI intrinsic (small pieces add up in the
     * stream's own buffer and go through a much slower one; docs/benchmarks.md).
     */
    private static final int BUFFER = 256 * 1024;
    /** The first bytes of a file kept while it streams in, to tell its type without reading it back. */
    private static final int HEAD_BYTES = 256 * 1024;

    private final BlobStore store;
    private final CapturePolicy policy;

    UploadVerifier(BlobStore store, CapturePolicy policy) {
        this.store = store;
        this.policy = policy;
    }

    /** What one PATCH body brought; from offset 0 also the file's digest so far and its first bytes. */
    static final class Received {
        long count;
        boolean interrupted;
        boolean overflow;
        final MessageDigest wholeFile;
        final byte[] head;

        /** Called now and then while bytes keep arriving (see {@link InFlightUploads}). */
        private final Runnable stillReceiving;
        private long lastSign = System.nanoTime();

        Received(boolean fromStart, Runnable stillReceiving) {
            this.wholeFile = fromStart ? sha256() : null;
            this.head = fromStart ? new byte[HEAD_BYTES] : null;
            this.stillReceiving = stillReceiving;
        }

        private void arriving() {
            long now = System.nanoTime();
            if (now - lastSign >= InFlightUploads.RENEW.toNanos()) {
                lastSign = now;
                stillReceiving.run();
            }
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
     * Copies at most {@code remaining} bytes. A body that breaks off (the network) ends the copy with what
     * came, the piece being gathered included; one that brings more than {@code remaining} is marked and
     * not kept.
     */
    static void copy(InputStream body, OutputStream out, long remaining, MessageDigest digest, Received received)
            throws IOException {
        byte[] buffer = new byte[BUFFER];
        int filled = 0;
        while (true) {
            int read;
            try {
                read = body.read(buffer, filled,
                        (int) Math.min(buffer.length - filled, remaining - received.count - filled + 1));
            } catch (IOException e) {
                received.interrupted = true;
                keep(buffer, filled, out, digest, received);
                return;
            }
            if (read < 0) {
                keep(buffer, filled, out, digest, received);
                return;
            }
            if (received.count + filled + read > remaining) {
                received.overflow = true;
                return;
            }
            filled += read;
            received.arriving();
            if (filled == buffer.length) {
                keep(buffer, filled, out, digest, received);
                filled = 0;
            }
        }
    }

    private static void keep(byte[] buffer, int length, OutputStream out, MessageDigest digest, Received received)
            throws IOException {
        if (length == 0) {
            return;
        }
        out.write(buffer, 0, length);
        if (digest != null) {
            digest.update(buffer, 0, length);
        }
        received.took(buffer, length);
        received.count += length;
    }

    /** The upload whose last part just arrived, as far as its checks need it: its kind, declared SHA-256, parts. */
    record Upload(UUID id, CaptureKind kind, String sha256, List<CapturePart> parts) {
    }

    /**
     * The complete file's real type, once its checks pass: from what was taken on the way in when it came
     * in one PATCH (read back only when its header lies beyond the first bytes kept), otherwise read back
     * through all its parts. A wrong SHA-256 is 460 (the last part is dropped); a file the kind does not
     * take can never become a capture, and {@link Refused} says so.
     */
    ContentType check(Upload upload, Received received, StreamingAead aead, CapturePart last) {
        if (received.wholeFile != null) {
            byte[] head = received.head();
            Optional<ContentInspector.Inspection> inspection = inspect(new ByteArrayInputStream(head));
            if (inspection.isPresent() || head.length >= received.count) {
                return judge(upload, received.wholeFile.digest(), inspection);
            }
        }
        List<CapturePart> parts = new ArrayList<>(upload.parts());
        parts.add(last);
        MessageDigest sha256 = sha256();
        Optional<ContentInspector.Inspection> inspection;
        CaptureContent.requireStored(store, upload.id(), parts);
        try (InputStream plain = new DigestInputStream(CaptureContent.plaintext(store, aead, upload.id(), parts), sha256)) {
            inspection = ContentInspector.inspect(plain);
            plain.transferTo(OutputStream.nullOutputStream());
        } catch (BlobStore.Unavailable e) {
            throw CaptureContent.unavailable();
        } catch (UncheckedIOException e) {
            throw e.getCause() instanceof BlobStore.Unavailable ? CaptureContent.unavailable() : e;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read back upload " + upload.id(), e);
        }
        return judge(upload, sha256.digest(), inspection);
    }

    /** A complete file its kind does not take: the upload can never succeed. */
    static final class Refused extends RuntimeException {
        Refused(String why) {
            super(why, null, false, false);
        }
    }

    private ContentType judge(Upload upload, byte[] digest, Optional<ContentInspector.Inspection> inspection) {
        if (!HexFormat.of().formatHex(digest).equals(upload.sha256())) {
            throw Tus.error(CaptureProblem.CHECKSUM_MISMATCH, "The file's SHA-256 is not the one declared in"
                    + " Upload-Metadata; the last chunk was not kept. If sending it again does not help, terminate the"
                    + " upload and start again");
        }
        Optional<String> refusal = policy.refusal(upload.kind(), inspection);
        if (refusal.isPresent()) {
            throw new Refused(refusal.get());
        }
        return inspection.get().type();
    }

    private static Optional<ContentInspector.Inspection> inspect(InputStream in) {
        try {
            return ContentInspector.inspect(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
