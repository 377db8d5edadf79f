package org.doorstep.identity;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Locale;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The opaque secrets of identity: refresh tokens and device secrets (256 random bits, stored as
 * SHA-256), enrolment codes (60 random bits, typed by a person, stored as SHA-256), and the keyed
 * derivation of a refresh token's successor.
 */
/** Created at start-up, so that a misconfiguration stops the service at once rather than at the first sign-in. */
@Startup
@ApplicationScoped
public class Secrets {

    private static final Logger LOG = Logger.getLogger(Secrets.class);
    static final String REFRESH_PREFIX = "rt_";
    static final String DEVICE_SECRET_PREFIX = "ds_";
    /** Crockford's base 32: no I, L, O or U, so that a code read aloud or typed is not mistaken. */
    private static final String CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final int CODE_LENGTH = 12;

    private final SecureRandom random = new SecureRandom();
    private final byte[] derivationKey;

    public Secrets(IdentityConfig config) {
        if (config.tokenSecret().isPresent()) {
            this.derivationKey = Base64.getDecoder().decode(config.tokenSecret().get().trim());
            if (derivationKey.length < 32) {
                throw new IllegalStateException("doorstep.auth.token-secret must hold at least 32 bytes (base64)");
            }
        } else if (ConfigUtils.getProfiles().contains("prod")) {
            throw new IllegalStateException("Set doorstep.auth.token-secret (DOORSTEP_AUTH_TOKEN_SECRET) to 32 or more"
                    + " random bytes in base64, the same on every instance");
        } else {
            this.derivationKey = new byte[32];
            random.nextBytes(derivationKey);
            LOG.debug("No doorstep.auth.token-secret: using a random one for this run");
        }
    }

    String newRefreshToken() {
        return REFRESH_PREFIX + randomToken();
    }

    String newDeviceSecret() {
        return DEVICE_SECRET_PREFIX + randomToken();
    }

    /** The successor of a refresh token: the same every time for the same token, unguessable without the key. */
    String successorOf(String refreshToken) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(derivationKey, "HmacSHA256"));
            return REFRESH_PREFIX
                    + Base64.getUrlEncoder().withoutPadding()
                            .encodeToString(mac.doFinal(refreshToken.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code 7K3M-9QXA-2F4T}: 60 random bits, grouped for reading aloud. */
    String newEnrollmentCode() {
        StringBuilder code = new StringBuilder();
        for (int i = 0; i < CODE_LENGTH; i++) {
            if (i > 0 && i % 4 == 0) {
                code.append('-');
            }
            code.append(CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length())));
        }
        return code.toString();
    }

    /** A typed code as stored: upper case, without separators, with the letters people confuse mapped. */
    static String normalizeCode(String typed) {
        StringBuilder code = new StringBuilder();
        for (char ch : typed.toUpperCase(Locale.ROOT).toCharArray()) {
            switch (ch) {
                case '-', ' ' -> {
                }
                case 'O' -> code.append('0');
                case 'I', 'L' -> code.append('1');
                default -> code.append(ch);
            }
        }
        return code.toString();
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
