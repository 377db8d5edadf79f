package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

/** Sign-in failures are counted by username and source address, so that an attacker locks nobody else out. */
@QuarkusTest
@TestProfile(ForwardingProxyProfile.class)
class SignInThrottleTest {

    @Inject
    Fixtures fixtures;

    private static ValidatableResponse login(String from, String username, String password) {
        return given().header("X-Forwarded-For", from).contentType("application/json")
                .body(Map.of("username", username, "password", password)).when().post("/api/v1/auth/login").then();
    }

    private static String address() {
        return "10." + (int) (Math.random() * 250) + "." + (int) (Math.random() * 250) + "."
                + (1 + (int) (Math.random() * 250));
    }

    @Test
    void anAttackersFailuresDoNotLockTheRealUserOutFromAnotherAddress() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String attacker = address();
        for (int i = 0; i < 5; i++) {
            login(attacker, operator.username(), "guess " + i).statusCode(401);
        }
        login(attacker, operator.username(), Fixtures.PASSWORD).statusCode(429)
                .body("type", equalTo("urn:doorstep:problem:account-locked")).header("Retry-After", notNullValue());

        login(address(), operator.username(), Fixtures.PASSWORD).statusCode(200);
        // and the lockout was recorded in the operator's own town, with where it came from
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_IN_LOCKED'"
                + " AND target_id = ? AND town_id IS NOT NULL AND details->>'address' = ?", operator.id().toString(),
                attacker));
    }

    @Test
    void sprayingOneAddressOverManyUsernamesIsHeldOffAndLeavesNoPermanentRows() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String sprayer = address();
        long townless = fixtures.count("SELECT count(*) FROM audit_entry WHERE town_id IS NULL");
        for (int i = 0; i < ForwardingProxyProfile.ADDRESS_THRESHOLD; i++) {
            login(sprayer, "nobody" + Fixtures.randomLetters(8).toLowerCase(), "Password1").statusCode(401);
        }
        // from that address even a right password waits now; from elsewhere it does not
        login(sprayer, operator.username(), Fixtures.PASSWORD).statusCode(429).header("Retry-After", notNullValue());
        login(address(), operator.username(), Fixtures.PASSWORD).statusCode(200);
        // guesses at usernames nobody has are counted, not written into any town's permanent trail
        assertEquals(townless, fixtures.count("SELECT count(*) FROM audit_entry WHERE town_id IS NULL"));
    }

    @Test
    void behindATrustedProxyTheForwardedAddressIsTheOneCounted() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        for (int i = 0; i < 5; i++) {
            login("10.9.9.9", operator.username(), "guess " + i).statusCode(401);
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM login_throttle WHERE username_key = ?",
                operator.username() + " @10.9.9.9"));
    }

    @Inject
    TestClock clock;

    @Test
    void forgedLeftmostForwardedEntriesAreIgnored() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String seenByTheProxy = address();
        // the client writes whatever it likes to the left; the proxy appends the address it saw
        for (int i = 0; i < 5; i++) {
            login(address() + ", " + seenByTheProxy, operator.username(), "guess " + i).statusCode(401);
        }
        login("203.0.113.77, " + seenByTheProxy, operator.username(), Fixtures.PASSWORD).statusCode(429)
                .body("type", equalTo("urn:doorstep:problem:account-locked"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM login_throttle WHERE username_key = ?",
                operator.username() + " @" + seenByTheProxy));
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String prefix = "2001:db8:" + Integer.toHexString(1 + (int) (Math.random() * 60000)) + ":7:";
        for (int i = 1; i <= 5; i++) {
            login(prefix + Integer.toHexString(i) + ":0:0:" + i, operator.username(), "guess " + i).statusCode(401);
        }
        login("[" + prefix + "ab:cd:ef:12]:4711", operator.username(), Fixtures.PASSWORD).statusCode(429)
                .body("type", equalTo("urn:doorstep:problem:account-locked"));
        login(address(), operator.username(), Fixtures.PASSWORD).statusCode(200);
    }

    @Test
    void failuresFromEverChangingAddressesSlowTheAccountDownWithoutLockingItsOwnerOut() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String desk = address();
        login(desk, operator.username(), Fixtures.PASSWORD).statusCode(200);
        for (int i = 0; i < ForwardingProxyProfile.ACCOUNT_SLOWDOWN_AFTER; i++) {
            login(address(), operator.username(), "guess " + i).statusCode(401);
        }
        // from yet another address even the right password waits its turn, with how long to wait
        login(address(), operator.username(), Fixtures.PASSWORD).statusCode(429)
                .body("type", equalTo("urn:doorstep:problem:sign-in-slowed"))
                .header("Retry-After", notNullValue());
        try {
            // a slowdown, never a lock: after at most the maximum wait the owner is let in, and the count starts again
            clock.advance(java.time.Duration.ofSeconds(61));
            login(address(), operator.username(), Fixtures.PASSWORD).statusCode(200);
            login(address(), operator.username(), "one more typo").statusCode(401);
            login(address(), operator.username(), Fixtures.PASSWORD).statusCode(200);
        } finally {
            clock.reset();
        }
        // whoever keeps the account slowed, its owner at the desk they signed in from does not wait
        for (int i = 0; i < ForwardingProxyProfile.ACCOUNT_SLOWDOWN_AFTER; i++) {
            login(address(), operator.username(), "guess " + i).statusCode(401);
        }
        login(address(), operator.username(), "the next guess waits its turn").statusCode(429);
        login(desk, operator.username(), Fixtures.PASSWORD).statusCode(200);
    }

    @Test
    void oneAccountsSignInForgivesNoGuessesAtOthers() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff own = fixtures.staff(town, "operator");
        String sprayer = address();
        for (int i = 0; i < ForwardingProxyProfile.ADDRESS_THRESHOLD - 1; i++) {
            login(sprayer, "nobody" + Fixtures.randomLetters(8).toLowerCase(), "Password1").statusCode(401);
        }
        login(sprayer, own.username(), Fixtures.PASSWORD).statusCode(200);
        login(sprayer, "nobody" + Fixtures.randomLetters(8).toLowerCase(), "Password1").statusCode(401);
        login(sprayer, own.username(), Fixtures.PASSWORD).statusCode(429);
    }

    @Test
    void aSuccessfulSignInClearsItsAddresssCountSoAnOfficesTyposLockNobody() {
        TestTown town = fixtures.townLikeYongan();
        String office = address();
        for (int day = 0; day < 3; day++) {
            for (int i = 0; i < ForwardingProxyProfile.ADDRESS_THRESHOLD - 1; i++) {
                TestStaff clerk = fixtures.staff(town, "operator");
                login(office, clerk.username(), "typo").statusCode(401);
                login(office, clerk.username(), Fixtures.PASSWORD).statusCode(200);
            }
        }
        assertEquals(0, fixtures.count("SELECT failed_count FROM login_throttle WHERE username_key = ?", "@" + office));
    }
}
