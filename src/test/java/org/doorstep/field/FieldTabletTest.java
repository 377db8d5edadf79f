package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.dispatch.DispatchSteps;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class FieldTabletTest {

    @Inject
    Fixtures fixtures;

    /** A town, its dispatcher and operator, a team covering 心源村 with one agent on a tablet, and a working day. */
    record Crew(TestTown town, TestStaff dispatcher, TestStaff operator, String team, TestStaff agent, String bearer,
            LocalDate day) {
    }

    Crew crew() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        TestStaff agent = fixtures.staff(town.id(), UUID.fromString(team), "field_agent");
        return new Crew(town, dispatcher, fixtures.staff(town, "operator"), team, agent,
                "Bearer " + agent.token(UUID.randomUUID()), nextWorkingDay(fixtures));
    }

    /** A visit booked and assigned to the crew's team at this time. */
    static String scheduled(Crew crew, String start, String end) {
        String id = visit(crew.town(), crew.operator(), crew.day(), "ANY");
        assign(crew.dispatcher(), id, "\"0\"", slot(crew.team(), crew.day(), start, end)).statusCode(200);
        return id;
    }

    static ValidatableResponse report(String bearer, String visit, String key, String type, String reason) {
        Map<String, Object> body = new HashMap<>();
        body.put("type", type);
        body.put("occurredAt", "2026-11-30T09:02:11+08:00");
        body.put("latitude", 28.271203);
        body.put("longitude", 113.864107);
        body.put("accuracyMeters", 12.5);
        if (reason != null) {
            body.put("reason", reason);
        }
        var request = given().header("Authorization", bearer).contentType("application/json").body(body);
        if (key != null) {
            request = request.header("Idempotency-Key", key);
        }
        return request.when().post("/api/v1/visits/" + visit + "/events").then();
    }

    private long events(String visit, String type) {
        return fixtures.count("SELECT count(*) FROM visit_event WHERE visit_id = ? AND type = ?", UUID.fromString(visit),
                type);
    }

    @Test
    void theDaysVisitsComeInRouteOrderWithWhatIsNeededAtTheDoor() {
        Crew crew = crew();
        String afternoon = scheduled(crew, "14:30", "15:00");
        String morning = scheduled(crew, "09:00", "09:30");
        String otherTeam = team(crew.dispatcher(), List.of(crew.town().village("XINYUAN").id().toString()), 8);
        String notOurs = visit(crew.town(), crew.operator(), crew.day(), "ANY");
        assign(crew.dispatcher(), notOurs, "\"0\"", slot(otherTeam, crew.day(), "09:00", "09:30")).statusCode(200);

        given().header("Authorization", crew.bearer()).queryParam("date", crew.day().toString())
                .when().get("/api/v1/me/visits")
                .then().statusCode(200)
                .body("id", equalTo(List.of(morning, afternoon)))
                .body("[0].resident.phone", equalTo("13807310042"))
                .body("[0].resident.idNumberMasked", org.hamcrest.Matchers.containsString("********"))
                .body("[0].village.name", equalTo("心源村"))
                .body("[0].village.latitude", equalTo(28.2712f))
                .body("[0].service.requiredCaptures", equalTo(List.of("FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK",
                        "APPLICATION_FORM")))
                .body("[0].caller.phoneMasked", equalTo("138****0042"));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_entry WHERE actor_id = ? AND action = 'PERSONAL_DATA_READ'"
                + " AND details->>'purpose' = 'field visit'", crew.agent().id()));
    }

    @Test
    void aRetriedEventWithTheSameKeyIsAppliedOnce() {
        Crew crew = crew();
        String id = scheduled(crew, "09:00", "09:30");
        String first = report(crew.bearer(), id, "depart-1", "DEPART", null).statusCode(200)
                .body("status", equalTo("EN_ROUTE")).extract().asString();
        String again = report(crew.bearer(), id, "depart-1", "DEPART", null).statusCode(200).extract().asString();

        assertEquals(first, again);
        assertEquals(1, events(id, "DEPART"));
        Map<String, Object> other = Map.of("type", "ARRIVE", "occurredAt", "2026-11-30T09:05:00+08:00");
        given().header("Authorization", crew.bearer()).header("Idempotency-Key", "depart-1").contentType("application/json")
                .body(other).when().post("/api/v1/visits/" + id + "/events")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:idempotency-key-reused"));
        assertEquals(0, events(id, "ARRIVE"));
    }

    @Test
    void twentyIdenticalArrivalsAtOnceWithoutAKeyAllGetTheVisitBackAndAreRecordedOnce() throws Exception {
        Crew crew = crew();
        String id = scheduled(crew, "09:00", "09:30");
        report(crew.bearer(), id, null, "DEPART", null).statusCode(200);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    start.await();
                    return report(crew.bearer(), id, null, "ARRIVE", null).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (var answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(java.util.Collections.nCopies(20, 200), statuses);
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, events(id, "ARRIVE"));
    }

    @Test
    void anArrivalBeforeItsDepartureRecordsBothAndLateRetriesAreNotErrors() {
        Crew crew = crew();
        String id = scheduled(crew, "09:00", "09:30");
        report(crew.bearer(), id, "arrive-a", "ARRIVE", null).statusCode(200)
                .body("status", equalTo("ON_SITE"))
                .body("events.type", equalTo(List.of("BOOKED", "ASSIGN", "DEPART", "ARRIVE")));
        report(crew.bearer(), id, "depart-late", "DEPART", null).statusCode(200).body("status", equalTo("ON_SITE"));
        report(crew.bearer(), id, "arrive-b", "ARRIVE", null).statusCode(200).body("status", equalTo("ON_SITE"));

        assertEquals(1, events(id, "DEPART"));
        assertEquals(1, events(id, "ARRIVE"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM visit_event WHERE visit_id = ? AND type = 'ARRIVE'"
                + " AND latitude = 28.271203 AND accuracy_meters = 12.5 AND occurred_at IS NOT NULL", UUID.fromString(id)));
    }

    @Test
    void eventsAreRefusedForAnotherTeamInTheWrongStateOrWithoutAReason() {
        Crew crew = crew();
        String id = scheduled(crew, "09:00", "09:30");
        TestStaff stranger = fixtures.fieldAgent(crew.town());
        report("Bearer " + stranger.token(UUID.randomUUID()), id, null, "DEPART", null).statusCode(404);
        report(crew.bearer(), id, null, "COMPLETE", null).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:illegal-transition"))
                .body("currentStatus", equalTo("SCHEDULED"));
        report(crew.bearer(), id, null, "FAIL", null).statusCode(400);
        report(crew.dispatcher().bearer(), id, null, "DEPART", null).statusCode(403);
        given().header("Authorization", crew.bearer()).contentType("application/json")
                .body(Map.of("type", "LEAVE", "occurredAt", "2026-11-30T09:02:11+08:00"))
                .when().post("/api/v1/visits/" + id + "/events").then().statusCode(400);
        given().header("Authorization", crew.bearer()).contentType("application/json")
                .body(Map.of("type", "DEPART", "occurredAt", "2026-11-30T09:02:11+08:00", "latitude", 91))
                .when().post("/api/v1/visits/" + id + "/events").then().statusCode(400);
        given().header("Authorization", crew.bearer()).contentType("application/json")
                .body(Map.of("type", "DEPART", "occurredAt", "+999999-11-30T09:02:11+08:00"))
                .when().post("/api/v1/visits/" + id + "/events").then().statusCode(400);
        assertEquals(0, events(id, "DEPART"));

        report(crew.bearer(), id, null, "DEPART", null).statusCode(200);
        report(crew.bearer(), id, null, "FAIL", "居民不在家").statusCode(200).body("status", equalTo("FAILED"));
        assertTrue(events(id, "FAIL") == 1);
    }

    @Test
    void aVisitBookedByARelativeGivesTheTabletTheirNumberToCallAndTheReadIsAudited() {
        Crew crew = crew();
        String visit = DispatchSteps.visit(crew.town(), crew.operator(), crew.day(), "ANY", "XINYUAN",
                Map.of("name", "胡明", "relation", "CHILD", "phone", "13900000088"));
        assign(crew.dispatcher(), visit, "\"0\"", slot(crew.team(), crew.day(), "10:00", "10:30")).statusCode(200);

        given().header("Authorization", crew.bearer()).queryParam("date", crew.day().toString())
                .when().get("/api/v1/me/visits").then().statusCode(200)
                .body("[0].caller.name", equalTo("胡明")).body("[0].caller.phoneMasked", equalTo("139****0088"))
                .body("[0].caller.phone", equalTo("13900000088"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE actor_id = ? AND action = 'PERSONAL_DATA_READ'"
                + " AND target_type = 'visit' AND target_id = ? AND details->>'field' = 'callerPhone'", crew.agent().id(),
                visit));
    }

    @Test
    void aTabletThatWasRefusedItsLocationSaysSoAndIsNotHeldUp() {
        Crew crew = crew();
        String visit = scheduled(crew, "09:00", "09:30");
        Map<String, Object> denied = Map.of("type", "DEPART", "occurredAt", "2026-11-30T08:40:00+08:00", "location", "DENIED");
        given().header("Authorization", crew.bearer()).contentType("application/json").body(denied)
                .when().post("/api/v1/visits/" + visit + "/events").then().statusCode(200).body("status", equalTo("EN_ROUTE"))
                .body("events.find { it.type == 'DEPART' }.location", equalTo("DENIED"));
        // a position is a fix: it cannot come with a refusal
        Map<String, Object> contradiction = Map.of("type", "ARRIVE", "occurredAt", "2026-11-30T09:02:00+08:00",
                "location", "UNAVAILABLE", "latitude", 28.27, "longitude", 113.86);
        given().header("Authorization", crew.bearer()).contentType("application/json").body(contradiction)
                .when().post("/api/v1/visits/" + visit + "/events").then().statusCode(400)
                .body("errors[0].field", equalTo("location"));
        // a position without a word is a fix, as tablets always sent it
        report(crew.bearer(), visit, null, "ARRIVE", null).statusCode(200);
        assertEquals(List.of(List.of("DEPART", "DENIED"), List.of("ARRIVE", "FIXED")), fixtures.query("SELECT type,"
                + " location_status FROM visit_event WHERE visit_id = ?::uuid AND type IN ('DEPART', 'ARRIVE') ORDER BY id",
                visit));
    }
}
