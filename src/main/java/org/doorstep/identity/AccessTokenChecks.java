package org.doorstep.identity;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.json.JsonUtil;
import org.jose4j.lang.JoseException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.smallrye.mutiny.Uni;

/**
 * What smallrye-jwt does not check on a verified token: that it is an access token
 * ({@code typ: at+jwt}), that it was not issued in the future, and that its tablet, its staff member
 * or its session has not been revoked since it was issued. All in memory.
 */
@ApplicationScoped
public class AccessTokenChecks implements SecurityIdentityAugmentor {

    private final RevocationRegistry revocations;
    private final Clock clock;

    public AccessTokenChecks(RevocationRegistry revocations, Clock clock) {
        this.revocations = revocations;
        this.clock = clock;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous() || !(identity.getPrincipal() instanceof JsonWebToken token)) {
            return Uni.createFrom().item(identity);
        }
        String refusal = refusal(token);
        if (refusal != null) {
            return Uni.createFrom().failure(new AuthenticationFailedException(refusal));
        }
        return Uni.createFrom().item(identity);
    }

    private String refusal(JsonWebToken token) {
        if (!TokenIssuer.ACCESS_TOKEN_TYPE.equals(headerType(token.getRawToken()))) {
            return "not an access token";
        }
        if (uuid(token.getSubject()) == null || uuid(claim(token, Caller.TOWN)) == null
                || uuid(claim(token, Caller.SESSION)) == null || malformed(claim(token, Caller.DEVICE))
                || malformed(claim(token, Caller.TEAM))) {
            return "malformed claims";
        }
        Instant issuedAt = issuedAt(token);
        if (issuedAt == null) {
            return "malformed claims";
        }
        if (issuedAt.isAfter(clock.instant().plusSeconds(AccessTokenVerification.CLOCK_SKEW_SECONDS))) {
            return "issued in the future";
        }
        if (!revocations.ready()) {
            return "revocations not loaded";
        }
        if (revocations.revoked(TokenRevocation.Kind.STAFF, uuid(token.getSubject()), issuedAt)
                || revocations.revoked(TokenRevocation.Kind.SESSION, uuid(claim(token, Caller.SESSION)), issuedAt)
                || revocations.revoked(TokenRevocation.Kind.DEVICE, uuid(claim(token, Caller.DEVICE)), issuedAt)) {
            return "revoked";
        }
        return null;
    }

    /** The precise issue time ({@code iat_ms}, within {@code iat}'s second), or {@code iat} alone for older tokens. */
    private static Instant issuedAt(JsonWebToken token) {
        Instant seconds = Instant.ofEpochSecond(token.getIssuedAtTime());
        Object millis = token.getClaim(Caller.ISSUED_MILLIS);
        if (millis == null) {
            return seconds;
        }
        if (!(millis instanceof Number) && !(millis instanceof jakarta.json.JsonNumber)) {
            return null;
        }
        long value = millis instanceof jakarta.json.JsonNumber n ? n.longValue() : ((Number) millis).longValue();
        Instant precise = Instant.ofEpochMilli(value);
        return precise.getEpochSecond() == seconds.getEpochSecond() ? precise : null;
    }

    private static String headerType(String raw) {
        int dot = raw == null ? -1 : raw.indexOf('.');
        if (dot <= 0) {
            return null;
        }
        try {
            Map<String, Object> header = JsonUtil
                    .parseJson(new String(Base64.getUrlDecoder().decode(raw.substring(0, dot)), StandardCharsets.UTF_8));
            Object typ = header.get("typ");
            return typ == null ? null : typ.toString();
        } catch (JoseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static String claim(JsonWebToken token, String name) {
        Object value = token.getClaim(name);
        if (value instanceof jakarta.json.JsonString s) {
            return s.getString();
        }
        return value == null ? null : value.toString();
    }

    /** An optional claim that is present but not a UUID. */
    private static boolean malformed(String value) {
        return value != null && uuid(value) == null;
    }

    private static UUID uuid(String value) {
        try {
            return value == null ? null : UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
