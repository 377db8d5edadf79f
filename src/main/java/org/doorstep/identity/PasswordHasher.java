package org.doorstep.identity;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Argon2id password hashes (Bouncy Castle), stored in the PHC string format
 * {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, so that the cost can be raised later and old
 * hashes still verify. The password is hashed exactly as typed (UTF-8, no normalisation, no
 * truncation): a full-width {@code ！} is not {@code !}, and byte 73 matters. At most a few hashes run at
 * once ({@link HashPermits}).
 */
@ApplicationScoped
public class PasswordHasher {

    private static final Pattern PHC = Pattern
            .compile("^\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)$");
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final SecureRandom random = new SecureRandom();
    private final IdentityConfig.Argon2 cost;
    private final HashPermits permits;
    /** A hash of a random secret, made at the first check that needs it (not at every start). */
    private volatile String decoy;

    public PasswordHasher(IdentityConfig config) {
        this.cost = config.argon2();
        this.permits = new HashPermits(config.concurrentHashes() > 0 ? config.concurrentHashes()
                : Runtime.getRuntime().availableProcessors(), config.hashQueueWait());
    }

    private String decoy() {
        String d = decoy;
        if (d == null) {
            byte[] secret = new byte[24];
            random.nextBytes(secret);
            d = hash(B64.encodeToString(secret));
            decoy = d;
        }
        return d;
    }

    public String hash(String password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        byte[] hash = permits.run(() -> argon2(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(),
                HASH_BYTES));
        return "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p=" + cost.parallelism() + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
    }

    /** Whether {@code password} matches {@code encoded}; a missing or unreadable hash never matches. */
    public boolean verify(String password, String encoded) {
        if (password == null) {
            return false;
        }
        Matcher m = encoded == null ? null : PHC.matcher(encoded);
        if (m == null || !m.matches()) {
            // Spend the same time as a real check, so that the answer does not say which case it was.
            verify(password, decoy());
            return false;
        }
        byte[] salt = B64D.decode(m.group(4));
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = permits.run(() -> argon2(password, salt, Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length));
        return MessageDigest.isEqual(expected, actual);
    }

    /** Spends the time of a verification without any account, for unknown usernames. */
    public void verifyNothing(String password) {
        verify(password == null ? "" : password, decoy);
    }

    public boolean needsRehash(String encoded) {
        return encoded == null || !encoded.startsWith("$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations()
                + ",p=" + cost.parallelism() + "$");
    }

    private static byte[] argon2(String password, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
        return out;
    }
}
