package org.doorstep.supervision;

import static io.restassured.RestAssured.given;
import static org.doorstep.supervision.SupervisionSteps.call;
import static org.doorstep.supervision.SupervisionSteps.close;
import static org.doorstep.supervision.SupervisionSteps.reached;
import static org.doorstep.supervision.SupervisionSteps.unreached;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.supervision.SupervisionSteps.Office;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FollowUpTest {

    @Inject
    Fixtures fixtures;

    private String completed(Office office) {
        String visit = office.book(fixtures, "XINYUAN");
        close(fixtures, visit, "COMPLETE", "COMPLETED", OffsetDateTime.now());
        return visit;
    }

    private long recorded(String visit) {
        return fixtures.count("SELECT count(*) FROM follow_up WHERE visit_id = ?", UUID.fromString(visit));
    }

    private List<String> pending(TestStaff staff) {
        return given().header("Authorization", staff.bearer()).queryParam("followUp", "pending").queryParam("size", 200)
                .when().get("/api/v1/visits").then().statusCode(200).extract().path("items.id");
    }

    @Test
    void aRetriedCallWithTheSameKeyIsRecordedOnce() {
        Office office = Office.of(fixtures);
        String visit = completed(office);
        String first = given().header("Authorization", office.operator().bearer()).header("Idempotency-Key", "call-1")
                .contentType("application/json").body(unreached()).when().post("/api/v1/visits/" + visit + "/follow-ups")
                .then().statusCode(201).extract().asString();
        String again = given().header("Authorization", office.operator().bearer()).header("Idempotency-Key", "call-1")
                .contentType("application/json").body(unreached()).when().post("/api/v1/visits/" + visit + "/follow-ups")
                .then().statusCode(201).header("Location", containsString("/follow-ups/")).extract().asString();

        assertEquals(first, again);
        assertEquals(1, recorded(visit));
        given().header("Authorization", office.operator().bearer()).header("Idempotency-Key", "call-1")
                .contentType("application/json").body(reached(9, true)).when().post("/api/v1/visits/" + visit + "/follow-ups")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:idempotency-key-reused"));
    }

    @Test
    void aVisitIsFollowedUpOnlyOnceItIsClosed() {
        Office office = Office.of(fixtures);
        String open = office.book(fixtures, "XINYUAN");
        call(office.operator(), open, reached(9, true)).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:visit-not-closed"))
                .body("currentStatus", equalTo("REQUESTED"));

        String cancelled = office.book(fixtures, "FURONG");
        given().header("Authorization", office.operator().bearer()).contentType("application/json")
                .body(Map.of("reason", "居民已自行办理")).when().post("/api/v1/visits/" + cancelled + "/cancel")
                .then().statusCode(200);
        call(office.operator(), cancelled, unreached()).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:visit-not-closed"))
                .body("currentStatus", equalTo("CANCELLED"));
        assertEquals(0, recorded(open) + recorded(cancelled));
    }

    @Test
    void satisfactionIsOneToTenAndOnlyFromAResidentWhoWasReached() {
        Office office = Office.of(fixtures);
        String visit = completed(office);
        for (int wrong : new int[] { 0, 11 }) {
            call(office.operator(), visit, Map.of("reached", true, "satisfaction", wrong, "resolved", true))
                    .statusCode(400).body("type", equalTo("urn:doorstep:problem:validation"))
                    .body("errors[0].field", equalTo("satisfaction"));
        }
        call(office.operator(), visit, Map.of("reached", false, "satisfaction", 8)).statusCode(400)
                .body("type", equalTo("urn:doorstep:problem:validation"))
                .body("errors.field", equalTo(List.of("satisfaction")))
                .body("errors[0].message", equalTo("must be left out when the resident was not reached"));
        call(office.operator(), visit, Map.of("reached", false, "resolved", true)).statusCode(400)
                .body("errors.field", equalTo(List.of("resolved")));
        call(office.operator(), visit, Map.of("reached", true)).statusCode(400)
                .body("detail", equalTo("2 fields are not valid"))
                .body("errors.field", equalTo(List.of("satisfaction", "resolved")));
        call(office.operator(), visit, Map.of("satisfaction", 9, "resolved", true)).statusCode(400)
                .body("errors.field", equalTo(List.of("reached")));
        call(office.operator(), visit, Map.of("reached", true, "satisfaction", 8.5, "resolved", true)).statusCode(400)
                .body("errors.field", equalTo(List.of("satisfaction")));
        assertEquals(0, recorded(visit));
    }

    @Test
    void callsThatMissTheResidentMayBeRepeatedButOnlyOneReachesThem() {
        Office office = Office.of(fixtures);
        String visit = completed(office);
        call(office.operator(), visit, unreached()).statusCode(201).body("reached", equalTo(false));
        call(office.operator(), visit, unreached()).statusCode(201);
        String done = call(office.operator(), visit, reached(10, true)).statusCode(201)
                .header("Location", containsString("/api/v1/visits/" + visit + "/follow-ups/"))
                .body("reached", equalTo(true)).body("satisfaction", equalTo(10)).body("resolved", equalTo(true))
                .body("calledBy", equalTo(office.operator().id().toString())).extract().path("id");
        call(office.operator(), visit, reached(3, false)).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:follow-up-done"))
                .body("existingId", equalTo(done));

        given().header("Authorization", office.supervisor().bearer()).when()
                .get("/api/v1/visits/" + visit + "/follow-ups")
                .then().statusCode(200).body("total", equalTo(3))
                .body("items.reached", equalTo(List.of(false, false, true)))
                .body("items[0].comment", equalTo("无人接听"))
                .body("items[2].satisfaction", equalTo(10));
        given().header("Authorization", office.operator().bearer()).when()
                .get("/api/v1/visits/" + visit + "/follow-ups/" + done)
                .then().statusCode(200).body("id", equalTo(done)).body("satisfaction", equalTo(10));
        assertEquals(3, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'FOLLOW_UP_RECORDED'"
                + " AND target_id = ?", visit));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'FOLLOW_UP_RECORDED'"
                + " AND target_id = ? AND details->>'followUpId' = ? AND details->>'satisfaction' = '10'", visit, done));

        // The database itself refuses a second successful call, whatever the code does.
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> fixtures.update(
                "INSERT INTO follow_up (id, town_id, visit_id, reached, satisfaction, resolved, called_by, called_at)"
                        + " VALUES (?, ?, ?, true, 5, true, ?, now())",
                UUID.randomUUID(), office.town().id(), UUID.fromString(visit), office.operator().id()));
        assertTrue(refused.getCause().getMessage().contains("follow_up_reached_once"), refused.getCause().getMessage());
    }

    @Test
    void closedVisitsAreListedAsPendingUntilACallReachesTheResident() {
        Office office = Office.of(fixtures);
        String team = office.team(office.town().village("XINYUAN").id().toString());
        TestStaff agent = fixtures.staff(office.town().id(), UUID.fromString(team), "field_agent");
        String failed = office.book(fixtures, "XINYUAN");
        office.assign(fixtures, failed, team, "09:00", "09:30");
        SupervisionSteps.report(agent, failed, "DEPART", null);
        SupervisionSteps.report(agent, failed, "FAIL", "居民不在家");
        String completed = completed(office);
        String stillOpen = office.book(fixtures, "FURONG");

        List<String> waiting = pending(office.supervisor());
        assertEquals(2, waiting.size());
        assertTrue(waiting.containsAll(List.of(failed, completed)), waiting.toString());
        assertTrue(!waiting.contains(stillOpen));

        call(office.operator(), completed, unreached()).statusCode(201);
        assertEquals(2, pending(office.operator()).size());
        call(office.operator(), completed, reached(8, true)).statusCode(201);
        assertEquals(List.of(failed), pending(office.dispatcher()));
        given().header("Authorization", office.supervisor().bearer()).queryParam("followUp", "done")
                .when().get("/api/v1/visits").then().statusCode(200).body("items.id", equalTo(List.of(completed)));
        given().header("Authorization", office.supervisor().bearer()).queryParam("followUp", "soon")
                .when().get("/api/v1/visits").then().statusCode(400).body("errors[0].field", equalTo("followUp"));
    }

    @Test
    void anotherTownSeesNoneOfIt() {
        Office office = Office.of(fixtures);
        String visit = completed(office);
        call(office.operator(), visit, unreached()).statusCode(201);
        Office elsewhere = Office.of(fixtures);

        call(elsewhere.operator(), visit, reached(10, true)).statusCode(404)
                .body("type", equalTo("urn:doorstep:problem:not-found"));
        given().header("Authorization", elsewhere.supervisor().bearer()).when()
                .get("/api/v1/visits/" + visit + "/follow-ups").then().statusCode(404);
        assertEquals(List.of(), pending(elsewhere.supervisor()));
        assertEquals(List.of(visit), pending(office.supervisor()));
        assertEquals(1, recorded(visit));
    }

    @Test
    void onlyOperatorsCallAndOnlyOperatorsAndSupervisorsReadTheCalls() {
        Office office = Office.of(fixtures);
        String visit = completed(office);
        call(office.supervisor(), visit, reached(9, true)).statusCode(403)
                .body("type", equalTo("urn:doorstep:problem:forbidden"));
        call(office.dispatcher(), visit, reached(9, true)).statusCode(403);
        given().header("Authorization", office.dispatcher().bearer()).when()
                .get("/api/v1/visits/" + visit + "/follow-ups").then().statusCode(403);
        given().when().get("/api/v1/visits/" + visit + "/follow-ups").then().statusCode(401);
        assertEquals(0, recorded(visit));
    }
}
