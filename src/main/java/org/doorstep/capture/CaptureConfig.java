package org.doorstep.capture;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where captures are kept, how they are encrypted, how big they may be and how long they live. */
@ConfigMapping(prefix = "doorstep.capture")
public interface CaptureConfig {

    /** The directory of the filesystem blob store. */
    String storageDirectory();

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

    /** How often the janitor runs (expiry, retention, orphan sweep); {@code off} disables it. */
    @WithDefault("5m")
    String janitorInterval();

    /** A blob file (or an abandoned temporary file) older than this with no row is swept. */
    @WithDefault("PT1H")
    Duration orphanGrace();
}
