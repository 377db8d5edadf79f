package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * A rotation in progress: key B was added and now signs, key A stays in the set so that the tokens
 * it signed before the rotation keep working until they expire.
 */
@QuarkusTest
@TestProfile(KeyRotationTest.NewKeyAdded.class)
class KeyRotationTest {

    public static class NewKeyAdded implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("doorstep.auth.key-set", "classpath:jwt/test-only-keys-a-and-b.jwks.json",
                    "doorstep.auth.signing-key-id", "test-only-key-b");
        }
    }

    @Inject
    Fixtures fixtures;

    @Test
    void tokensSignedByThePreviousKeyStayValid() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String signedByA = operator.token();
        assertEquals("test-only-key-a", kid(signedByA));

        given().header("Authorization", "Bearer " + signedByA).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void newTokensAreSignedByTheNewKey() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        String access = SignInTest.login(operator.username(), Fixtures.PASSWORD).statusCode(200).extract().path("accessToken");

        assertEquals("test-only-key-b", kid(access));
        given().header("Authorization", "Bearer " + access).when().get("/api/v1/me").then().statusCode(200);
    }

    @Test
    void bothKeysArePublished() {
        given().when().get("/.well-known/jwks.json").then().statusCode(200)
                .body("keys.kid", containsInAnyOrder("test-only-key-a", "test-only-key-b"));
    }

    private static String kid(String jwt) {
        String header = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }
}
