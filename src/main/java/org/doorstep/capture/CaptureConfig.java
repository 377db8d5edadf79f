package org.doorstep.capture;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where captures are kept, how they are encrypted, how big they may be and how long they live. */
@ConfigMapping(prefix = "doorstep.capture")
public interface CaptureConfig {

    /** Where blobs are kept: this instance's filesystem (one instance) or an S3-compatible store (several). */
    @WithDefault("filesystem")
    Store store();

    /** The stores {@link #store()} chooses from. */
    enum Store {
        FILESYSTEM,
        S3
    }

    /** The directory of the filesystem blob store. */
    String storageDirectory();

    /** The S3-compatible store; the client itself is configured with the {@code quarkus.s3.*} keys. */
    S3 s3();

    interface S3 {

        /** The bucket, which must exist. Required when the store is s3. */
        Optional<String> bucket();

        /** Put before every object's name, so that a bucket can be shared ({@code doorstep/captures/}). */
        @WithDefault("captures/")
        String prefix();

        /** A blob is held in memory up to this size before it is sent, in a temporary file beyond. */
        @WithDefault("8M")
        MemorySize spoolThreshold();

        /** The directory of those temporary files; the JVM's temporary directory when not set. */
        Optional<String> spoolDirectory();
    }

    /**
     * Master keys by id (lower-case letters, digits and dashes), each base64 of 32 random bytes.
     * They wrap the per-upload data keys; every key that ever wrapped one must stay.
     */
    Map<String, String> masterKeys();

    /** The id of the master key that wraps new data keys. */
    String activeMasterKey();

    /** Largest capture per kind, by kind in kebab case ({@code face-photo}). */
    Map<String, MemorySize> maxSize();

    /** An upload not continued for this long expires and its bytes are deleted. */
    @WithDefault("PT24H")
    Duration uploadExpiry();

    /** How long after a visit is completed its captures may still be uploaded (a late upload). */
    @WithDefault("PT12H")
    Duration lateUploadGrace();

    /** Days after the visit is submitted, failed or cancelled that its biometric captures are deleted. */
    @WithDefault("30")
    int biometricRetentionDays();

    /** Images declaring more pixels than this are refused before anything is decoded. */
    @WithDefault("50000000")
    long maxImagePixels();

    /** Bounds on what one agent or one visit may hold (see {@link CapturePolicy#requireWithinQuota}). */
    Quota quota();

    interface Quota {
        /** Uploads one agent has open (not complete, not expired) at once. */
        @WithDefault("20")
        int openUploadsPerAgent();

        /** Bytes those open uploads may declare together. */
        @WithDefault("300M")
        io.quarkus.runtime.configuration.MemorySize reservedBytesPerAgent();

        /** Uploads open on one visit at once. */
        @WithDefault("12")
        int openUploadsPerVisit();

        /** Captures of one kind on one visit (a form or a report may take several pages). */
        @WithDefault("10")
        int capturesPerKindPerVisit();
    }

    /** How often the janitor runs (expiry, retention, orphan sweep); {@code off} disables it. */
    @WithDefault("5m")
    String janitorInterval();

    /** How long after the start the janitor first runs. */
    @WithDefault("1m")
    String janitorDelay();

    /**
     * Whether a fresh instance runs the capture cipher in the background until the JIT has compiled its
     * AES-GCM intrinsic, so that the first uploads after a start go as fast as the later ones ({@link CipherWarmUp}).
     */
    @WithDefault("true")
    boolean cipherWarmUp();

    /** How long after the start the warm-up begins (so that it does not slow the start itself). */
    @WithDefault("10s")
    Duration cipherWarmUpDelay();

    /** A blob file (or an abandoned temporary file) older than this with no row is swept. */
    @WithDefault("PT1H")
    Duration orphanGrace();
}
