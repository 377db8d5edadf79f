package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** What the service says about the transport it was reached over, behind the county's proxy. */
@QuarkusTest
@TestProfile(ForwardingProxyProfile.class)
class ForwardedTlsTest {

    @Test
    void anAnswerToARequestTheTrustedProxyTookOverTlsCarriesStrictTransportSecurity() {
        given().header("X-Forwarded-Proto", "https").when().get("/q/health/live").then().statusCode(200)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
        given().header("X-Forwarded-Proto", "https").when().get("/api/v1/service-types").then().statusCode(401)
                .header("Strict-Transport-Security", equalTo("max-age=31536000"));
        // in clear, no promise of TLS is made
        given().when().get("/q/health/live").then().statusCode(200).header("Strict-Transport-Security", nullValue());
    }

    @Test
    void aConsoleRefreshWithTwoSessionCookiesIsRefused() {
        given().header("X-Doorstep-Console", "1").header("Cookie", "doorstep_session=first; doorstep_session=second")
                .when().post("/api/v1/auth/session/refresh").then().statusCode(400)
                .body("type", equalTo("urn:doorstep:problem:session-cookie-ambiguous"));
        given().header("X-Doorstep-Console", "1").header("Cookie", "doorstep_session=first")
                .header("Cookie", "other=1; doorstep_session=second")
                .when().post("/api/v1/auth/session/refresh").then().statusCode(400)
                .body("type", equalTo("urn:doorstep:problem:session-cookie-ambiguous"));
        // one unknown cookie is simply not a session
        given().header("X-Doorstep-Console", "1").header("Cookie", "doorstep_session=first")
                .when().post("/api/v1/auth/session/refresh").then().statusCode(401);
    }
}
