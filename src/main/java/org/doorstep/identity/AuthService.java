package org.doorstep.identity;

import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Roles;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sign-in on a console or a tablet, refresh, and sign-out. Refusals commit what they record (the
 * failure count, the lock, the audit entry, a revoked family) before the client hears of them.
 */
@ApplicationScoped
public class AuthService {

    private static final Logger LOG = Logger.getLogger(AuthService.class);

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
    private final Counter refusedUnattributed;

    public AuthService(StaffRepository staff, DeviceRepository devices, RefreshRepository refresh,
            LoginThrottleRepository throttles, PasswordHasher passwords, TokenIssuer issuer, Secrets secrets, Revoker revoker,
            AuditService audit, IdentityConfig config, Clock clock, MeterRegistry meters) {
        this.refusedUnattributed = Counter.builder("doorstep.auth.refused.unattributed")
                .description("Sign-ins refused for a username or tablet that nobody has (counted, not audited)")
                .register(meters);
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

    /**
     * Console sign-in. A field agent's account is refused exactly as a wrong password is (the answer says
     * that field agents sign in on their tablet), so that the console does not tell whether a field
     * agent's password is right; a right one is not counted as a failure.
     */
    public TokenPair login(String username, String password, String address) {
        Verified verified = authenticate(username, password, null, address);
        return QuarkusTransaction.requiringNew().call(() -> {
            Staff member = confirm(verified);
            if (member.onlyFieldAgent()) {
                throw IdentityProblems.invalidCredentials();
            }
            audit.record(AuditEvent.of(AuditAction.SIGN_IN).town(member.townId()).actor(member.id(), member.username()));
            return startSession(member, null);
        });
    }

    /** A field agent signs in on an enrolled, active tablet of their town. */
    public TokenPair deviceLogin(UUID deviceId, String deviceSecret, String username, String password, String appVersion,
            String address) {
        Device known = QuarkusTransaction.requiringNew().call(() -> devices.findByIdOptional(deviceId)
                .filter(d -> d.status() == DeviceStatus.ACTIVE && d.secretHash() != null
                        && MessageDigest.isEqual(d.secretHash(), Secrets.sha256(deviceSecret)))
                .orElse(null));
        if (known == null) {
            // Audited in the tablet's town when the tablet exists (a wrong secret); an unknown one is only
            // counted, so that anyone's guesses cannot fill the permanent trail.
            QuarkusTransaction.requiringNew().run(() -> devices.findByIdOptional(deviceId).ifPresentOrElse(
                    d -> audit.record(AuditEvent.of(AuditAction.DEVICE_SIGN_IN_REFUSED).town(d.townId())
                            .target("device", deviceId).detail("address", address)),
                    () -> refusedUnattributed.increment()));
            throw IdentityProblems.invalidDevice();
        }
        Verified verified = authenticate(username, password, known, address);
        return QuarkusTransaction.requiringNew().call(() -> {
            Staff member = confirm(verified);
            Device device = devices.findByIdOptional(deviceId, LockModeType.PESSIMISTIC_WRITE)
                    .filter(d -> d.status() == DeviceStatus.ACTIVE).orElseThrow(IdentityProblems::invalidDevice);
            if (!member.hasRole(Roles.FIELD_AGENT) || !member.townId().equals(device.townId()) || member.teamId() == null) {
                throw IdentityProblems.notForThisTablet();
            }
            device.seen(member.id(), appVersion, clock.instant());
            audit.record(AuditEvent.of(AuditAction.SIGN_IN).town(member.townId()).actor(member.id(), member.username())
                    .device(device.id()));
            return startSession(member, device.id());
        });
    }

    /**
     * Trades a refresh token for a new pair and spends it. A spent token presented again is taken
     * as stolen and its whole family is revoked, except when the tablet retries within the grace
     * window, proving itself with its id and secret, and the new pair has not been used: then it
     * gets that pair again.
     */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair refresh(String presented, UUID deviceId, String deviceSecret) {
        return refresh(presented, deviceId, deviceSecret, false);
    }

    /** A console's refresh, from its cookie: a tablet's refresh token is never taken here. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public TokenPair refreshConsole(String presented) {
        return refresh(presented, null, null, true);
    }

    private TokenPair refresh(String presented, UUID deviceId, String deviceSecret, boolean consoleOnly) {
        Instant now = clock.instant();
        RefreshToken token = refresh.findByHash(Secrets.sha256(presented))
                .orElseThrow(IdentityProblems::invalidRefreshToken);
        // Locks in one order everywhere (staff, tablet, family), so that a revocation and a refresh
        // of the same family wait for each other instead of deadlocking or passing each other. The
        // tablet is locked for update at once, because its last-seen time is written.
        UUID staffId = refresh.staffOf(token.familyId());
        Staff member = staff.findByIdOptional(staffId, LockModeType.PESSIMISTIC_READ)
                .orElseThrow(IdentityProblems::invalidRefreshToken);
        UUID familyDevice = refresh.deviceOf(token.familyId());
        if (consoleOnly && familyDevice != null) {
            throw IdentityProblems.invalidRefreshToken();
        }
        Device device = familyDevice == null ? null
                : devices.findByIdOptional(familyDevice, LockModeType.PESSIMISTIC_WRITE)
                        .orElseThrow(IdentityProblems::invalidRefreshToken);
        RefreshFamily family = refresh.lockFamily(token.familyId());
        refresh.refreshState(token);
        if (!family.usable(now)) {
            throw IdentityProblems.invalidRefreshToken();
        }
        if (token.spent()) {
            Optional<TokenPair> retry = retryWithinGrace(token, family, device, member, presented, deviceId, deviceSecret,
                    now);
            if (retry.isPresent()) {
                return retry.get();
            }
            revoker.revoke(TokenRevocation.Kind.SESSION, family.id(), "refresh token reused", now);
            audit.record(
                    AuditEvent.of(AuditAction.REFRESH_TOKEN_REUSED).town(member.townId()).actor(member.id(), member.username())
                            .device(family.deviceId()).target("session", family.id()));
            throw IdentityProblems.invalidRefreshToken();
        }
        if (token.expired(now) || !member.active() || (device != null && device.status() != DeviceStatus.ACTIVE)) {
            throw IdentityProblems.invalidRefreshToken();
        }
        if (device != null && !proves(device, deviceId, deviceSecret)) {
            // A tablet's session is refreshed by that tablet only: its token alone, taken off it, is refused
            // (and not spent, so the tablet goes on); a spent one was taken as theft above.
            audit.record(AuditEvent.of(AuditAction.REFRESH_WITHOUT_TABLET).town(member.townId())
                    .actor(member.id(), member.username())
                    .device(device.id()).target("session", family.id()));
            throw IdentityProblems.invalidDevice();
        }
        if (device != null) {
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
        audit.record(AuditEvent.of(AuditAction.SIGN_OUT).town(townId).actor(staffId, username).device(deviceId)
                .target("session", sessionId));
    }

    /**
     * Ends the session a console's refresh token belongs to, as {@link #logout} does for a bearer
     * token: the console may have no live access token when its operator signs out. An unknown or
     * spent token ends nothing and is not an error: the browser forgets its cookie either way.
     */
    @Transactional
    public void logout(String presentedRefreshToken) {
        refresh.findByHash(Secrets.sha256(presentedRefreshToken)).filter(t -> !t.spent()).ifPresent(token -> {
            UUID staffId = refresh.staffOf(token.familyId());
            staff.findByIdOptional(staffId).ifPresent(member -> logout(member.id(), member.username(), member.townId(),
                    token.familyId(), refresh.deviceOf(token.familyId())));
        });
    }

    private Optional<TokenPair> retryWithinGrace(RefreshToken token, RefreshFamily family, Device device, Staff member,
            String presented, UUID deviceId, String deviceSecret, Instant now) {
        if (device == null || !proves(device, deviceId, deviceSecret) || !token.spentWithin(config.refreshReuseGrace(), now)
                || token.successorId() == null) {
            return Optional.empty();
        }
        RefreshToken successor = refresh.find(token.successorId()).orElse(null);
        if (successor == null || successor.spent()) {
            return Optional.empty();
        }
        return Optional.of(pair(successor, secrets.successorOf(presented), member, family, now));
    }

    /** Whether the id and secret sent are those of the tablet. */
    private static boolean proves(Device device, UUID deviceId, String deviceSecret) {
        return device.id().equals(deviceId) && deviceSecret != null && device.secretHash() != null
                && MessageDigest.isEqual(device.secretHash(), Secrets.sha256(deviceSecret));
    }

    /** What a password check established, outside any transaction. */
    private record Verified(UUID staffId, String passwordHash, Keys keys) {
    }

    /**
     * Checks a username and password. The expensive hash runs with no transaction open and no row
     * locked; the failure count is kept in short transactions of its own, so a refusal is recorded
     * even though the client is answered with an error.
     */
    private Verified authenticate(String username, String password, Device device, String address) {
        Instant now = clock.instant();
        String name = username.strip().toLowerCase(Locale.ROOT);
        Keys keys = Keys.of(name, address);
        Duration locked = QuarkusTransaction.requiringNew().call(() -> {
            Duration forName = throttles.peek(keys.name()).filter(t -> t.locked(now)).map(t -> t.remaining(now))
                    .orElse(Duration.ZERO);
            Duration forAddress = throttles.peek(keys.address()).filter(t -> t.locked(now)).map(t -> t.remaining(now))
                    .orElse(Duration.ZERO);
            Duration longer = forName.compareTo(forAddress) >= 0 ? forName : forAddress;
            return longer.isZero() ? null : longer;
        });
        if (locked != null) {
            QuarkusTransaction.requiringNew().run(() -> staff.findByUsername(name).ifPresentOrElse(
                    member -> audit.record(AuditEvent.of(AuditAction.SIGN_IN_WHILE_LOCKED).town(member.townId())
                            .target("staff", member.id()).detail("address", address)),
                    () -> refusedUnattributed.increment()));
            throw IdentityProblems.locked(locked);
        }
        // the account's own tablet (its secret proven) and addresses it signed in from lately skip the queue, so
        // that nobody holding the turn with guesses keeps the owner out
        Duration slowed = device != null ? Duration.ZERO
                : QuarkusTransaction.requiringNew().call(() -> throttles.known(keys.known(), now) ? Duration.ZERO
                        : accountTurn(keys.account(), now));
        if (!slowed.isZero()) {
            throw IdentityProblems.slowed(slowed);
        }
        Staff found = QuarkusTransaction.requiringNew().call(() -> staff.findByUsername(name).orElse(null));
        boolean ok;
        if (found == null) {
            passwords.verifyNothing(password);
            ok = false;
        } else {
            ok = passwords.verify(password, found.passwordHash()) && found.active();
        }
        if (!ok) {
            QuarkusTransaction.requiringNew().run(() -> recordFailure(keys, found, device, address, clock.instant()));
            throw IdentityProblems.invalidCredentials();
        }
        if (passwords.needsRehash(found.passwordHash())) {
            String rehashed = passwords.hash(password);
            QuarkusTransaction.requiringNew().run(() -> staff.findByIdOptional(found.id())
                    .filter(s -> found.passwordHash().equals(s.passwordHash()))
                    .ifPresent(s -> s.changePassword(rehashed, clock.instant())));
            return new Verified(found.id(), rehashed, keys);
        }
        return new Verified(found.id(), found.passwordHash(), keys);
    }

    /**
     * Whether the username's attempts are slowed down, and if not, takes this attempt's turn: attempts on a slowed
     * account wait for each other, even when sent at once from many addresses. Nothing is written for an account
     * that is not slowed.
     */
    private Duration accountTurn(String key, Instant now) {
        if (throttles.peek(key).filter(t -> t.slowed(config.accountSlowdownAfter())).isEmpty()) {
            return Duration.ZERO;
        }
        LoginThrottle account = throttles.lockFor(key);
        Duration left = account.slowdownLeft(config.accountSlowdownAfter(), config.accountSlowdownBase(),
                config.accountSlowdownMax(), now);
        if (left.isZero()) {
            account.takeTurn(now);
        }
        return left;
    }

    /**
     * What sign-in failures are counted under: a username from one address (so an attacker's failures lock
     * that username for the attacker only, not for its owner elsewhere), the address across all usernames
     * (so spraying a password over many accounts is slowed too), and the username from anywhere (which only
     * slows its attempts down, so that changing addresses gains nothing); and where the account last signed in.
     * Rows are kept in {@code login_throttle}. A name's key always ends in its address, so the others are made so
     * that no typed username can stand for them: the account's has no address, and the known address's ends in
     * {@link LoginThrottleRepository#KNOWN_END}.
     */
    record Keys(String name, String address, String account, String known) {

        static Keys of(String username, String address) {
            String account = java.util.HexFormat.of().formatHex(Secrets.sha256(username));
            return new Keys(username + " @" + address, "@" + address, "account:" + account,
                    LoginThrottleRepository.KNOWN + account + " @" + address + LoginThrottleRepository.KNOWN_END);
        }
    }

    /**
     * Re-reads the account under a shared lock, so that a password change, a deactivation or a
     * role change made meanwhile either waits for this sign-in (and then revokes it) or wins.
     */
    private Staff confirm(Verified verified) {
        Staff member = staff.findByIdOptional(verified.staffId(), LockModeType.PESSIMISTIC_READ)
                .filter(s -> s.active() && verified.passwordHash().equals(s.passwordHash()))
                .orElseThrow(IdentityProblems::invalidCredentials);
        // the owner is back: their own typos from here are forgiven (to the address too, so a day of typos in one
        // office locks nobody), the account's slowdown ends, and this address counts as theirs for a while
        Keys keys = verified.keys();
        int typos = throttles.peek(keys.name()).map(LoginThrottle::failedCount).orElse(0);
        throttles.reset(keys.name());
        throttles.forgive(keys.address(), typos);
        throttles.reset(keys.account());
        throttles.remember(keys.known(), clock.instant());
        return member;
    }

    /**
     * Counts a failure under both keys. A failure for an account is audited in the account's town; one for a
     * username nobody has is only counted (the throttle's row, forgotten after a day, and a metric), so that
     * unauthenticated guessing cannot write permanent rows, nor show in any town's trail.
     */
    private void recordFailure(Keys keys, Staff member, Device device, String address, Instant now) {
        LoginThrottle forName = throttles.lockFor(keys.name());
        boolean nameLockedNow = forName.fail(config.lockoutThreshold(), config.lockoutDuration(), now);
        LoginThrottle forAddress = throttles.lockFor(keys.address());
        boolean addressLockedNow = forAddress.fail(config.addressLockoutThreshold(), config.lockoutDuration(), now);
        throttles.lockFor(keys.account()).count(now);
        if (addressLockedNow) {
            LOG.warnf("Sign-ins from %s held off for %s after %d failures", address, config.lockoutDuration(),
                    forAddress.failedCount());
        }
        if (member == null) {
            refusedUnattributed.increment();
            return;
        }
        audit.record(AuditEvent.of(AuditAction.SIGN_IN_FAILED).town(member.townId()).actor(member.id(), member.username())
                .device(device == null ? null : device.id()).target("staff", member.id())
                .detail("failures", forName.failedCount()).detail("address", address));
        if (nameLockedNow) {
            audit.record(AuditEvent.of(AuditAction.SIGN_IN_LOCKED).town(member.townId()).target("staff", member.id())
                    .detail("address", address).detail("lockedForSeconds", config.lockoutDuration().toSeconds()));
        }
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
