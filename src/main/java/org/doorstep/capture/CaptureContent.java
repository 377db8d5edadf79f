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

import com.google.crypto.tink.StreamingAead;

/** A capture's bytes in clear, streamed from its encrypted parts in order, one part open at a time. */
final class CaptureContent {

    private CaptureContent() {
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
