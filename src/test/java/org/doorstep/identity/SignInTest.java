package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class SignInTest {

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    static ValidatableResponse login(String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password))
                .when().post("/api/v1/auth/login").then();
    }

    @Test
    void staffSignInAndGetATokenPair() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");

        String access = login(operator.username(), Fixtures.PASSWORD)
                .statusCode(200)
                .body("tokenType", equalTo("Bearer"))
                .body("expiresIn", greaterThan(800))
                .body("expiresIn", lessThanOrEqualTo(900))
                .body("refreshToken", startsWith("rt_"))
                .extract().path("accessToken");

        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("id", equalTo(operator.id().toString()))
                .body("username", equalTo(operator.username()))
                .body("roles", equalTo(java.util.List.of("operator")))
                .body("town.code", equalTo(town.code()))
                .body("team", equalTo(null))
                .body("device", equalTo(null));
    }

    @Test
    void theUsernameIsNotCaseSensitive() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        login(operator.username().toUpperCase(), Fixtures.PASSWORD).statusCode(200);
    }

    @Test
    void aWrongPasswordAndAnUnknownUsernameGetTheSameAnswer() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");

        String wrongPassword = login(operator.username(), "not the password").statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:invalid-credentials"))
                .extract().asString();
        String unknownUser = login("nobody" + Fixtures.randomLetters(6).toLowerCase(), "not the password").statusCode(401)
                .extract().asString();

        assertEquals(wrongPassword.replace(operator.username(), "X"), unknownUser.replaceAll("nobody\\w+", "X"));
    }

    @Test
    void aPasswordIsCheckedExactlyAsTyped() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        String fullWidth = "门到门服务！2026";
        String asciiBang = "门到门服务!2026";
        String created = given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("username", town.newUsername("fw"), "displayName", "全角",
                        "roles", java.util.List.of("operator"), "password", fullWidth))
                .when().post("/api/v1/staff").then().statusCode(201).extract().path("username");

        login(created, asciiBang).statusCode(401);
        login(created, fullWidth).statusCode(200);
    }

    @Test
    void longPasswordsThatDifferAfterTheSeventySecondByteDoNotMatch() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town, "admin");
        String base = "a".repeat(80);
        String one = base + "-one";
        String two = base + "-two";
        String username = town.newUsername("lp");
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("username", username, "displayName", "长密码", "roles", java.util.List.of("operator"),
                        "password", one))
                .when().post("/api/v1/staff").then().statusCode(201);

        login(username, two).statusCode(401);
        login(username, one).statusCode(200);
    }

    @Test
    void repeatedFailuresLockTheUsernameWithRetryAfter() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        for (int i = 0; i < 5; i++) {
            login(operator.username(), "wrong " + i).statusCode(401);
        }

        String retryAfter = login(operator.username(), Fixtures.PASSWORD).statusCode(429)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:account-locked"))
                .header("Retry-After", notNullValue())
                .extract().header("Retry-After");
        long seconds = Long.parseLong(retryAfter);
        assertTrue(seconds > 800 && seconds <= 900, "Retry-After " + seconds);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_IN_LOCKED' AND target_id = ?",
                operator.id().toString()));

        clock.advance(Duration.ofMinutes(16));
        login(operator.username(), Fixtures.PASSWORD).statusCode(200);
    }

    @Test
    void theLockIsKeptInTheDatabase() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        for (int i = 0; i < 5; i++) {
            login(operator.username(), "wrong").statusCode(401);
        }
        // What a restarted instance would read: the lock is a row, not memory.
        assertEquals(1, fixtures.count("SELECT count(*) FROM login_throttle WHERE username_key LIKE ? AND locked_until > now()",
                operator.username() + " @%"));
    }

    @Test
    void unknownUsernamesAreLockedToo() {
        String nobody = "ghost" + Fixtures.randomLetters(6).toLowerCase();
        for (int i = 0; i < 5; i++) {
            login(nobody, "guess " + i).statusCode(401);
        }
        login(nobody, "guess").statusCode(429);
    }

    @Test
    void parallelSignInsAfterAFailureAllSucceed() throws Exception {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        login(operator.username(), "wrong").statusCode(401);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> login(operator.username(), Fixtures.PASSWORD).extract().statusCode()));
            }
            for (var answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void halfASurrogatePairIsAValidationProblemNotAQuestionMark() {
        given().contentType("application/json").body("{\"username\":\"a\\ud800b\",\"password\":\"x\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("username"));
        given().contentType("application/json").body("{\"username\":\"a\\udc00\",\"password\":\"x\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400);
    }

    @Test
    void tokensAreNeverKeptByABrowserOrAProxy() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        login(operator.username(), Fixtures.PASSWORD).statusCode(200)
                .header("Cache-Control", equalTo("no-store"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void aNulCharacterIsAValidationProblem() {
        given().contentType("application/json").body("{\"username\":\"a\\u0000b\",\"password\":\"x\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("errors.field", org.hamcrest.Matchers.hasItem("username"));
    }

    @Test
    void aFieldAgentCannotSignInOnAConsoleAndTheConsoleDoesNotTellWhetherTheirPasswordIsRight() {
        TestStaff agent = fixtures.fieldAgent(fixtures.townLikeYongan());
        String right = login(agent.username(), Fixtures.PASSWORD).statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-credentials")).extract().asString();
        String wrong = login(agent.username(), "not the password").statusCode(401).extract().asString();
        assertEquals(wrong.replaceAll("\"instance\":\"[^\"]*\"", ""), right.replaceAll("\"instance\":\"[^\"]*\"", ""));
    }

    @Test
    void aDeactivatedAccountCannotSignIn() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        fixtures.update("UPDATE staff SET active = false WHERE id = ?", operator.id());
        login(operator.username(), Fixtures.PASSWORD).statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-credentials"));
    }

    @Test
    void failedSignInsAreAudited() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        login(operator.username(), "wrong").statusCode(401);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND actor_id = ?",
                operator.id()));
    }

    @Test
    void aBadSignInBodyIsAValidationProblem() {
        given().contentType("application/json").body("{\"username\":\"\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(400)
                .body("type", equalTo("urn:doorstep:problem:validation"))
                .body("errors.field", org.hamcrest.Matchers.hasItems("username", "password"));
    }
}
