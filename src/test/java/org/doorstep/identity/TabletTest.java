package org.doorstep.identity;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
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

@QuarkusTest
class TabletTest {

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

    @Test
    void anAdminRegistersATabletWithAShortOneTimeCode() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "永安一队 平板 1", "serialNumber", "SN-" + Fixtures.randomLetters(6)))
                .when().post("/api/v1/devices")
                .then().statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/devices/[0-9a-f-]{36}"))
                .body("enrollmentCode", matchesPattern("[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}"))
                .body("enrollmentExpiresAt", matchesPattern(".*\\+08:00"));
    }

    @Test
    void theEnrolmentCodeIsStoredOnlyAsAHash() throws Exception {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        String code = devices.register(admin);
        byte[] hash = java.security.MessageDigest.getInstance("SHA-256")
                .digest(code.replace("-", "").getBytes(java.nio.charset.StandardCharsets.UTF_8));

        var rows = fixtures.query("SELECT row_to_json(d)::text FROM device d WHERE enrollment_code_hash = ?", hash);
        assertEquals(1, rows.size());
        assertTrue(!rows.get(0).get(0).toString().contains(code.replace("-", "")));
    }

    @Test
    void anEnrolmentCodeWorksOnce() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        String code = devices.register(admin);
        given().contentType("application/json").body(Map.of("enrollmentCode", code.toLowerCase()))
                .when().post("/api/v1/devices/enroll")
                .then().statusCode(200)
                .body("deviceSecret", matchesPattern("ds_[A-Za-z0-9_-]{43}"));

        given().contentType("application/json").body(Map.of("enrollmentCode", code))
                .when().post("/api/v1/devices/enroll")
                .then().statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-enrollment-code"));
    }

    @Test
    void anEnrolmentCodeExpires() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        String code = devices.register(admin);
        clock.advance(Duration.ofMinutes(16));
        given().contentType("application/json").body(Map.of("enrollmentCode", code))
                .when().post("/api/v1/devices/enroll")
                .then().statusCode(401)
                .body("type", equalTo("urn:doorstep:problem:invalid-enrollment-code"));
    }

    @Test
    void aFieldAgentSignsInOnATabletAndTheTokenCarriesIt() {
        TestTown town = fixtures.townLikeYongan();
        Devices.SignedIn tablet = devices.signedInAgent(town);

        given().header("Authorization", tablet.bearer()).when().get("/api/v1/me")
                .then().statusCode(200)
                .body("device.id", equalTo(tablet.deviceId().toString()))
                .body("team.id", equalTo(tablet.agent().teamId().toString()));
        TestStaff admin = fixtures.staff(town, "admin");
        given().header("Authorization", admin.bearer()).when().get("/api/v1/devices/" + tablet.deviceId())
                .then().statusCode(200)
                .body("status", equalTo("ACTIVE"))
                .body("lastSeenAt", notNullValue())
                .body("lastStaffId", equalTo(tablet.agent().id().toString()))
                .body("appVersion", equalTo("1.0.0"));
    }

    @Test
    void aWrongDeviceSecretIsRefused() {
        TestTown town = fixtures.townLikeYongan();
        Devices.Enrolled tablet = devices.enroll(town);
        TestStaff agent = fixtures.fieldAgent(town);
        devices.deviceLogin(new Devices.Enrolled(tablet.deviceId(), "ds_wrong"), agent.username(), Fixtures.PASSWORD)
                .statusCode(401).body("type", equalTo("urn:doorstep:problem:invalid-device-credentials"));
    }

    @Test
    void onlyFieldAgentsOfTheTabletsTownSignInOnIt() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        Devices.Enrolled tablet = devices.enroll(town);

        devices.deviceLogin(tablet, fixtures.fieldAgent(other).username(), Fixtures.PASSWORD).statusCode(403)
                .body("type", equalTo("urn:doorstep:problem:not-allowed-on-tablet"));
        devices.deviceLogin(tablet, fixtures.staff(town, "operator").username(), Fixtures.PASSWORD).statusCode(403);
    }

    @Test
    void aRevokedTabletIsRejectedAtOnceWhileAnotherKeepsWorking() {
        TestTown town = fixtures.townLikeYongan();
        Devices.SignedIn lost = devices.signedInAgent(town);
        Devices.SignedIn other = devices.signedInAgent(town);
        TestStaff admin = fixtures.staff(town, "admin");

        given().header("Authorization", admin.bearer()).when().post("/api/v1/devices/" + lost.deviceId() + "/revoke")
                .then().statusCode(200).body("status", equalTo("REVOKED"));

        given().header("Authorization", lost.bearer()).when().get("/api/v1/me").then().statusCode(401);
        RefreshTest.refresh(lost, lost.refreshToken()).statusCode(401);
        devices.deviceLogin(new Devices.Enrolled(lost.deviceId(), lost.secret()), lost.agent().username(),
                Fixtures.PASSWORD).statusCode(401);

        given().header("Authorization", other.bearer()).when().get("/api/v1/me").then().statusCode(200);
        RefreshTest.refresh(other, other.refreshToken()).statusCode(200);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'DEVICE_REVOKED' AND target_id = ?",
                lost.deviceId().toString()));
    }

    @Test
    void aDoubleTappedSignInOnATabletGivesTwoSessions() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        Devices.Enrolled tablet = devices.enroll(town);
        TestStaff agent = fixtures.fieldAgent(town);
        var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var answers = new java.util.ArrayList<java.util.concurrent.Future<Integer>>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> devices.deviceLogin(tablet, agent.username(), Fixtures.PASSWORD)
                        .extract().statusCode()));
            }
            for (var answer : answers) {
                assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anAdminListsOnlyTheirTownsTablets() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        Devices.Enrolled mine = devices.enroll(town);
        Devices.Enrolled theirs = devices.enroll(other);
        TestStaff admin = fixtures.staff(town, "admin");

        given().header("Authorization", admin.bearer()).when().get("/api/v1/devices")
                .then().statusCode(200)
                .body("items.id", hasItem(mine.deviceId().toString()))
                .body("items.id", org.hamcrest.Matchers.not(hasItem(theirs.deviceId().toString())));
        given().header("Authorization", admin.bearer()).when().post("/api/v1/devices/" + theirs.deviceId() + "/revoke")
                .then().statusCode(404);
    }

    @Test
    void onlyAnAdminRegistersTablets() {
        TestTown town = fixtures.townLikeYongan();
        for (String role : java.util.List.of("operator", "dispatcher", "supervisor")) {
            given().header("Authorization", fixtures.staff(town, role).bearer()).contentType("application/json")
                    .body(Map.of("label", "x")).when().post("/api/v1/devices").then().statusCode(403);
        }
    }

    @Test
    void aSecondTabletWithTheSameSerialIsAConflict() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        String serial = "SN-" + Fixtures.randomLetters(8);
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "a", "serialNumber", serial)).when().post("/api/v1/devices").then().statusCode(201);
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("label", "b", "serialNumber", serial)).when().post("/api/v1/devices")
                .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:device-serial-taken"));
    }

    @Test
    void theDeviceSecretIsStoredOnlyAsAHash() {
        Devices.Enrolled tablet = devices.enroll(fixtures.townLikeYongan());
        var rows = fixtures.query("SELECT secret_hash FROM device WHERE id = ?", tablet.deviceId());
        byte[] stored = (byte[]) rows.get(0).get(0);
        assertEquals(32, stored.length);
        assertTrue(
                !new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1).contains(tablet.secret().substring(3, 20)));
    }
}
