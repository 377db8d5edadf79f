package org.doorstep.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AuditTrailTest {

    @Inject
    Fixtures fixtures;

    /** A resident of 心源村 with a phone number, registered by the operator (itself an audited act). */
    static String registerResident(TestTown town, TestStaff operator) {
        Map<String, Object> body = new HashMap<>();
        body.put("idNumber", IdNumbers.random());
        body.put("name", "居民");
        body.put("phone", "13807310042");
        body.put("villageId", town.village("XINYUAN").id().toString());
        body.put("address", "心源村");
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
    }

    /** The operator reads the resident's full phone number, which writes a PERSONAL_DATA_READ entry. */
    static void readPhone(String resident, TestStaff operator) {
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + resident + "/contact")
                .then().statusCode(200);
    }

    private static String residentWithPhoneRead(TestTown town, TestStaff operator) {
        String id = registerResident(town, operator);
        readPhone(id, operator);
        return id;
    }

    @Test
    void aSupervisorReadsWhoReadAResidentsPhoneNumber() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = residentWithPhoneRead(town, operator);

        given().header("Authorization", fixtures.staff(town, "supervisor").bearer())
                .queryParam("targetType", "resident").queryParam("targetId", resident)
                .when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", equalTo(java.util.List.of("PERSONAL_DATA_READ", "RESIDENT_REGISTERED")))
                .body("items[0].actorId", equalTo(operator.id().toString()))
                .body("items[0].details.field", equalTo("phone"))
                .body("items.targetId", everyItem(equalTo(resident)));
        given().header("Authorization", fixtures.staff(town, "admin").bearer())
                .queryParam("actorId", operator.id().toString()).queryParam("from", "2020-01-01T00:00:00+08:00")
                .when().get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(2));
    }

    @Test
    void anotherTownsTrailIsNotShown() {
        TestTown town = fixtures.townLikeYongan();
        String resident = residentWithPhoneRead(town, fixtures.staff(town, "operator"));
        TestTown other = fixtures.townLikeYongan();

        given().header("Authorization", fixtures.staff(other, "supervisor").bearer()).queryParam("targetId", resident)
                .when().get("/api/v1/audit")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", fixtures.staff(other, "supervisor").bearer()).when().get("/api/v1/audit")
                .then().statusCode(200).body("items.targetId", not(hasItem(resident)));
    }

    @Test
    void onlySupervisorsAndAdminsReadTheTrail() {
        TestTown town = fixtures.townLikeYongan();
        given().header("Authorization", fixtures.staff(town, "operator").bearer()).when().get("/api/v1/audit")
                .then().statusCode(403);
        given().header("Authorization", fixtures.staff(town, "supervisor").bearer()).queryParam("from", "yesterday")
                .when().get("/api/v1/audit").then().statusCode(400).body("errors[0].field", equalTo("from"));
    }

    @Test
    void theTrailFiltersByWhoActedAndByWhatTheyDid() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff other = fixtures.staff(town, "operator");
        residentWithPhoneRead(town, operator);
        registerResident(town, other);
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        given().header("Authorization", supervisor.bearer()).queryParam("actor", operator.username().toUpperCase())
                .when().get("/api/v1/audit").then().statusCode(200).body("total", equalTo(2))
                .body("items.actorUsername", everyItem(equalTo(operator.username())));
        given().header("Authorization", supervisor.bearer()).queryParam("actor", operator.username())
                .queryParam("action", "personal_data_read").when().get("/api/v1/audit").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].action", equalTo("PERSONAL_DATA_READ"));
    }

    @Test
    void countyWideEntriesShowInACountyAdminsTrailOnlyNotInEveryTowns() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff county = fixtures.staff(town.id(), null, "admin", "county_admin");
        TestStaff townAdmin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        String day = "2035-0" + (1 + (int) (Math.random() * 9)) + "-1" + (int) (Math.random() * 9);
        given().header("Authorization", county.bearer()).contentType("application/json")
                .body(Map.of("kind", "HOLIDAY", "name", "县里的假日")).when().put("/api/v1/calendar/" + day)
                .then().statusCode(200);
        given().header("Authorization", county.bearer()).queryParam("action", "CALENDAR_DAY_SET").queryParam("size", "200")
                .when().get("/api/v1/audit").then().statusCode(200).body("items.targetId", hasItem(day));
        given().header("Authorization", townAdmin.bearer()).queryParam("action", "CALENDAR_DAY_SET").queryParam("size", "200")
                .when().get("/api/v1/audit").then().statusCode(200).body("items.targetId", not(hasItem(day)));
        given().header("Authorization", county.bearer()).when().delete("/api/v1/calendar/" + day).then().statusCode(204);
    }

    @Test
    void theTrailsActionsComeWithTheirWordsFromTheOneListTheCodeWritesWith() {
        org.doorstep.support.Fixtures.TestTown town = fixtures.townLikeYongan();
        java.util.List<String> codes = given().header("Authorization", fixtures.staff(town, "supervisor").bearer()).when()
                .get("/api/v1/audit/actions").then().statusCode(200)
                .body("label",
                        org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.not(org.hamcrest.Matchers.emptyOrNullString())))
                .extract().path("code");
        assertEquals(java.util.Arrays.stream(AuditAction.values()).map(Enum::name).toList(), codes);
        given().header("Authorization", fixtures.staff(town, "operator").bearer()).when().get("/api/v1/audit/actions").then()
                .statusCode(403);
    }
}
