package org.doorstep.capture;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;

/**
 * Where the bytes of captures are kept, content addressed: a blob's key is the SHA-256 of the
 * bytes stored (which are already encrypted). A blob is complete and durable once {@link #write}
 * returns, and never changes. The filesystem is the default; an S3-compatible store fits the same
 * contract (write to a temporary object, name it by its hash when complete).
 */
public interface BlobStore {

    /** Writes a blob's bytes into the stream it is given; the stream is closed by the store. */
    @FunctionalInterface
    interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /** A blob as stored: its key and its size in bytes. */
    record Stored(String key, long size) {
    }

    /** Stores what the writer writes. If the writer fails, nothing is kept. */
    Stored write(Writer writer) throws IOException;

    /** The blob's bytes; {@link java.nio.file.NoSuchFileException} when there is no such blob. */
    InputStream read(String key) throws IOException;

    /** Deletes the blob; deleting one that is not there is not an error. */
    void delete(String key) throws IOException;

    /** Up to {@code limit} keys of blobs stored before {@code cutoff}, in no particular order. */
    List<String> storedBefore(Instant cutoff, int limit) throws IOException;

    /** Deletes writes abandoned before {@code cutoff} (a crash mid-write); returns how many. */
    int deleteAbandonedWrites(Instant cutoff) throws IOException;
}
