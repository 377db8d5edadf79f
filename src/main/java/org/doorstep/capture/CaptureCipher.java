package org.doorstep.capture;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.Parameters;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.StreamingAead;
import com.google.crypto.tink.TinkProtoKeysetFormat;
import com.google.crypto.tink.aead.AesGcmKey;
import com.google.crypto.tink.aead.AesGcmParameters;
import com.google.crypto.tink.streamingaead.AesGcmHkdfStreamingParameters;
import com.google.crypto.tink.streamingaead.StreamingAeadConfig;
import com.google.crypto.tink.subtle.AesGcmJce;
import com.google.crypto.tink.util.SecretBytes;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Encryption at rest of every capture, with Google Tink. Each upload gets its own data key, a
 * streaming AEAD keyset (AES-256-GCM-HKDF, 64 KiB segments, so a part is encrypted and decrypted as
 * it streams); the keyset is stored wrapped (AES-256-GCM) by a master key from the configuration,
 * with that key's id. The capture's id is bound into the wrapping and each part's offset into its
 * encryption, so neither a key nor a part can be moved to another capture or place unnoticed.
 * Master keys rotate like the personal-data keys: a new active one wraps, the old ones unwrap.
 */
@Startup
@ApplicationScoped
public class CaptureCipher {

    private static final Pattern KEY_ID = Pattern.compile("[a-z0-9-]{1,64}");

    /**
     * New data keys: AES-256-GCM with HKDF-SHA256 and 64 KiB ciphertext segments. Each segment is one call
     * of the JDK's AES-GCM, which runs a slow Java loop until the JIT has seen enough calls to compile
     * its AES-NI intrinsic: with 1 MiB segments (the keys made before) a 4 MiB file is four calls, and
     * a busy instance stayed at about 75 MB/s for hundreds of megabytes; with 64 KiB it reaches
     * gigabytes per second after about 150 MB (docs/benchmarks.md). A keyset carries its own
     * parameters, so captures under the older keys still decrypt.
     */
    static final AesGcmHkdfStreamingParameters DATA_KEY_PARAMETERS = dataKeyParameters();

    /** A data key: what is stored (the master key's id and the wrapped keyset) and what it encrypts with. */
    public record DataKey(String masterKeyId, byte[] wrapped, StreamingAead aead) {
    }

    private final Map<String, Aead> masterKeys = new HashMap<>();
    private final String activeKey;

    @jakarta.inject.Inject
    public CaptureCipher(CaptureConfig config) {
        this(config, ConfigUtils.getProfiles().contains("prod"));
    }

    CaptureCipher(CaptureConfig config, boolean prod) {
        try {
            StreamingAeadConfig.register();
            for (Map.Entry<String, String> key : config.masterKeys().entrySet()) {
                masterKeys.put(key.getKey(), masterKey(key.getKey(), key.getValue()));
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Tink could not be set up", e);
        }
        if (!masterKeys.containsKey(config.activeMasterKey())) {
            throw new IllegalStateException("doorstep.capture.active-master-key=" + config.activeMasterKey()
                    + " is not in doorstep.capture.master-keys");
        }
        if (prod && masterKeys.keySet().stream().map(k -> k.toLowerCase(Locale.ROOT))
                .anyMatch(k -> k.startsWith("dev-only") || k.startsWith("test-only"))) {
            throw new IllegalStateException("A development or test key is configured in doorstep.capture.master-keys and"
                    + " refused in the prod profile; set DOORSTEP_CAPTURE_MASTER_KEYS_<ID> and"
                    + " DOORSTEP_CAPTURE_ACTIVE_MASTER_KEY");
        }
        this.activeKey = config.activeMasterKey();
    }

    /** A fresh data key for a capture, wrapped by the active master key. */
    public DataKey newKey(UUID captureId) {
        return newKey(captureId, DATA_KEY_PARAMETERS);
    }

    /** A fresh data key of the parameters given (tests make keys as older releases did). */
    DataKey newKey(UUID captureId, Parameters parameters) {
        try {
            KeysetHandle keyset = KeysetHandle.generateNew(parameters);
            byte[] wrapped = TinkProtoKeysetFormat.serializeEncryptedKeyset(keyset, masterKeys.get(activeKey),
                    wrapping(captureId, activeKey));
            return new DataKey(activeKey, wrapped, keyset.getPrimitive(RegistryConfiguration.get(), StreamingAead.class));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not make a data key", e);
        }
    }

    /** The capture's data key, unwrapped. */
    public StreamingAead open(UUID captureId, String masterKeyId, byte[] wrapped) {
        Aead master = masterKeys.get(masterKeyId);
        if (master == null) {
            throw new IllegalStateException("No master key " + masterKeyId + " in doorstep.capture.master-keys");
        }
        try {
            return TinkProtoKeysetFormat.parseEncryptedKeyset(wrapped, master, wrapping(captureId, masterKeyId))
                    .getPrimitive(RegistryConfiguration.get(), StreamingAead.class);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the data key of capture " + captureId + " cannot be unwrapped", e);
        }
    }

    /** What a part's encryption is bound to: its capture and where it starts in the file. */
    public static byte[] partContext(UUID captureId, long startOffset) {
        return ("doorstep-capture-part-v1\u0000" + captureId + "\u0000" + startOffset).getBytes(StandardCharsets.UTF_8);
    }

    private static AesGcmHkdfStreamingParameters dataKeyParameters() {
        try {
            return AesGcmHkdfStreamingParameters.builder().setKeySizeBytes(32).setDerivedAesGcmKeySizeBytes(32)
                    .setHkdfHashType(AesGcmHkdfStreamingParameters.HashType.SHA256)
                    .setCiphertextSegmentSizeBytes(64 * 1024).build();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] wrapping(UUID captureId, String keyId) {
        return ("doorstep-capture-key-v1\u0000" + captureId + "\u0000" + keyId).getBytes(StandardCharsets.UTF_8);
    }

    private static Aead masterKey(String id, String base64) throws GeneralSecurityException {
        if (!KEY_ID.matcher(id).matches()) {
            throw new IllegalStateException("doorstep.capture.master-keys." + id
                    + ": a key id is lower-case letters, digits and dashes");
        }
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("doorstep.capture.master-keys." + id + " is not base64");
        }
        if (raw.length != 32) {
            throw new IllegalStateException(
                    "doorstep.capture.master-keys." + id + " must be 32 bytes (base64 of 32 random bytes)");
        }
        AesGcmParameters parameters = AesGcmParameters.builder().setKeySizeBytes(32).setIvSizeBytes(12).setTagSizeBytes(16)
                .setVariant(AesGcmParameters.Variant.NO_PREFIX).build();
        return AesGcmJce.create(AesGcmKey.builder().setParameters(parameters)
                .setKeyBytes(SecretBytes.copyFrom(raw, InsecureSecretKeyAccess.get())).build());
    }
}
