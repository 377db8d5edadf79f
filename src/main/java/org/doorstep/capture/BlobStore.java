package org.doorstep.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Where the bytes of captures are kept, content addressed: a blob's key is the SHA-256 of the bytes
 * stored (which are already encrypted, so a store never sees a capture in clear). A blob is complete
 * and durable once {@link #write} returns, and never changes. Two stores fit this contract: a
 * filesystem ({@link FileBlobStore}, the default) and an S3-compatible object store
 * ({@link S3BlobStore}); {@code doorstep.capture.store} chooses.
 */
public interface BlobStore {

    /** What a key looks like: the lower-case hex SHA-256 of the blob. */
    Pattern KEY = Pattern.compile("[0-9a-f]{64}");

    /** Writes a blob's bytes into the stream it is given; the stream is closed by the store. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A blob as stored: its key and its size in bytes. */
    record Stored(String key, long size) {
    }

    /** A blob as listed: its key and when it was stored (by the store's clock). */
    record Listed(String key, Instant storedAt) {
    }

    /** Stores what the writer writes. If the writer fails, nothing is kept. */
    Stored write(Writer writer) throws IOException;

    /** The blob's bytes; {@link java.nio.file.NoSuchFileException} when there is no such blob. */
    InputStream read(String key) throws IOException;

    /** Whether the blob is there. */
    boolean exists(String key) throws IOException;

    /** Deletes the blob; deleting one that is not there is not an error. */
    void delete(String key) throws IOException;

    /**
     * Up to {@code limit} blobs whose keys come after {@code after} ({@code ""} for the first), in key order:
     * a walk through the whole store in pages, which can stop anywhere and go on later from the last key.
     */
    List<Listed> list(String after, int limit) throws IOException;

    /** Deletes what writes abandoned before {@code cutoff} left behind (a crash mid-write); returns how many. */
    int deleteAbandonedWrites(Instant cutoff) throws IOException;

    /** The store could not be reached, or refused the request (credentials, bucket): nothing was done. */
    final class Unavailable extends IOException {
        public Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The store has no room for the blob (its disk or quota is full): nothing of it was kept, and the same
     * write can succeed once room is made.
     */
    final class Full extends IOException {
        public Full(String message, Throwable cause) {
            super(message, cause);
        }

        /**
         * Whether the failure, or one it carries, is the JDK's for a full disk or quota (ENOSPC, EDQUOT). The
         * words are the C library's, in English unless the process runs in another language, so the store
         * also looks at the room left.
         */
        static boolean isNoSpace(Throwable failure) {
            for (Throwable t = failure; t != null; t = t.getCause()) {
                String message = t.getMessage();
                if (message != null && (message.contains("No space left on device")
                        || message.contains("Disk quota exceeded"))) {
                    return true;
                }
                for (Throwable suppressed : t.getSuppressed()) {
                    if (isNoSpace(suppressed)) {
                        return true;
                    }
                }
                if (t.getCause() == t) {
                    break;
                }
            }
            return false;
        }
    }

    /** Refuses anything that is not a key, so that no key can name a place outside the store. */
    static String requireKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("not a blob key");
        }
        return key;
    }
}
