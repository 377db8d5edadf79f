package org.doorstep.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.PredefinedStreamingAeadParameters;

class CaptureCipherTest {

    private static CaptureConfig config(String keyId) {
        return new TestCaptureConfig(Map.of(keyId, "zXD9IlcCUKMX1M/k2VkwFNJl20p+89nzYQvm6I7nRMg="), keyId, Map.of());
    }

    @Test
    void theProdProfileRefusesADevelopmentMasterKey() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new CaptureCipher(config("dev-only-capture-1"), true));
        assertTrue(refused.getMessage().contains("refused in the prod profile"));
        assertThrows(IllegalStateException.class, () -> new CaptureCipher(config("test-only-capture-1"), true));
        new CaptureCipher(config("key-2026-11"), true);
    }

    @Test
    void aDataKeyUnwrapsOnlyForItsOwnCaptureAndAPartOnlyAtItsOwnOffset() throws Exception {
        CaptureCipher cipher = new CaptureCipher(config("test-only-capture-1"), false);
        UUID capture = UUID.randomUUID();
        CaptureCipher.DataKey key = cipher.newKey(capture);
        byte[] plain = "某个身份证的照片".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream sealed = new ByteArrayOutputStream();
        try (OutputStream out = key.aead().newEncryptingStream(sealed, CaptureCipher.partContext(capture, 0))) {
            out.write(plain);
        }
        StreamingAead unwrapped = cipher.open(capture, key.masterKeyId(), key.wrapped());
        try (InputStream in = unwrapped.newDecryptingStream(new ByteArrayInputStream(sealed.toByteArray()),
                CaptureCipher.partContext(capture, 0))) {
            assertArrayEquals(plain, in.readAllBytes());
        }
        assertThrows(IllegalStateException.class, () -> cipher.open(UUID.randomUUID(), key.masterKeyId(), key.wrapped()));
        assertThrows(java.io.IOException.class, () -> {
            try (InputStream in = unwrapped.newDecryptingStream(new ByteArrayInputStream(sealed.toByteArray()),
                    CaptureCipher.partContext(capture, 4096))) {
                in.readAllBytes();
            }
        });
    }

    @Test
    void newDataKeysCutAFileIntoSegmentsOf64KibAndKeysOfEarlierReleasesStillDecrypt() throws Exception {
        CaptureCipher cipher = new CaptureCipher(config("test-only-capture-1"), false);
        byte[] plain = new byte[1024 * 1024 + 123];
        new java.util.Random(7).nextBytes(plain);
        for (boolean earlier : new boolean[] { false, true }) {
            UUID capture = UUID.randomUUID();
            CaptureCipher.DataKey key = earlier
                    ? cipher.newKey(capture, PredefinedStreamingAeadParameters.AES256_GCM_HKDF_1MB)
                    : cipher.newKey(capture);
            ByteArrayOutputStream sealed = new ByteArrayOutputStream();
            try (OutputStream out = key.aead().newEncryptingStream(sealed, CaptureCipher.partContext(capture, 0))) {
                out.write(plain);
            }
            // each segment carries a 16-byte tag: 17 of them with 64 KiB segments, 2 with 1 MiB ones
            int overhead = sealed.size() - plain.length;
            assertTrue(earlier ? overhead < 100 : overhead > 17 * 16, "overhead " + overhead);
            try (InputStream in = cipher.open(capture, key.masterKeyId(), key.wrapped())
                    .newDecryptingStream(new ByteArrayInputStream(sealed.toByteArray()),
                            CaptureCipher.partContext(capture, 0))) {
                assertArrayEquals(plain, in.readAllBytes());
            }
        }
    }
}
