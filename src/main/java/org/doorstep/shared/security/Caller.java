package org.doorstep.shared.security;

import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who is calling, read from the verified access token: the staff member, their town (which scopes
 * every query), their team and the tablet they use, if any.
 */
@RequestScoped
public class Caller {

    public static final String TOWN = "town";
    public static final String TEAM = "team";
    public static final String DEVICE = "did";
    public static final String SESSION = "sid";
    /**
     * When the token was issued, in milliseconds: {@code iat} has whole seconds only, and a revocation must
     * not also refuse a sign-in made after it within the same second.
     */
    public static final String ISSUED_MILLIS = "iat_ms";

    private final JsonWebToken token;

    public Caller(JsonWebToken token) {
        this.token = token;
    }

    public UUID staffId() {
        return UUID.fromString(token.getSubject());
    }

    public String username() {
        return token.getName();
    }

    public UUID townId() {
        return uuidClaim(TOWN).orElseThrow(() -> new IllegalStateException("token without town"));
    }

    public Optional<UUID> teamId() {
        return uuidClaim(TEAM);
    }

    public Optional<UUID> deviceId() {
        return uuidClaim(DEVICE);
    }

    public Optional<UUID> sessionId() {
        return uuidClaim(SESSION);
    }

    public Set<String> roles() {
        return token.getGroups();
    }

    private Optional<UUID> uuidClaim(String name) {
        Object value = token.getClaim(name);
        if (value == null) {
            return Optional.empty();
        }
        String text = value instanceof jakarta.json.JsonString s ? s.getString() : value.toString();
        return text.isBlank() ? Optional.empty() : Optional.of(UUID.fromString(text));
    }
}
