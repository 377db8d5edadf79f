package org.doorstep.resident;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Encrypts personal data at rest with AES-256-GCM (the JDK's implementation) and finds it by exact
 * match through an HMAC-SHA-256 blind index, never by decrypting a table. Each ciphertext is stored
 * with the id of its key, so keys can rotate: a new active key encrypts, the old ones still
 * decrypt. The purpose (which column) is bound into both, so a value cannot be moved between
 * columns unnoticed. The index key rotates too: each stored index names the key that made it, lookups
 * accept the new key and the previous one, and a re-index ({@link BlindIndexReindexer}) moves the
 * stored indexes to the new key.
 */
@Startup
@ApplicationScoped
public class PersonalDataCipher {

    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * The ids of the index keys published in this repository (development, demo and test), refused by the
     * prod profile as either index key.
     */
    private static final java.util.Set<String> PUBLIC_INDEX_KEY_IDS = java.util.Set.of("720c534b9ae7f268",
            "0320615e8ea18685", "91436619f2b42c36");

    /** A ciphertext and the id of the key that made it. */
    public record Sealed(byte[] ciphertext, String keyId) {
    }

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKey;
    private final SecretKey indexKey;
    private final String indexKeyId;
    /** The index keys lookups accept, the one that writes first. */
    private final List<SecretKey> indexKeys;
    private final Optional<String> previousIndexKeyId;
    private final SecureRandom random = new SecureRandom();

    @jakarta.inject.Inject
    public PersonalDataCipher(PersonalDataConfig config) {
        this(config, ConfigUtils.getProfiles().contains("prod"));
    }

    PersonalDataCipher(PersonalDataConfig config, boolean prod) {
        config.keys().forEach((id, value) -> keys.put(id, new SecretKeySpec(decode("doorstep.pii.keys." + id, value), "AES")));
        if (!keys.containsKey(config.activeKey())) {
            throw new IllegalStateException("doorstep.pii.active-key=" + config.activeKey() + " is not in doorstep.pii.keys");
        }
        this.activeKey = config.activeKey();
        this.indexKey = new SecretKeySpec(decode("doorstep.pii.index-key", config.indexKey()), "HmacSHA256");
        this.indexKeyId = keyId(indexKey);
        Optional<SecretKey> previous = config.previousIndexKey().filter(k -> !k.isBlank())
                .map(k -> new SecretKeySpec(decode("doorstep.pii.previous-index-key", k), "HmacSHA256"));
        this.previousIndexKeyId = previous.map(PersonalDataCipher::keyId);
        if (previousIndexKeyId.filter(indexKeyId::equals).isPresent()) {
            throw new IllegalStateException("doorstep.pii.previous-index-key is the same key as doorstep.pii.index-key;"
                    + " remove it, or set the new key as doorstep.pii.index-key");
        }
        this.indexKeys = previous.map(p -> List.<SecretKey> of(indexKey, p)).orElse(List.of(indexKey));
        if (prod && keys.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.startsWith("dev-only") || k.startsWith("test-only"))) {
            throw new IllegalStateException("A development or test key is configured in doorstep.pii.keys and refused in the"
                    + " prod profile; set DOORSTEP_PII_KEYS_<id>, DOORSTEP_PII_ACTIVE_KEY and DOORSTEP_PII_INDEX_KEY");
        }
        if (prod && (PUBLIC_INDEX_KEY_IDS.contains(indexKeyId)
                || previousIndexKeyId.filter(PUBLIC_INDEX_KEY_IDS::contains).isPresent())) {
            throw new IllegalStateException("A development or test key is configured as doorstep.pii.index-key or"
                    + " doorstep.pii.previous-index-key and refused in the prod profile; set DOORSTEP_PII_INDEX_KEY");
        }
    }

    /** Seals a value of one column of one row: both are bound in, so it cannot be moved unnoticed. */
    public Sealed seal(String purpose, UUID row, String value) {
        return seal(purpose + "/" + row, value);
    }

    public String open(String purpose, UUID row, Sealed sealed) {
        return open(purpose + "/" + row, sealed);
    }

    Sealed seal(String purpose, String value) {
        try {
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(activeKey), new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad(purpose, activeKey));
            byte[] sealed = cipher.doFinal(value.getBytes(StandardCharsets.UTF_8));
            return new Sealed(ByteBuffer.allocate(IV_BYTES + sealed.length).put(iv).put(sealed).array(), activeKey);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("encryption failed", e);
        }
    }

    String open(String purpose, Sealed sealed) {
        SecretKey key = keys.get(sealed.keyId());
        if (key == null) {
            throw new IllegalStateException("No key " + sealed.keyId() + " in doorstep.pii.keys to decrypt with");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed.ciphertext(), 0, IV_BYTES));
            cipher.updateAAD(aad(purpose, sealed.keyId()));
            byte[] plain = cipher.doFinal(sealed.ciphertext(), IV_BYTES, sealed.ciphertext().length - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("decryption failed", e);
        }
    }

    /**
     * The blind index of a normalised value, with the index key that writes: equal values of one purpose give
     * equal indexes.
     */
    public byte[] index(String purpose, String value) {
        return index(indexKey, purpose, value);
    }

    /**
     * The blind indexes of a value under every configured index key, the one that writes first: what a lookup
     * matches while a re-index moves the stored ones to the new key.
     */
    public List<byte[]> indexes(String purpose, String value) {
        return indexKeys.stream().map(key -> index(key, purpose, value)).toList();
    }

    /** The id of the index key that writes (16 hex digits derived from the key, saying nothing about it). */
    public String indexKeyId() {
        return indexKeyId;
    }

    /** The id of the index key being replaced, while one is configured. */
    public Optional<String> previousIndexKeyId() {
        return previousIndexKeyId;
    }

    private static byte[] index(SecretKey key, String purpose, String value) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(purpose.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A key's id: the first 8 bytes of its HMAC of a fixed label, in hex. */
    private static String keyId(SecretKey key) {
        return java.util.HexFormat.of().formatHex(java.util.Arrays.copyOf(index(key, "doorstep.pii.index-key-id", ""), 8));
    }

    private static byte[] aad(String purpose, String keyId) {
        return (purpose + "\u0000" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] decode(String name, String base64) {
        byte[] key;
        try {
            key = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(name + " is not base64");
        }
        if (key.length != 32) {
            throw new IllegalStateException(name + " must be 32 bytes (base64 of 32 random bytes)");
        }
        return key;
    }
}
