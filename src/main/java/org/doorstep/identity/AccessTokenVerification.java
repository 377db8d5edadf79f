package org.doorstep.identity;

import java.util.Set;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.doorstep.shared.security.Caller;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;

/**
 * How smallrye-jwt verifies access tokens: against our own keys (several during a rotation, chosen
 * by {@code kid}), with the algorithm pinned to RS256 whatever the token's header says, issuer and
 * audience checked, and the claims we rely on required. Keys are never fetched from a token's
 * {@code jku} or {@code x5u}.
 */
@ApplicationScoped
public class AccessTokenVerification {

    static final int CLOCK_SKEW_SECONDS = 30;

    @Produces
    @Alternative
    @Priority(1)
    @Singleton
    JWTAuthContextInfo contextInfo(SigningKeys keys, IdentityConfig config) {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        info.setPublicKeyContent(keys.publicJwks());
        info.setSignatureAlgorithm(Set.of(SignatureAlgorithm.RS256));
        info.setIssuedBy(config.issuer());
        info.setExpectedAudience(Set.of(config.audience()));
        info.setRequiredClaims(Set.of("sub", "jti", "iat", "exp", "groups", Caller.TOWN, Caller.SESSION));
        info.setClockSkew(CLOCK_SKEW_SECONDS);
        info.setMaxTimeToLiveSecs(config.accessTokenLifetime().toSeconds() + CLOCK_SKEW_SECONDS);
        info.setTokenSchemes(java.util.List.of("Bearer"));
        return info;
    }
}
