package org.doorstep.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which keys the service accepts to sign with, in production and elsewhere. */
class SigningKeysTest {

    @TempDir
    Path dir;

    @Test
    void productionRefusesTestKeys() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeys(config("classpath:jwt/test-only-keys-a.jwks.json", "test-only-key-a"), true));
        assertTrue(refused.getMessage().contains("refused in the prod profile"));
    }

    @Test
    void productionRefusesToRunWithoutKeys() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeys(config(null, null), true));
        assertTrue(refused.getMessage().contains("doorstep.auth.key-set"));
    }

    @Test
    void productionAcceptsItsOwnKeys() throws Exception {
        SigningKeys keys = new SigningKeys(config(keyFile("key-2026-11").toString(), "key-2026-11"), true);
        assertEquals("key-2026-11", keys.signingKeyId());
    }

    @Test
    void elsewhereAKeyIsGeneratedForTheRun() {
        SigningKeys keys = new SigningKeys(config(null, null), false);
        assertTrue(keys.signingKeyId().startsWith("dev-ephemeral-"));
    }

    @Test
    void theSigningKeyMustBeInTheSet() {
        assertThrows(IllegalStateException.class,
                () -> new SigningKeys(config("classpath:jwt/test-only-keys-a.jwks.json", "no-such-key"), false));
    }

    @Test
    void thePublishedSetHoldsNoPrivatePart() {
        SigningKeys keys = new SigningKeys(config("classpath:jwt/test-only-keys-a-and-b.jwks.json", "test-only-key-b"), false);
        assertTrue(keys.publicJwks().contains("test-only-key-a"));
        assertTrue(keys.publicJwks().contains("test-only-key-b"));
        assertFalse(keys.publicJwks().contains("\"d\""));
        assertFalse(keys.publicJwks().contains("\"p\""));
    }

    private Path keyFile(String kid) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId(kid);
        Path file = dir.resolve(kid + ".json");
        JsonWebKeySet set = new JsonWebKeySet(key);
        try {
            Files.writeString(file, set.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return file;
    }

    private static IdentityConfig config(String keySet, String kid) {
        return new IdentityConfig() {
            public String issuer() {
                return "https://doorstep.local";
            }

            public String audience() {
                return "doorstep-api";
            }

            public Optional<String> keySet() {
                return Optional.ofNullable(keySet);
            }

            public Optional<String> signingKeyId() {
                return Optional.ofNullable(kid);
            }

            public Optional<String> tokenSecret() {
                return Optional.empty();
            }

            public Duration accessTokenLifetime() {
                return Duration.ofMinutes(15);
            }

            public Duration refreshTokenLifetime() {
                return Duration.ofDays(30);
            }

            public Duration refreshFamilyLifetime() {
                return Duration.ofDays(90);
            }

            public Duration refreshReuseGrace() {
                return Duration.ofSeconds(30);
            }

            public int lockoutThreshold() {
                return 5;
            }

            public Duration lockoutDuration() {
                return Duration.ofMinutes(15);
            }

            public int addressLockoutThreshold() {
                return 20;
            }

            public int accountSlowdownAfter() {
                return 10;
            }

            public Duration accountSlowdownBase() {
                return Duration.ofSeconds(1);
            }

            public Duration accountSlowdownMax() {
                return Duration.ofMinutes(1);
            }

            public int concurrentHashes() {
                return 0;
            }

            public Duration hashQueueWait() {
                return Duration.ofSeconds(2);
            }

            public Duration enrollmentCodeLifetime() {
                return Duration.ofMinutes(15);
            }

            public Duration revocationPollInterval() {
                return Duration.ofSeconds(10);
            }

            public Argon2 argon2() {
                return null;
            }
        };
    }
}
