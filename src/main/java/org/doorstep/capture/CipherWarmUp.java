package org.doorstep.capture;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Runs the upload path's cryptography (SHA-256, and Tink's streaming AES-GCM both ways, under a throwaway
 * key of the data keys' parameters) on random bytes in the background, shortly after the start, until it
 * runs at full speed. The JDK executes AES-GCM in plain Java until the JIT has compiled its AES-NI
 * intrinsic, which takes a few thousand calls: without this, an instance's first 150 MB or so of uploads
 * and downloads go at a twentieth of the speed of the rest (docs/benchmarks.md). It stops as soon as
 * one round runs faster than {@link #FAST_ENOUGH}, or after {@link #MAX_BYTES}, or at shutdown; it costs
 * a second or two of one core, once.
 */
@ApplicationScoped
public class CipherWarmUp {

    private static final Logger LOG = Logger.getLogger(CipherWarmUp.class);
    /** Bytes per round, in the chunks a PATCH body is read in. */
    static final int ROUND = 4 * 1024 * 1024;
    static final int CHUNK = 64 * 1024;
    /** MB/s (10⁶ bytes) both ways at which the cipher counts as compiled. */
    static final double FAST_ENOUGH = 1000;
    static final long MAX_BYTES = 512L * 1024 * 1024;

    private final CaptureConfig config;
    private volatile Thread thread;

    public CipherWarmUp(CaptureConfig config) {
        this.config = config;
    }

    /** What a warm-up did: the bytes it encrypted, how long it took, and the last round's speeds. */
    public record Result(long bytes, Duration took, double encryptMbPerSecond, double decryptMbPerSecond,
            boolean fast) {
    }

    void start(@Observes StartupEvent event) {
        if (!config.cipherWarmUp()) {
            return;
        }
        long delay = config.cipherWarmUpDelay().toMillis();
        Thread t = new Thread(() -> {
            try {
                Thread.sleep(delay);
                Result r = run(MAX_BYTES);
                LOG.infof("Capture cipher warmed up: %d MB in %d ms, last round %.0f MB/s encrypting, %.0f MB/s"
                        + " decrypting%s", r.bytes() / 1_000_000, r.took().toMillis(), r.encryptMbPerSecond(),
                        r.decryptMbPerSecond(), r.fast() ? "" : " (not yet at full speed: it gets there under load)");
            } catch (InterruptedException stopping) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                LOG.warnf("The capture cipher's warm-up stopped: %s", e.toString());
            }
        }, "capture-cipher-warm-up");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        thread = t;
        t.start();
    }

    void stop(@Observes ShutdownEvent event) {
        Thread t = thread;
        if (t != null) {
            t.interrupt();
        }
    }

    /**
     * Encrypts, hashes and decrypts rounds of random bytes until a round goes faster than
     * {@link #FAST_ENOUGH} both ways or maxBytes have been encrypted. Every round's decryption is
     * checked against what was encrypted.
     */
    static Result run(long maxBytes) throws InterruptedException {
        try {
            StreamingAeadConfig.register();
            StreamingAead aead = KeysetHandle.generateNew(CaptureCipher.DATA_KEY_PARAMETERS)
                    .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
            byte[] plain = new byte[ROUND];
            new SecureRandom().nextBytes(plain);
            byte[] back = new byte[ROUND];
            byte[] context = "doorstep-cipher-warm-up".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream sealed = new ByteArrayOutputStream(ROUND + ROUND / 64);
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            long start = System.nanoTime();
            long bytes = 0;
            double encrypt = 0;
            double decrypt = 0;
            while (bytes < maxBytes) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                sealed.reset();
                long t0 = System.nanoTime();
                try (OutputStream out = aead.newEncryptingStream(sealed, context)) {
                    for (int off = 0; off < ROUND; off += CHUNK) {
                        out.write(plain, off, CHUNK);
                        sha256.update(plain, off, CHUNK);
                    }
                }
                sha256.digest();
                long t1 = System.nanoTime();
                try (InputStream in = aead.newDecryptingStream(new ByteArrayInputStream(sealed.toByteArray()), context)) {
                    int n = in.readNBytes(back, 0, ROUND);
                    if (n != ROUND || in.read() != -1 || !Arrays.equals(plain, back)) {
                        throw new IllegalStateException("the warm-up's decryption did not give back its bytes");
                    }
                }
                long t2 = System.nanoTime();
                bytes += ROUND;
                encrypt = ROUND / ((t1 - t0) / 1e3);
                decrypt = ROUND / ((t2 - t1) / 1e3);
                if (encrypt >= FAST_ENOUGH && decrypt >= FAST_ENOUGH) {
                    return new Result(bytes, Duration.ofNanos(System.nanoTime() - start), encrypt, decrypt, true);
                }
            }
            return new Result(bytes, Duration.ofNanos(System.nanoTime() - start), encrypt, decrypt, false);
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the capture cipher could not be warmed up", e);
        }
    }
}
