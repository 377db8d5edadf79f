package org.doorstep.capture;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Bytes held until their length and hash are known: in memory up to a threshold, beyond it in a
 * temporary file (deleted when the spool is closed, or by {@link Factory#deleteAbandoned} after a
 * crash). Read back as often as needed, for instance once per attempt of a PUT.
 */
final class Spool implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final Factory factory;
    private final List<byte[]> chunks = new ArrayList<>();
    private int inLast = CHUNK;
    private long size;
    private Path file;
    private OutputStream fileOut;

    private Spool(Factory factory) {
        this.factory = factory;
    }

    /** Makes spools: their memory threshold and the directory of their temporary files. */
    static class Factory {
        private final Path directory;
        private final long threshold;

        Factory(Path directory, long threshold) {
            this.directory = directory;
            this.threshold = threshold;
        }

        Spool open() {
            return new Spool(this);
        }

        Path directory() {
            return directory;
        }

        /** Where a spool's bytes go once they pass the threshold; a test stands a full disk in here. */
        OutputStream fileOutput(Path file) throws IOException {
            return Files.newOutputStream(file);
        }

        /** Deletes temporary files left older than the cutoff (a crash mid-write); returns how many. */
        int deleteAbandoned(Instant cutoff) throws IOException {
            return FileBlobStore.deleteOlderThan(directory, "*.spool", cutoff);
        }
    }

    /** Where the bytes go; closing it ends the writing. */
    OutputStream output() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                append(b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (fileOut != null) {
                    fileOut.close();
                }
            }
        };
    }

    long size() {
        return size;
    }

    /** The bytes from the start. */
    InputStream input() {
        if (file != null) {
            try {
                return Files.newInputStream(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        List<InputStream> parts = new ArrayList<>(chunks.size());
        for (int i = 0; i < chunks.size(); i++) {
            parts.add(new ByteArrayInputStream(chunks.get(i), 0, i == chunks.size() - 1 ? inLast : CHUNK));
        }
        return new SequenceInputStream(Collections.enumeration(parts));
    }

    private void append(byte[] b, int off, int len) throws IOException {
        if (file == null && size + len > factory.threshold) {
            toFile();
        }
        size += len;
        if (fileOut != null) {
            fileOut.write(b, off, len);
            return;
        }
        while (len > 0) {
            if (inLast == CHUNK) {
                chunks.add(new byte[CHUNK]);
                inLast = 0;
            }
            int n = Math.min(len, CHUNK - inLast);
            System.arraycopy(b, off, chunks.get(chunks.size() - 1), inLast, n);
            inLast += n;
            off += n;
            len -= n;
        }
    }

    private void toFile() throws IOException {
        Files.createDirectories(factory.directory);
        file = Files.createTempFile(factory.directory, "blob-", ".spool");
        fileOut = new BufferedOutputStream(factory.fileOutput(file), CHUNK);
        for (int i = 0; i < chunks.size(); i++) {
            fileOut.write(chunks.get(i), 0, i == chunks.size() - 1 ? inLast : CHUNK);
        }
        chunks.clear();
    }

    @Override
    public void close() throws IOException {
        chunks.clear();
        if (fileOut != null) {
            fileOut.close();
        }
        if (file != null) {
            Files.deleteIfExists(file);
        }
    }
}
