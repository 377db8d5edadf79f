package org.doorstep.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import java.util.UUID;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints access tokens with the test-only signing keys, for tests that are not about signing in. The
 * claims are those the application issues; {@link Claims} lets a test change any of them.
 */
public final class Tokens {

    public static final String ISSUER = "https://doorstep.local";
    public static final String AUDIENCE = "doorstep-api";

    private Tokens() {
    }

    public static final class Claims {
        public UUID staffId = UUID.randomUUID();
        public String username = "someone";
        public List<String> roles = List.of("operator");
        public UUID townId;
        public UUID teamId;
        public UUID deviceId;
        public UUID sessionId = UUID.randomUUID();
        public String issuer = ISSUER;
        public String audience = AUDIENCE;
        public Instant issuedAt = Instant.now();
        public Instant expiresAt = Instant.now().plusSeconds(900);
        public Instant notBefore;
        public String type = "at+jwt";
        public String keyFile = "jwt/test-only-keys-a.jwks.json";
        public String keyId = "test-only-key-a";
        /** A kid to put in the header instead of the signing key's own. */
        public String forgedKeyId;
        /** A jku header pointing somewhere else. */
        public String jku;
    }

    public static String sign(Claims c) {
        JwtClaimsBuilder builder = Jwt.claims()
                .issuer(c.issuer)
                .audience(c.audience)
                .subject(c.staffId.toString())
                .upn(c.username)
                .groups(new TreeSet<>(c.roles))
                .claim("town", c.townId.toString())
                .claim("sid", c.sessionId.toString())
                .claim("jti", UUID.randomUUID().toString())
                .issuedAt(c.issuedAt.getEpochSecond())
                .expiresAt(c.expiresAt.getEpochSecond());
        if (c.teamId != null) {
            builder.claim("team", c.teamId.toString());
        }
        if (c.deviceId != null) {
            builder.claim("did", c.deviceId.toString());
        }
        if (c.notBefore != null) {
            builder.claim("nbf", c.notBefore.getEpochSecond());
        }
        io.smallrye.jwt.build.JwtSignatureBuilder jws = builder.jws().algorithm(SignatureAlgorithm.RS256)
                .keyId(c.forgedKeyId != null ? c.forgedKeyId : c.keyId).header("typ", c.type);
        if (c.jku != null) {
            jws.header("jku", c.jku);
        }
        return jws.sign(privateKey(c.keyFile, c.keyId));
    }

    public static PrivateKey privateKey(String file, String kid) {
        try (InputStream in = Tokens.class.getClassLoader().getResourceAsStream(file)) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            for (JsonWebKey key : new JsonWebKeySet(json).getJsonWebKeys()) {
                if (kid.equals(key.getKeyId())) {
                    return ((RsaJsonWebKey) key).getRsaPrivateKey();
                }
            }
            throw new IllegalArgumentException("no key " + kid + " in " + file);
        } catch (IOException | JoseException e) {
            throw new IllegalStateException(e);
        }
    }
}
