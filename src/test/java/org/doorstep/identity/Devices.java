package org.doorstep.identity;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;

/** Tablets for tests, through the real endpoints: registered, enrolled, signed in on. */
@ApplicationScoped
public class Devices {

    private final Fixtures fixtures;

    public Devices(Fixtures fixtures) {
        this.fixtures = fixtures;
    }

    public record Enrolled(UUID deviceId, String secret) {
    }

    public record SignedIn(TestStaff agent, UUID deviceId, String secret, String accessToken, String refreshToken) {
        public String bearer() {
            return "Bearer " + accessToken;
        }
    }

    public String register(TestStaff admin) {
        return given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "平板 " + Fixtures.randomLetters(4))).when().post("/api/v1/devices")
                .then().statusCode(201).extract().path("enrollmentCode");
    }

    public Enrolled enroll(TestTown town) {
        String code = register(fixtures.staff(town, "admin"));
        var response = given().contentType("application/json")
                .body(Map.of("enrollmentCode", code, "model", "Redmi Pad SE", "appVersion", "1.0.0"))
                .when().post("/api/v1/devices/enroll").then().statusCode(200);
        return new Enrolled(UUID.fromString(response.extract().path("deviceId")), response.extract().path("deviceSecret"));
    }

    public io.restassured.response.ValidatableResponse deviceLogin(Enrolled tablet, String username, String password) {
        Map<String, Object> body = new HashMap<>();
        body.put("deviceId", tablet.deviceId().toString());
        body.put("deviceSecret", tablet.secret());
        body.put("username", username);
        body.put("password", password);
        return given().contentType("application/json").body(body).when().post("/api/v1/auth/device-login").then();
    }

    public SignedIn signIn(Enrolled tablet, TestStaff agent) {
        var response = deviceLogin(tablet, agent.username(), Fixtures.PASSWORD).statusCode(200);
        return new SignedIn(agent, tablet.deviceId(), tablet.secret(), response.extract().path("accessToken"),
                response.extract().path("refreshToken"));
    }

    /** A field agent of the town signed in on a newly enrolled tablet. */
    public SignedIn signedInAgent(TestTown town) {
        return signIn(enroll(town), fixtures.fieldAgent(town));
    }
}
