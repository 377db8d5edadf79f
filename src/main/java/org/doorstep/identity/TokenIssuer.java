package org.doorstep.identity;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.security.Caller;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;

/**
 * Mints access tokens: RS256 JWTs with a {@code kid} and {@code typ: at+jwt}. RSASSA-PKCS1-v1_5 is
 * deterministic, so the same claims give the same token again, which a refresh retried within the
 * grace window relies on.
 */
@ApplicationScoped
public class TokenIssuer {

    public static final String ACCESS_TOKEN_TYPE = "at+jwt";

    private final SigningKeys keys;
    private final IdentityConfig config;

    public TokenIssuer(SigningKeys keys, IdentityConfig config) {
        this.keys = keys;
        this.config = config;
    }

    /** The claims of one access token; {@code team} and {@code device} may be null. */
    public record AccessClaims(UUID jti, UUID staffId, String username, List<String> roles, UUID townId, UUID teamId,
            UUID deviceId, UUID sessionId, Instant issuedAt, Instant expiresAt) {
    }

    public String sign(AccessClaims claims) {
        JwtClaimsBuilder builder = Jwt.claims()
                .issuer(config.issuer())
                .audience(config.audience())
                .subject(claims.staffId().toString())
                .upn(claims.username())
                .groups(new java.util.TreeSet<>(claims.roles()))
                .claim(Caller.TOWN, claims.townId().toString())
                .claim(Caller.SESSION, claims.sessionId().toString())
                .claim("jti", claims.jti().toString())
                .issuedAt(claims.issuedAt().getEpochSecond())
                .claim(Caller.ISSUED_MILLIS, claims.issuedAt().toEpochMilli())
                .expiresAt(claims.expiresAt().getEpochSecond());
        if (claims.teamId() != null) {
            builder.claim(Caller.TEAM, claims.teamId().toString());
        }
        if (claims.deviceId() != null) {
            builder.claim(Caller.DEVICE, claims.deviceId().toString());
        }
        return builder.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(keys.signingKeyId())
                .header("typ", ACCESS_TOKEN_TYPE)
                .sign(keys.signingKey());
    }
}
