package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** How a PATCH body is taken in: gathered into large pieces, yet nothing that came is lost when it breaks off. */
class UploadBodyTest {

    /** Gives the bytes in reads of at most 1,000, then breaks as a dropped connection does. */
    private static InputStream breakingAfter(byte[] bytes) {
        return new InputStream() {
            private final ByteArrayInputStream in = new ByteArrayInputStream(bytes);

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = in.read(b, off, Math.min(len, 1000));
                if (n < 0) {
                    throw new IOException("connection reset");
                }
                return n;
            }
        };
    }

    @Test
    void aBodyThatBreaksOffMidPieceKeepsEveryByteThatCame() throws IOException {
        byte[] came = new byte[300_001]; // more than one gathered piece, and not a whole number of them
        new Random(1).nextBytes(came);
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        UploadVerifier.Received received = new UploadVerifier.Received(true, () -> {
        });
        UploadVerifier.copy(breakingAfter(came), kept, 1_000_000, null, received);
        assertTrue(received.interrupted);
        assertFalse(received.overflow);
        assertEquals(came.length, received.count);
        assertArrayEquals(came, kept.toByteArray());
    }

    @Test
    void aBodyLongerThanTheUploadKeepsNothingOfTheExcess() throws IOException {
        byte[] body = new byte[400_000];
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        UploadVerifier.Received received = new UploadVerifier.Received(false, () -> {
        });
        UploadVerifier.copy(new ByteArrayInputStream(body), kept, 350_000, null, received);
        assertTrue(received.overflow);
        assertTrue(kept.size() <= 350_000, "kept " + kept.size());
        assertArrayEquals(Arrays.copyOf(body, kept.size()), kept.toByteArray());
    }

    @Test
    void theCipherWarmUpChecksItsRoundTripAndStopsAtItsBudget() throws InterruptedException {
        CipherWarmUp.Result result = CipherWarmUp.run(2L * CipherWarmUp.ROUND);
        assertTrue(result.bytes() > 0 && result.bytes() <= 2L * CipherWarmUp.ROUND, "bytes " + result.bytes());
        assertTrue(result.encryptMbPerSecond() > 0 && result.decryptMbPerSecond() > 0);
    }
}
