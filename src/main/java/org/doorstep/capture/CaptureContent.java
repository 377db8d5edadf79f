package org.doorstep.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;

import org.doorstep.shared.ProblemException;
import org.jboss.logging.Logger;

import com.google.crypto.tink.StreamingAead;

/** A capture's bytes in clear, streamed from its encrypted parts in order, one part open at a time. */
final class CaptureContent {

    private static final Logger LOG = Logger.getLogger(CaptureContent.class);

    private CaptureContent() {
    }

    /**
     * Checks that every part's blob is in the store before a byte is sent, so that a lost blob is a clear
     * problem (502) rather than a response cut off half way, and a store that does not answer is 503.
     */
    static void requireStored(BlobStore store, UUID captureId, List<CapturePart> parts) {
        for (CapturePart part : parts) {
            boolean there;
            try {
                there = store.exists(part.blobKey());
            } catch (IOException e) {
                throw unavailable();
            }
            if (!there) {
                LOG.errorf("Capture %s: the blob %s of its part at %d is missing from the store", captureId,
                        part.blobKey(), part.startOffset());
                throw CaptureProblem.CAPTURE_BYTES_MISSING.exception("Part of this capture is missing from the capture"
                        + " store; the operators have been told (see the service's log)");
            }
        }
    }

    static ProblemException unavailable() {
        return CaptureProblem.CAPTURE_STORE_UNAVAILABLE
                .exception("The capture store did not answer; ask again shortly").header("Retry-After", "5");
    }

    static InputStream plaintext(BlobStore store, StreamingAead aead, UUID captureId, List<CapturePart> parts) {
        Iterator<CapturePart> next = parts.iterator();
        return new SequenceInputStream(new Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                CapturePart part = next.next();
                try {
                    return aead.newDecryptingStream(store.read(part.blobKey()),
                            CaptureCipher.partContext(captureId, part.startOffset()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (GeneralSecurityException e) {
                    throw new IllegalStateException("part " + part.startOffset() + " of capture " + captureId
                            + " cannot be decrypted", e);
                }
            }
        });
    }
}
