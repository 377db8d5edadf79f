package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class RefreshTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Devices devices;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static ValidatableResponse refresh(String token, UUID deviceId) {
        return refresh(token, deviceId, null);
    }

    /** As a tablet refreshes: with its id and secret. */
    static ValidatableResponse refresh(Devices.SignedIn tablet, String token) {
        return refresh(token, tablet.deviceId(), tablet.secret());
    }

    static ValidatableResponse refresh(String token, UUID deviceId, String deviceSecret) {
        Map<String, Object> body = new HashMap<>();
        body.put("refreshToken", token);
        if (deviceId != null) {
            body.put("deviceId", deviceId.toString());
        }
        if (deviceSecret != null) {
            body.put("deviceSecret", deviceSecret);
        }
        return given().contentType("application/json").body(body).when().post("/api/v1/auth/refresh").then();
    }

    private static void works(String access) {
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(200);
    }

    private static void dead(String access) {
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(401);
    }

    @Test
    void aRefreshTokenGivesANewPairAndIsSpent() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        ValidatableResponse first = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200);
        String refresh1 = first.extract().path("refreshToken");

        ValidatableResponse second = refresh(refresh1, null).statusCode(200).body("tokenType", equalTo("Bearer"));
        String refresh2 = second.extract().path("refreshToken");
        assertNotEquals(refresh1, refresh2);
        works(second.extract().path("accessToken"));
        refresh(refresh2, null).statusCode(200);
    }

    @Test
    void reusingASpentTokenRevokesTheWholeFamily() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String refresh1 = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200).extract()
                .path("refreshToken");
        ValidatableResponse second = refresh(refresh1, null).statusCode(200);
        String refresh2 = second.extract().path("refreshToken");
        String access2 = second.extract().path("accessToken");

        refresh(refresh1, null).statusCode(401).body("type", equalTo("urn:doorstep:problem:invalid-refresh-token"));

        refresh(refresh2, null).statusCode(401);
        dead(access2);
        assertEquals(1,
                fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'REFRESH_TOKEN_REUSED' AND actor_id = ?",
                        operator.id()));
    }

    @Test
    void anUnknownRefreshTokenIsRefused() {
        refresh("rt_" + "x".repeat(43), null).statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:invalid-refresh-token"));
    }

    @Test
    void aRetryFromTheSameTabletWithinTheGraceWindowGetsTheSamePair() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        ValidatableResponse first = refresh(tablet, tablet.refreshToken()).statusCode(200);
        String access = first.extract().path("accessToken");
        String refresh = first.extract().path("refreshToken");

        clock.advance(Duration.ofSeconds(20));
        ValidatableResponse retry = refresh(tablet, tablet.refreshToken()).statusCode(200);

        assertEquals(access, retry.extract().path("accessToken"));
        assertEquals(refresh, retry.extract().path("refreshToken"));
        works(access);
        refresh(tablet, refresh).statusCode(200);
    }

    @Test
    void aRetryAfterTheGraceWindowIsTakenAsTheft() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        ValidatableResponse first = refresh(tablet, tablet.refreshToken()).statusCode(200);
        String newer = first.extract().path("refreshToken");

        clock.advance(Duration.ofSeconds(31));
        refresh(tablet, tablet.refreshToken()).statusCode(401);

        refresh(tablet, newer).statusCode(401);
    }

    @Test
    void aTabletsRefreshTokenAloneDoesNotRefreshOffTheTablet() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        refresh(tablet.refreshToken(), null).statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-device-credentials"));
        refresh(tablet.refreshToken(), tablet.deviceId(), "ds_guess").statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-device-credentials"));
        // refused, not spent: the tablet itself goes on, keeping its session and its device
        refresh(tablet, tablet.refreshToken()).statusCode(200);
    }

    @Test
    void aRetryWithoutTheTabletsIdIsTakenAsTheft() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        String newer = refresh(tablet, tablet.refreshToken()).statusCode(200).extract().path("refreshToken");

        refresh(tablet.refreshToken(), null).statusCode(401);
        refresh(tablet, newer).statusCode(401);
    }

    @Test
    void aRetryWithTheTabletsIdButNotItsSecretIsTakenAsTheft() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        String newer = refresh(tablet, tablet.refreshToken()).statusCode(200).extract().path("refreshToken");

        // The tablet's id is no secret (it is in every token the tablet holds); a thief knows it.
        refresh(tablet.refreshToken(), tablet.deviceId(), "ds_guess").statusCode(401);
        refresh(tablet, newer).statusCode(401);
    }

    @Test
    void concurrentRefreshesOfOneTokenNeverFailWithA500() throws Exception {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(6);
        try {
            java.util.List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(pool.submit(() -> refresh(tablet, tablet.refreshToken()).extract().statusCode()));
            }
            java.util.Set<Integer> statuses = new java.util.HashSet<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            // Each is either the new pair (or its replay within the grace window): never an error of ours.
            assertEquals(java.util.Set.of(200), statuses);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetryAfterTheNewPairWasUsedIsTakenAsTheft() {
        Devices.SignedIn tablet = devices.signedInAgent(fixtures.townLikeYongan());
        String newer = refresh(tablet, tablet.refreshToken()).statusCode(200).extract().path("refreshToken");
        String newest = refresh(tablet, newer).statusCode(200).extract().path("refreshToken");

        refresh(tablet, tablet.refreshToken()).statusCode(401);
        refresh(tablet, newest).statusCode(401);
    }

    @Test
    void aFamilyEndsAtItsAbsoluteLifetime() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String token = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200).extract().path("refreshToken");
        fixtures.update("UPDATE refresh_family SET created_at = now() - interval '91 days',"
                + " expires_at = now() - interval '1 second' WHERE staff_id = ?", operator.id());
        refresh(token, null).statusCode(401);
    }

    @Test
    void signingOutEndsTheSessionAtOnce() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        ValidatableResponse pair = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200);
        String access = pair.extract().path("accessToken");

        given().header("Authorization", "Bearer " + access).when().post("/api/v1/auth/logout").then().statusCode(204);

        dead(access);
        refresh(pair.extract().<String> path("refreshToken"), (UUID) null).statusCode(401);
    }
}
