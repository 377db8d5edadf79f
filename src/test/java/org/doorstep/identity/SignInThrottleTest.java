package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
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
}
