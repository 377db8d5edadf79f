package org.doorstep.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
public class RightsRequestTest {

    @Inject
    Fixtures fixtures;

    public static String resident(TestTown town, TestStaff operator) {
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", IdNumbers.random(), "name", "胡淑坤", "phone", "13807310042",
                "villageId", town.village("XINYUAN").id().toString(), "address", "心源村石桥组 12 号"));
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
    }

    static ValidatableResponse request(TestStaff operator, String residentId, Map<String, Object> body) {
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents/" + residentId + "/rights-requests").then();
    }

    private static ValidatableResponse close(TestStaff supervisor, String id, String etag, Map<String, Object> body) {
        return given().header("Authorization", supervisor.bearer()).header("If-Match", etag).contentType("application/json")
                .body(body).when().post("/api/v1/rights-requests/" + id + "/close").then();
    }

    @Test
    void anOperatorRecordsARequestWithItsDeadlineAndTheSupervisorRefusesItWithTheReason() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        String residentId = resident(town, operator);
        String id = request(operator, residentId, Map.of("kind", "DELETION", "requestedBy", "CHILD", "requesterName", "胡建国",
                "identityCheck", "WRITTEN_AUTHORISATION", "details", "母亲已不需要上门服务，要求删除信息")).statusCode(201)
                .header("ETag", "\"0\"").body("status", equalTo("OPEN")).body("overdue", equalTo(false))
                .body("dueAt", matchesPattern(".*T17:30:00\\+08:00|.*T09:30:00Z")).extract().path("id");
        // 15 working days on the national calendar, at the close of the working day
        List<List<Object>> due = fixtures.query("SELECT (due_at AT TIME ZONE 'Asia/Shanghai')::date - (received_at AT TIME ZONE"
                + " 'Asia/Shanghai')::date FROM rights_request WHERE id = ?::uuid", id);
        assertFalse(((Number) due.get(0).get(0)).intValue() < 15 + 4, "15 working days span at least three weekends");

        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/rights-requests?status=OPEN").then()
                .statusCode(200).body("items[0].id", equalTo(id)).body("total", equalTo(1));
        close(supervisor, id, "\"0\"", Map.of("outcome", "REFUSED")).statusCode(400).body("errors[0].field", equalTo("reason"));
        close(supervisor, id, "\"0\"", Map.of("outcome", "REFUSED", "reason", "该居民仍有未办结的工单，办结前不能删除")).statusCode(200)
                .body("status", equalTo("REFUSED")).body("reason", equalTo("该居民仍有未办结的工单，办结前不能删除"))
                .header("ETag", "\"1\"");
        close(supervisor, id, "\"1\"", Map.of("outcome", "DONE")).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:request-closed"));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + residentId + "/rights-requests")
                .then().statusCode(200).body("[0].status", equalTo("REFUSED"));

        List<List<Object>> audit = fixtures.query("SELECT action, details::text FROM audit_entry WHERE target_id = ?"
                + " AND action LIKE 'RIGHTS_REQUEST_%' ORDER BY id", residentId);
        assertEquals(List.of("RIGHTS_REQUEST_RECORDED", "RIGHTS_REQUEST_CLOSED"), audit.stream().map(r -> r.get(0)).toList());
        audit.forEach(row -> assertFalse(((String) row.get(1)).contains("胡建国") || ((String) row.get(1)).contains("删除"),
                "the audit keeps no names or free text: " + row.get(1)));
    }

    @Test
    void theSupervisorSeesTheOverdueFirst() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        String residentId = resident(town, operator);
        Map<String, Object> self = Map.of("kind", "ACCESS_COPY", "requestedBy", "SELF", "identityCheck", "ID_NUMBER_AND_NAME");
        String recent = request(operator, residentId, self).statusCode(201).extract().path("id");
        String old = request(operator, residentId, self).statusCode(201).extract().path("id");
        String done = request(operator, residentId, self).statusCode(201).extract().path("id");
        fixtures.update(
                "UPDATE rights_request SET received_at = now() - interval '40 days', due_at = now() - interval '10 days'"
                        + " WHERE id = ?::uuid",
                old);
        close(supervisor, done, "\"0\"", Map.of("outcome", "REFUSED", "reason", "已当面交付")).statusCode(200);

        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/rights-requests").then().statusCode(200)
                .body("items.id", equalTo(List.of(old, recent, done)))
                .body("items.overdue", equalTo(List.of(true, false, false)));
    }

    @Test
    void aRequestIsCheckedAndScopedToTheTownAndItsRoles() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String residentId = resident(town, operator);
        request(operator, residentId,
                Map.of("kind", "CORRECTION", "requestedBy", "CHILD", "identityCheck", "ID_NUMBER_AND_NAME"))
                .statusCode(400).body("errors[0].field", equalTo("requesterName"));
        request(operator, residentId, Map.of("kind", "CORRECTION", "requestedBy", "SELF", "requesterName", "某人",
                "identityCheck", "ID_NUMBER_AND_NAME")).statusCode(400).body("errors[0].field", equalTo("requesterName"));
        request(operator, residentId, Map.of("kind", "HAIRCUT", "requestedBy", "SELF", "identityCheck", "ID_NUMBER_AND_NAME"))
                .statusCode(400);
        request(operator, UUID.randomUUID().toString(), Map.of("kind", "CORRECTION", "requestedBy", "SELF",
                "identityCheck", "ID_NUMBER_AND_NAME")).statusCode(404);
        request(fixtures.staff(town, "dispatcher"), residentId, Map.of("kind", "CORRECTION", "requestedBy", "SELF",
                "identityCheck", "ID_NUMBER_AND_NAME")).statusCode(403);
        assertEquals(0, fixtures.count("SELECT count(*) FROM rights_request WHERE resident_id = ?::uuid", residentId));

        String id = request(operator, residentId, Map.of("kind", "CORRECTION", "requestedBy", "SELF",
                "identityCheck", "CALLBACK_TO_PHONE_ON_RECORD")).statusCode(201).extract().path("id");
        TestTown other = fixtures.townLikeYongan();
        given().header("Authorization", fixtures.staff(other, "supervisor").bearer()).when()
                .get("/api/v1/rights-requests/" + id)
                .then().statusCode(404);
        close(fixtures.staff(other, "supervisor"), id, "\"0\"", Map.of("outcome", "DONE")).statusCode(404);
        close(operator, id, "\"0\"", Map.of("outcome", "DONE")).statusCode(403);
        given().header("Authorization", fixtures.staff(town, "supervisor").bearer()).contentType("application/json")
                .body(Map.of("outcome", "DONE")).when().post("/api/v1/rights-requests/" + id + "/close").then().statusCode(428);
        given().header("Authorization", fixtures.staff(town, "supervisor").bearer()).when()
                .get("/api/v1/rights-requests?status=LOST")
                .then().statusCode(400);
    }
}
