package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The filesystem store writes every length exactly, whether with direct I/O (whole blocks, the last one padded
 * and the file cut back) or without, and keeps nothing of a write that fails.
 */
class FileBlobStoreTest {

    private static final int[] LENGTHS = { 0, 1, 511, 4095, 4096, 4097, FileBlobStore.BUFFER - 1, FileBlobStore.BUFFER,
            FileBlobStore.BUFFER + 1, 3 * FileBlobStore.BUFFER + 12_345 };

    @TempDir
    Path root;

    @ParameterizedTest(name = "direct I/O tried: {0}")
    @ValueSource(booleans = { true, false })
    void everyLengthComesBackByteForByteUnderTheHashOfItsBytes(boolean direct) throws Exception {
        FileBlobStore store = store(direct);
        Random random = new Random(direct ? 1 : 2);
        for (int length : LENGTHS) {
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            // written in uneven pieces, as a cipher's segments and headers come
            BlobStore.Stored stored = store.write(out -> {
                for (int at = 0; at < length;) {
                    int n = Math.min(length - at, 1 + random.nextInt(200_000));
                    out.write(bytes, at, n);
                    at += n;
                }
                out.close();
            });
            assertEquals(length, stored.size(), "size of " + length);
            assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), stored.key());
            try (InputStream in = store.read(stored.key())) {
                assertArrayEquals(bytes, in.readAllBytes(), "bytes of " + length);
            }
        }
        assertNoTemporaryFiles();
    }

    @ParameterizedTest(name = "direct I/O tried: {0}")
    @ValueSource(booleans = { true, false })
    void aWriterThatFailsLeavesNothingBehind(boolean direct) throws Exception {
        FileBlobStore store = store(direct);
        byte[] bytes = new byte[FileBlobStore.BUFFER + 100];
        assertThrows(IOException.class, () -> store.write(out -> {
            out.write(bytes);
            throw new IOException("the tablet went away");
        }));
        assertNoTemporaryFiles();
        assertEquals(0, store.list("", 10).size());
        // the buffer given back is clean for the next write
        BlobStore.Stored stored = store.write(out -> out.write(new byte[] { 7 }));
        try (InputStream in = store.read(stored.key())) {
            assertArrayEquals(new byte[] { 7 }, in.readAllBytes());
        }
    }

    @ParameterizedTest(name = "direct I/O tried: {0}")
    @ValueSource(booleans = { true, false })
    void manyWritesAtOnceEachGetTheirOwnBytes(boolean direct) throws Exception {
        FileBlobStore store = store(direct);
        byte[][] files = new byte[24][];
        BlobStore.Stored[] stored = new BlobStore.Stored[files.length];
        Thread[] threads = new Thread[files.length];
        for (int i = 0; i < files.length; i++) {
            files[i] = new byte[FileBlobStore.BUFFER * 2 + i * 1000 + 1];
            new Random(i).nextBytes(files[i]);
            int n = i;
            threads[i] = new Thread(() -> {
                try {
                    stored[n] = store.write(out -> out.write(files[n]));
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        for (int i = 0; i < files.length; i++) {
            try (InputStream in = store.read(stored[i].key())) {
                assertArrayEquals(files[i], in.readAllBytes(), "file " + i);
            }
        }
    }

    /** The store either way; the direct one only where this filesystem takes direct I/O (its probe leaves no file). */
    private FileBlobStore store(boolean direct) throws IOException {
        FileBlobStore store = new FileBlobStore(root, direct);
        assertNoTemporaryFiles();
        if (direct) {
            assumeTrue(store.writesDirect(), "the filesystem of the temporary directory refuses direct I/O");
        } else {
            assertFalse(store.writesDirect());
        }
        return store;
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (Stream<Path> left = Files.list(root.resolve("tmp"))) {
            assertEquals(0, left.count(), "files left in tmp/");
        }
    }
}
