package org.doorstep.capture;

import java.time.Duration;
import java.util.Map;

import io.quarkus.runtime.configuration.MemorySize;

/** Capture settings for plain unit tests, as application.properties sets them, with the keys and sizes given. */
record TestCaptureConfig(Map<String, String> masterKeys, String activeMasterKey, Map<String, MemorySize> maxSize)
        implements
            CaptureConfig {

    @Override
    public Store store() {
        return Store.FILESYSTEM;
    }

    @Override
    public S3 s3() {
        throw new UnsupportedOperationException("unit tests keep captures on the filesystem");
    }

    @Override
    public String storageDirectory() {
        return "target/unit-test-captures";
    }

    @Override
    public Duration uploadExpiry() {
        return Duration.ofHours(24);
    }

    @Override
    public Duration lateUploadGrace() {
        return Duration.ofHours(12);
    }

    @Override
    public int biometricRetentionDays() {
        return 30;
    }

    @Override
    public long maxImagePixels() {
        return 50_000_000;
    }

    @Override
    public String janitorInterval() {
        return "off";
    }

    @Override
    public String janitorDelay() {
        return "1m";
    }

    @Override
    public Quota quota() {
        return new Quota() {
            @Override
            public int openUploadsPerAgent() {
                return 20;
            }

            @Override
            public MemorySize reservedBytesPerAgent() {
                return new MemorySize(java.math.BigInteger.valueOf(300L << 20));
            }

            @Override
            public int openUploadsPerVisit() {
                return 12;
            }

            @Override
            public int capturesPerKindPerVisit() {
                return 10;
            }
        };
    }

    @Override
    public boolean cipherWarmUp() {
        return false;
    }

    @Override
    public Duration cipherWarmUpDelay() {
        return Duration.ofSeconds(10);
    }

    @Override
    public Duration orphanGrace() {
        return Duration.ofHours(1);
    }
}
