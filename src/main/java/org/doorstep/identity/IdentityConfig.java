package org.doorstep.identity;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "doorstep.auth")
public interface IdentityConfig {

    /** {@code iss} of every access token, checked on every request. */
    @WithDefault("https://doorstep.local")
    String issuer();

    /** {@code aud} of every access token, checked on every request. */
    @WithDefault("doorstep-api")
    String audience();

    /**
     * Where the private signing keys are: a JWK set (JSON) as a file path or {@code classpath:...}.
     * Without it, dev and demo generate a key pair at start-up; prod refuses to start.
     */
    Optional<String> keySet();

    /** The {@code kid} of the key that signs new tokens; the others in the set only verify. */
    Optional<String> signingKeyId();

    /**
     * A secret of at least 32 bytes, base64: derives the refresh token handed out again on a retry
     * within the grace window. Without it, dev, demo and tests use a random one per start.
     */
    Optional<String> tokenSecret();

    @WithDefault("PT15M")
    Duration accessTokenLifetime();

    @WithDefault("P30D")
    Duration refreshTokenLifetime();

    /** A family ends this long after its sign-in, however often it was refreshed. */
    @WithDefault("P90D")
    Duration refreshFamilyLifetime();

    /** A spent refresh token presented again this soon, from the same tablet, is a retry, not theft. */
    @WithDefault("PT30S")
    Duration refreshReuseGrace();

    @WithDefault("5")
    int lockoutThreshold();

    @WithDefault("PT15M")
    Duration lockoutDuration();

    /**
     * Failed sign-ins from one address (whatever the usernames) before that address is held off for
     * {@link #lockoutDuration()}: spraying passwords across many accounts is slowed, and a username's own
     * count ({@link #lockoutThreshold()}) is kept per address, so an attacker locks an account only for
     * themselves.
     */
    @WithDefault("20")
    int addressLockoutThreshold();

    /**
     * Failed sign-ins to one username, from any addresses, before its attempts are slowed down: then each must
     * wait {@link #accountSlowdownBase()} after the last, doubling with every further failure up to
     * {@link #accountSlowdownMax()}. Forged or changing addresses cannot escape it, and nobody can lock the
     * account with it: a success resets it, and the real user waits at most the maximum.
     */
    @WithDefault("10")
    int accountSlowdownAfter();

    @WithDefault("PT1S")
    Duration accountSlowdownBase();

    @WithDefault("PT1M")
    Duration accountSlowdownMax();

    /** Password hashes computed at once (0: one per core); see {@link HashPermits}. */
    @WithDefault("0")
    int concurrentHashes();

    /** How long a sign-in waits for a hashing permit before 503 sign-in-busy. */
    @WithDefault("PT2S")
    Duration hashQueueWait();

    @WithDefault("PT15M")
    Duration enrollmentCodeLifetime();

    /** How often every instance re-reads the revocations, besides being notified of each. */
    @WithDefault("PT10S")
    Duration revocationPollInterval();

    Argon2 argon2();

    interface Argon2 {
        /** Memory in KiB (OWASP: 19 MiB with 2 iterations). */
        @WithDefault("19456")
        int memoryKib();

        @WithDefault("2")
        int iterations();

        @WithDefault("1")
        int parallelism();
    }
}
