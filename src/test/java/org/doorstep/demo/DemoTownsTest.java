package org.doorstep.demo;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** The demo towns, loaded as the dev and demo profiles load them, in a schema of their own. */
@QuarkusTest
@TestProfile(DemoTownsTest.DemoEnabled.class)
class DemoTownsTest {

    public static class DemoEnabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String base = System.getenv("_TEST_DOORSTEP_DB_SCHEMA"); // parallel runs each use their own schemas
            return Map.of("doorstep.demo.enabled", "true", "doorstep.db.schema",
                    (base == null || base.isBlank() ? "doorstep_test" : base) + "_demo");
        }
    }

    @Inject
    DemoTownsLoader loader;

    @Inject
    DemoVisits visits;

    @Inject
    Fixtures fixtures;

    private static String signIn(String username) {
        return "Bearer " + given().contentType("application/json")
                .body("{\"username\":\"" + username + "\",\"password\":\"doorstep-demo\"}")
                .when().post("/api/v1/auth/login")
                .then().statusCode(200).extract().path("accessToken");
    }

    @Test
    void yonganHasTwelveVillagesAndTheFiveServices() {
        String dispatcher = signIn("dispatcher");
        given().header("Authorization", dispatcher).when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("total", equalTo(12))
                .body("items.name", hasItem("心源村"));
        given().header("Authorization", dispatcher).when().get("/api/v1/service-types")
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("items.code", hasItems("RETIREMENT_CERTIFICATION", "SOCIAL_SECURITY_CARD",
                        "DISABILITY_CERTIFICATE", "MEDICAL_INSURANCE_ENROLMENT", "ELDERLY_ALLOWANCE"));
    }

    @Test
    void guanduIsASecondTownWithItsOwnVillages() {
        given().header("Authorization", signIn("gd-dispatcher")).when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.name", org.hamcrest.Matchers.not(hasItem("心源村")));
    }

    @Test
    void everyDemoAccountSignsInWithTheDemoPassword() {
        for (String username : DemoTownsLoader.DEMO_USERNAMES) {
            if (username.contains("agent")) {
                continue; // field agents sign in on a tablet
            }
            given().header("Authorization", signIn(username)).when().get("/api/v1/me")
                    .then().statusCode(200).body("username", equalTo(username));
        }
    }

    @Test
    void demoStaffAndTeamsHaveTheirReservedShape() {
        assertEquals(10,
                fixtures.count("SELECT count(*) FROM staff s JOIN town t ON t.id = s.town_id WHERE t.code = 'YONGAN'"));
        assertEquals(5, fixtures.count("SELECT count(*) FROM staff s JOIN town t ON t.id = s.town_id WHERE t.code = 'GUANDU'"));
        assertEquals(3,
                fixtures.count("SELECT count(*) FROM team tm JOIN town t ON t.id = tm.town_id WHERE t.code = 'YONGAN'"));
        assertEquals(4,
                fixtures.count("SELECT min(c) FROM (SELECT count(*) c FROM team_village tv JOIN team tm ON tm.id = tv.team_id"
                        + " JOIN town t ON t.id = tm.town_id WHERE t.code = 'YONGAN' GROUP BY tv.team_id) x"));
        assertEquals(2, fixtures.count("SELECT count(*) FROM staff WHERE username LIKE 'agent%' AND team_id ="
                + " (SELECT team_id FROM staff WHERE username = 'agent1')"));
    }

    @Test
    void loadingTwiceChangesNothing() {
        long before = fixtures.count("SELECT (SELECT count(*) FROM village) + (SELECT count(*) FROM service_type)"
                + " + (SELECT count(*) FROM service_type_capture) + (SELECT count(*) FROM staff) + (SELECT count(*) FROM team_village)");
        loader.load();
        visits.seed();
        long after = fixtures.count("SELECT (SELECT count(*) FROM village) + (SELECT count(*) FROM service_type)"
                + " + (SELECT count(*) FROM service_type_capture) + (SELECT count(*) FROM staff) + (SELECT count(*) FROM team_village)");
        assertEquals(before, after);
        assertEquals(12,
                fixtures.count("SELECT count(*) FROM visit v JOIN town t ON t.id = v.town_id WHERE t.code = 'YONGAN'"));
    }

    @Test
    void yonganHasVisitsToPlaceOnTheNextWorkingDay() {
        String dispatcher = signIn("dispatcher");
        String day = (String) fixtures.query("SELECT min(preferred_date)::text FROM visit v JOIN town t ON t.id = v.town_id"
                + " WHERE t.code = 'YONGAN'").get(0).get(0);
        given().header("Authorization", dispatcher).queryParam("date", day).when().get("/api/v1/dispatch/board")
                .then().statusCode(200).body("unassigned.size()", org.hamcrest.Matchers.equalTo(12))
                .body("unassigned.resident.name", org.hamcrest.Matchers.hasItem("胡淑坤"));
    }
}
