package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The S3 store holds a large part on the local disk until it is sent. That disk full is a full store (507 to the
 * tablet, as for the filesystem store), not an error of the service, and leaves no file behind.
 */
class S3SpoolFullTest {

    @TempDir
    Path spoolDirectory;

    @Test
    void aPartThatCannotBeSpooledForWantOfRoomIsAFullStoreAndLeavesNoFile() throws IOException {
        S3BlobStore store = new S3BlobStore(null, "captures", "", spoolsFailingWith("No space left on device"));

        assertThrows(BlobStore.Full.class, () -> store.write(out -> out.write(new byte[200_000])));

        assertNoSpoolFiles();
    }

    @Test
    void anotherFailureWhileSpoolingIsNotTakenForAFullDisk() throws IOException {
        S3BlobStore store = new S3BlobStore(null, "captures", "", spoolsFailingWith("Input/output error"));

        IOException failure = assertThrows(IOException.class, () -> store.write(out -> out.write(new byte[200_000])));

        assertFalse(failure instanceof BlobStore.Full);
        assertNoSpoolFiles();
    }

    /** Spools past 1 KiB go to files that refuse bytes with the JDK's message for the errno given. */
    private Spool.Factory spoolsFailingWith(String message) {
        return new Spool.Factory(spoolDirectory, 1024) {
            @Override
            OutputStream fileOutput(Path file) throws IOException {
                return new FilterOutputStream(Files.newOutputStream(file)) {
                    @Override
                    public void write(byte[] b, int off, int len) throws IOException {
                        throw new IOException(message);
                    }
                };
            }
        };
    }

    private void assertNoSpoolFiles() throws IOException {
        try (Stream<Path> left = Files.list(spoolDirectory)) {
            assertEquals(0, left.count());
        }
    }
}
