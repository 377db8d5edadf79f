package org.doorstep.supervision;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.dispatch.DispatchSteps;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;

import io.restassured.response.ValidatableResponse;

/** What supervision tests do: a town with its staff, visits taken to the end of their life, follow-up calls. */
public final class SupervisionSteps {

    private SupervisionSteps() {
    }

    /** A town like Yong'an with one of each console role. */
    record Office(TestTown town, TestStaff operator, TestStaff dispatcher, TestStaff supervisor) {

        static Office of(Fixtures fixtures) {
            TestTown town = fixtures.townLikeYongan();
            return new Office(town, fixtures.staff(town, "operator"), fixtures.staff(town, "dispatcher"),
                    fixtures.staff(town, "supervisor"));
        }

        /** A retirement certification booked through the API for a new resident of the village. */
        String book(Fixtures fixtures, String village) {
            return DispatchSteps.visit(town, operator, DispatchSteps.nextWorkingDay(fixtures), "ANY", village);
        }

        /** A team covering the villages, made through the API, working every day. */
        String team(String... villages) {
            return DispatchSteps.team(dispatcher, List.of(villages), 8);
        }

        void assign(Fixtures fixtures, String visit, String team, String start, String end) {
            DispatchSteps.assign(dispatcher, visit, "\"0\"",
                    DispatchSteps.slot(team, DispatchSteps.nextWorkingDay(fixtures), start, end)).statusCode(200);
        }
    }

    /** A field agent of the team reports from the visit, on a tablet. */
    static void report(TestStaff agent, String visit, String type, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("type", type, "occurredAt", OffsetDateTime.now().toString()));
        if (reason != null) {
            body.put("reason", reason);
        }
        given().header("Authorization", "Bearer " + agent.token(UUID.randomUUID())).contentType("application/json")
                .body(body).when().post("/api/v1/visits/" + visit + "/events").then().statusCode(200);
    }

    /**
     * Closes a visit in the database as the field would have (COMPLETE will soon need captures and a
     * consent, which supervision tests do not care about): the status, the time it closed, and the event.
     */
    public static void close(Fixtures fixtures, String visit, String type, String status, OffsetDateTime at) {
        UUID id = UUID.fromString(visit);
        String from = (String) fixtures.query("SELECT status FROM visit WHERE id = ?", id).get(0).get(0);
        fixtures.update("UPDATE visit SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?", status, at, at, id);
        fixtures.update("INSERT INTO visit_event (visit_id, type, from_status, to_status, actor_id, recorded_at)"
                + " VALUES (?, ?, ?, ?, ?, ?)", id, type, from, status, UUID.randomUUID(), at);
    }

    static ValidatableResponse call(TestStaff operator, String visit, Map<String, Object> body) {
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/visits/" + visit + "/follow-ups").then();
    }

    static Map<String, Object> reached(int satisfaction, boolean resolved) {
        return Map.of("reached", true, "satisfaction", satisfaction, "resolved", resolved, "comment", "老人很满意");
    }

    static Map<String, Object> unreached() {
        return Map.of("reached", false, "comment", "无人接听");
    }
}
