package org.doorstep.identity;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.Startup;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The RSA keys that sign and verify access tokens. Several keys may be configured at once: the one
 * named by {@code doorstep.auth.signing-key-id} signs, all of them verify, so a new key can be
 * rolled in while tokens signed by the previous one stay valid until they expire.
 *
 * <p>
 * Development and test keys are named {@code dev-...} or {@code test-only-...}; the prod profile
 * refuses them, and refuses to run without configured keys.
 */
/** Created at start-up, so that a misconfiguration stops the service at once rather than at the first sign-in. */
@Startup
@ApplicationScoped
public class SigningKeys {

    private static final Logger LOG = Logger.getLogger(SigningKeys.class);
    private static final List<String> NOT_FOR_PRODUCTION = List.of("dev-", "test-only-");

    private final List<RsaJsonWebKey> keys;
    private final RsaJsonWebKey signing;
    private final String publicJwks;

    @jakarta.inject.Inject
    public SigningKeys(IdentityConfig config) {
        this(config, ConfigUtils.getProfiles().contains("prod"));
    }

    SigningKeys(IdentityConfig config, boolean prod) {
        this.keys = config.keySet().map(SigningKeys::load).orElseGet(() -> ephemeral(prod));
        if (keys.isEmpty()) {
            throw new IllegalStateException("doorstep.auth.key-set holds no RSA key");
        }
        String kid = config.signingKeyId().orElse(keys.get(keys.size() - 1).getKeyId());
        this.signing = keys.stream().filter(k -> kid.equals(k.getKeyId())).findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "doorstep.auth.signing-key-id=" + kid + " is not in doorstep.auth.key-set"));
        if (prod) {
            for (RsaJsonWebKey key : keys) {
                String id = key.getKeyId().toLowerCase(Locale.ROOT);
                if (NOT_FOR_PRODUCTION.stream().anyMatch(id::startsWith)) {
                    throw new IllegalStateException("The key " + key.getKeyId()
                            + " is a development or test key and is refused in the prod profile;"
                            + " configure doorstep.auth.key-set with keys of your own");
                }
            }
        }
        JsonWebKeySet publicSet = new JsonWebKeySet();
        keys.forEach(publicSet::addJsonWebKey);
        this.publicJwks = publicSet.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY);
    }

    /** The public half of every configured key, as published at {@code /.well-known/jwks.json}. */
    public String publicJwks() {
        return publicJwks;
    }

    public String signingKeyId() {
        return signing.getKeyId();
    }

    public PrivateKey signingKey() {
        return signing.getRsaPrivateKey();
    }

    private static List<RsaJsonWebKey> load(String location) {
        String json;
        try {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length());
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalStateException("doorstep.auth.key-set: no resource " + resource);
                    }
                    json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
            } else {
                json = Files.readString(Path.of(location), StandardCharsets.UTF_8);
            }
            List<RsaJsonWebKey> rsa = new ArrayList<>();
            for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
                if (!(key instanceof RsaJsonWebKey r) || r.getRsaPrivateKey() == null || key.getKeyId() == null) {
                    throw new IllegalStateException(
                            "doorstep.auth.key-set: every key must be a private RSA key with a kid");
                }
                if (r.getRsaPublicKey().getModulus().bitLength() < 2048) {
                    throw new IllegalStateException("doorstep.auth.key-set: " + key.getKeyId() + " is shorter than 2048 bits");
                }
                rsa.add(r);
            }
            return rsa;
        } catch (IOException | JoseException e) {
            throw new IllegalStateException("doorstep.auth.key-set cannot be read from " + location, e);
        }
    }

    private static List<RsaJsonWebKey> ephemeral(boolean prod) {
        if (prod) {
            throw new IllegalStateException("No signing keys: set doorstep.auth.key-set (DOORSTEP_AUTH_KEY_SET) to a JWK set"
                    + " of private RSA keys and doorstep.auth.signing-key-id to the one that signs");
        }
        try {
            RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
            key.setKeyId("dev-ephemeral-" + UUID.randomUUID());
            key.setAlgorithm(AlgorithmIdentifiers.RSA_USING_SHA256);
            key.setUse("sig");
            LOG.warn("No doorstep.auth.key-set: signing with a key generated for this run only;"
                    + " tokens stop working at restart");
            return List.of(key);
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
