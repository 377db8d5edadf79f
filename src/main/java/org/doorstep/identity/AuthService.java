package org.doorstep.identity;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.ProblemException;

/**
 * Sign-in on a console or a tablet, refresh, and sign-out. Refusals commit what they record (the
 * failure count, the lock, the audit entry, a revoked family) before the client hears of them.
 */
@ApplicationScoped
public class AuthService {

    private final StaffRepository staff;
    private final DeviceRepository devices;
    private final RefreshRepository refresh;
    private final LoginThrottleRepository throttles;
    private final PasswordHasher passwords;
    private final TokenIssuer issuer;
    private final Secrets secrets;
    private final Revoker revoker;
    private final AuditService audit;
    private final IdentityConfig config;
    private final Clock clock;

    public AuthService(StaffRepository staff, DeviceRepository devices, RefreshRepository refresh,
            LoginThrottleRepository throttles, PasswordHasher passwords, TokenIssuer issuer, Secrets secrets, Revoker revoker,
            AuditService audit, IdentityConfig config, Clock clock) {
        this.staff = staff;
        this.devices = devices;
        this.refresh = refresh;
        this.throttles = throttles;
        this.passwords = passwords;
        this.issuer = issuer;
        this.secrets = secrets;
        this.revoker = revoker;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    /** Console sign-in. Field agents are sent to their tablet. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair login(String username, String password) {
        Staff member = authenticate(username, password, null);
        if (member.onlyFieldAgent()) {
            throw IdentityProblems.tabletRequired();
        }
        audit.record(AuditEvent.of("SIGN_IN").town(member.townId()).actor(member.id(), member.username()));
        return startSession(member, null);
    }

    /** A field agent signs in on an enrolled, active tablet of their town. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair deviceLogin(UUID deviceId, String deviceSecret, String username, String password, String appVersion) {
        Instant now = clock.instant();
        Device device = devices.findByIdOptional(deviceId).orElse(null);
        if (device == null || device.status() != DeviceStatus.ACTIVE || device.secretHash() == null
                || !MessageDigest.isEqual(device.secretHash(), Secrets.sha256(deviceSecret))) {
            passwords.verifyNothing(password);
            audit.record(AuditEvent.of("DEVICE_SIGN_IN_REFUSED").town(device == null ? null : device.townId())
                    .target("device", deviceId).detail("username", username));
            throw IdentityProblems.invalidDevice();
        }
        Staff member = authenticate(username, password, device);
        if (!member.hasRole(org.doorstep.shared.security.Roles.FIELD_AGENT) || !member.townId().equals(device.townId())
                || member.teamId() == null) {
            audit.record(AuditEvent.of("DEVICE_SIGN_IN_REFUSED").town(device.townId()).actor(member.id(), member.username())
                    .device(device.id()).target("device", device.id()).detail("reason", "not a field agent of the town"));
            throw IdentityProblems.notForThisTablet();
        }
        device.seen(member.id(), appVersion, now);
        audit.record(AuditEvent.of("SIGN_IN").town(member.townId()).actor(member.id(), member.username())
                .device(device.id()));
        return startSession(member, device.id());
    }

    /**
     * Trades a refresh token for a new pair and spends it. A spent token presented again is taken
     * as stolen and its whole family is revoked, except when the same tablet retries within the
     * grace window and the new pair has not been used: then it gets that pair again.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair refresh(String presented, UUID deviceId) {
        Instant now = clock.instant();
        RefreshToken token = refresh.findByHash(Secrets.sha256(presented))
                .orElseThrow(IdentityProblems::invalidRefreshToken);
        RefreshFamily family = refresh.lockFamily(token.familyId());
        refresh.refreshState(token);
        if (!family.usable(now)) {
            throw IdentityProblems.invalidRefreshToken();
        }
        Staff member = staff.findByIdOptional(family.staffId()).orElseThrow(IdentityProblems::invalidRefreshToken);
        if (token.spent()) {
            Optional<TokenPair> retry = retryWithinGrace(token, family, member, presented, deviceId, now);
            if (retry.isPresent()) {
                return retry.get();
            }
            revoker.revoke(TokenRevocation.Kind.SESSION, family.id(), "refresh token reused", now);
            audit.record(AuditEvent.of("REFRESH_TOKEN_REUSED").town(member.townId()).actor(member.id(), member.username())
                    .device(family.deviceId()).target("session", family.id()));
            throw IdentityProblems.invalidRefreshToken();
        }
        if (token.expired(now) || !member.active()) {
            throw IdentityProblems.invalidRefreshToken();
        }
        if (family.deviceId() != null) {
            Device device = devices.findByIdOptional(family.deviceId()).orElseThrow(IdentityProblems::invalidRefreshToken);
            if (device.status() != DeviceStatus.ACTIVE) {
                throw IdentityProblems.invalidRefreshToken();
            }
            device.seen(member.id(), null, now);
        }
        String successorValue = secrets.successorOf(presented);
        RefreshToken successor = newToken(family, successorValue, now);
        token.spend(successor.id(), now);
        return pair(successor, successorValue, member, family, now);
    }

    /** Ends the caller's session: its refresh tokens and its access tokens stop working. */
    @Transactional
    public void logout(UUID staffId, String username, UUID townId, UUID sessionId, UUID deviceId) {
        revoker.revoke(TokenRevocation.Kind.SESSION, sessionId, "signed out", clock.instant());
        audit.record(AuditEvent.of("SIGN_OUT").town(townId).actor(staffId, username).device(deviceId)
                .target("session", sessionId));
    }

    private Optional<TokenPair> retryWithinGrace(RefreshToken token, RefreshFamily family, Staff member, String presented,
            UUID deviceId, Instant now) {
        if (family.deviceId() == null || !family.deviceId().equals(deviceId)
                || !token.spentWithin(config.refreshReuseGrace(), now) || token.successorId() == null) {
            return Optional.empty();
        }
        RefreshToken successor = refresh.find(token.successorId()).orElse(null);
        if (successor == null || successor.spent()) {
            return Optional.empty();
        }
        return Optional.of(pair(successor, secrets.successorOf(presented), member, family, now));
    }

    private Staff authenticate(String username, String password, Device device) {
        Instant now = clock.instant();
        String key = username.trim().toLowerCase(Locale.ROOT);
        LoginThrottle throttle = throttles.lockFor(key);
        if (throttle.locked(now)) {
            passwords.verifyNothing(password);
            throw IdentityProblems.locked(throttle.remaining(now));
        }
        Staff member = staff.findByUsername(key).orElse(null);
        boolean ok;
        if (member == null) {
            passwords.verifyNothing(password);
            ok = false;
        } else {
            ok = passwords.verify(password, member.passwordHash()) && member.active();
        }
        if (!ok) {
            boolean lockedNow = throttle.fail(config.lockoutThreshold(), config.lockoutDuration(), now);
            UUID town = member == null ? (device == null ? null : device.townId()) : member.townId();
            AuditEvent failure = AuditEvent.of("SIGN_IN_FAILED").town(town).device(device == null ? null : device.id())
                    .target("username", key).detail("failures", throttle.failedCount());
            audit.record(member == null ? failure : failure.actor(member.id(), member.username()));
            if (lockedNow) {
                audit.record(AuditEvent.of("SIGN_IN_LOCKED").town(town).target("username", key)
                        .detail("lockedForSeconds", config.lockoutDuration().toSeconds()));
            }
            throw IdentityProblems.invalidCredentials();
        }
        throttles.clear(key);
        if (passwords.needsRehash(member.passwordHash())) {
            member.changePassword(passwords.hash(password), now);
        }
        return member;
    }

    private TokenPair startSession(Staff member, UUID deviceId) {
        Instant now = clock.instant();
        RefreshFamily family = new RefreshFamily(member.id(), deviceId, now, now.plus(config.refreshFamilyLifetime()));
        refresh.persist(family);
        String value = secrets.newRefreshToken();
        RefreshToken token = newToken(family, value, now);
        return pair(token, value, member, family, now);
    }

    private RefreshToken newToken(RefreshFamily family, String value, Instant now) {
        Instant expires = now.plus(config.refreshTokenLifetime());
        if (expires.isAfter(family.expiresAt())) {
            expires = family.expiresAt();
        }
        RefreshToken token = new RefreshToken(family.id(), Secrets.sha256(value), now, expires,
                now.plus(config.accessTokenLifetime()));
        refresh.persist(token);
        return token;
    }

    private TokenPair pair(RefreshToken token, String value, Staff member, RefreshFamily family, Instant now) {
        String access = issuer.sign(new TokenIssuer.AccessClaims(token.accessJti(), member.id(), member.username(),
                member.roles(), member.townId(), member.teamId(), family.deviceId(), family.id(), token.accessIssuedAt(),
                token.accessExpiresAt()));
        long expiresIn = Math.max(0, token.accessExpiresAt().getEpochSecond() - now.getEpochSecond());
        return new TokenPair(access, value, expiresIn, "Bearer");
    }
}
