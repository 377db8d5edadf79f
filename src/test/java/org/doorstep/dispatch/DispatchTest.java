package org.doorstep.dispatch;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class DispatchTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @Inject
    Fixtures fixtures;

    /** The next working day after today that the calendar does not list (Monday to Friday). */
    private LocalDate nextWorkingDay() {
        LocalDate day = LocalDate.now(TOWN).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", day) > 0) {
            day = day.plusDays(1);
        }
        return day;
    }

    private static String at(LocalDate day, String time) {
        return day + "T" + time + ":00+08:00";
    }

    private String team(TestStaff dispatcher, List<String> villages, int max) {
        List<Map<String, Object>> hours = new ArrayList<>();
        for (int d = 1; d <= 7; d++) {
            hours.add(Map.of("weekday", d, "start", "08:30", "end", "12:00"));
            hours.add(Map.of("weekday", d, "start", "14:30", "end", "17:30"));
        }
        return given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(Map.of("name", "队" + Fixtures.randomLetters(6), "villageIds", villages, "hours", hours,
                        "maxVisitsPerDay", max))
                .when().post("/api/v1/teams").then().statusCode(201).extract().path("id");
    }

    private String visit(TestTown town, TestStaff operator, LocalDate day, String period) {
        Map<String, Object> resident = new HashMap<>();
        resident.put("idNumber", IdNumbers.random());
        resident.put("name", "居民");
        resident.put("phone", "13807310042");
        resident.put("villageId", town.village("XINYUAN").id().toString());
        resident.put("address", "心源村");
        String residentId = given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(resident).when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        Map<String, Object> booking = new HashMap<>();
        booking.put("residentId", residentId);
        booking.put("serviceTypeCode", "RETIREMENT_CERTIFICATION");
        booking.put("channel", "TOWN_PHONE");
        booking.put("caller", Map.of("name", "本人", "relation", "SELF", "phone", "13807310042"));
        booking.put("preferredDate", day.toString());
        booking.put("preferredPeriod", period);
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(booking)
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    private static ValidatableResponse assign(TestStaff dispatcher, String visit, String etag, Map<String, Object> body) {
        var request = given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.when().put("/api/v1/visits/" + visit + "/assignment").then();
    }

    private static Map<String, Object> slot(String team, LocalDate day, String start, String end) {
        Map<String, Object> body = new HashMap<>();
        body.put("teamId", team);
        body.put("start", at(day, start));
        body.put("end", at(day, end));
        return body;
    }

    @Test
    void aVisitIsAssignedToATeamAndTheBoardShowsIt() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String first = visit(town, operator, day, "MORNING");
        String second = visit(town, operator, day, "MORNING");
        String waiting = visit(town, operator, day, "AFTERNOON");

        assign(dispatcher, first, "\"0\"", slot(team, day, "09:00", "09:40")).statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("SCHEDULED"))
                .body("assignment.teamId", equalTo(team))
                .body("assignment.start", equalTo(at(day, "09:00")))
                .body("events.type", equalTo(List.of("BOOKED", "ASSIGN")));
        assign(dispatcher, second, "\"0\"", slot(team, day, "09:40", "10:20")).statusCode(200);

        given().header("Authorization", dispatcher.bearer()).queryParam("date", day.toString())
                .when().get("/api/v1/dispatch/board")
                .then().statusCode(200)
                .body("teams.find { it.teamId == '" + team + "' }.visits.visit.id", equalTo(List.of(first, second)))
                .body("teams.find { it.teamId == '" + team + "' }.visits[1].travelMinutesFromPrevious", equalTo(0))
                .body("unassigned.id", hasItem(waiting))
                .body("unassigned.id", not(hasItem(first)));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/visits/" + first)
                .then().statusCode(200).body("assignment.end", equalTo(at(day, "09:40")));
    }

    @Test
    void tenDispatchersRacingForOverlappingSlotsGetOneSuccess() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 20);
        List<String> visits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            visits.add(visit(town, operator, day, "ANY"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String visit = visits.get(i);
                String start = "09:" + String.format("%02d", i * 2);
                answers.add(
                        pool.submit(() -> assign(dispatcher, visit, "\"0\"", slot(team, day, start, "10:" + start.substring(3)))
                                .extract().statusCode()));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
            assertEquals(9, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM visit WHERE team_id = ?::uuid", team));
    }

    @Test
    void everyRuleHasItsOwnProblemType() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 1);
        String elsewhere = team(dispatcher, List.of(town.village("FURONG").id().toString()), 8);
        String visit = visit(town, operator, day, "MORNING");

        assign(dispatcher, visit, null, slot(team, day, "09:00", "09:40")).statusCode(428)
                .body("type", equalTo("urn:doorstep:problem:precondition-required"));
        assign(dispatcher, visit, "\"7\"", slot(team, day, "09:00", "09:40")).statusCode(412)
                .body("type", equalTo("urn:doorstep:problem:precondition-failed"));
        Map<String, String> broken = Map.of(
                "village-not-covered", elsewhere + "|09:00|09:40",
                "outside-working-hours", team + "|11:40|12:20",
                "slot-too-short", team + "|09:00|09:10",
                "slot-not-forward", team + "|10:00|09:00",
                "outside-preferred-period", team + "|15:00|15:40");
        broken.forEach((type, s) -> {
            String[] p = s.split("\\|");
            assign(dispatcher, visit, "\"0\"", slot(p[0], day, p[1], p[2])).statusCode(422)
                    .body("type", equalTo("urn:doorstep:problem:" + type));
        });
        LocalDate past = LocalDate.now(TOWN).minusDays(1);
        assign(dispatcher, visit, "\"0\"", slot(team, past, "09:00", "09:40")).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:slot-in-past"));
        LocalDate saturday = day.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.SATURDAY));
        if (fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", saturday) == 0) {
            assign(dispatcher, visit, "\"0\"", slot(team, saturday, "09:00", "09:40")).statusCode(422)
                    .body("type", equalTo("urn:doorstep:problem:not-a-working-day"));
        }

        Map<String, Object> overridden = slot(team, day, "15:00", "15:40");
        overridden.put("overridePreference", true);
        overridden.put("reason", "已电话确认：居民同意下午上门");
        assign(dispatcher, visit, "\"0\"", overridden).statusCode(200)
                .body("events[1].reason", equalTo("preference overridden: 已电话确认：居民同意下午上门"));

        String another = visit(town, operator, day, "ANY");
        assign(dispatcher, another, "\"0\"", slot(team, day, "09:00", "09:40")).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:team-full"));
    }

    @Test
    void aScheduledVisitIsTakenBackAndFreesItsSlot() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String one = visit(town, operator, day, "ANY");
        String two = visit(town, operator, day, "ANY");
        assign(dispatcher, one, "\"0\"", slot(team, day, "14:30", "15:10")).statusCode(200);
        assign(dispatcher, two, "\"0\"", slot(team, day, "14:40", "15:20")).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:team-busy"));

        given().header("Authorization", dispatcher.bearer()).when().delete("/api/v1/visits/" + one + "/assignment")
                .then().statusCode(200).body("status", equalTo("REQUESTED")).body("assignment", nullValue());
        assign(dispatcher, two, "\"0\"", slot(team, day, "14:40", "15:20")).statusCode(200);
    }

    @Test
    void anotherTownsDispatcherCannotSeeOrAssignTeamsOrVisits() {
        TestTown yongan = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(yongan, "dispatcher");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(yongan.village("XINYUAN").id().toString()), 8);
        String visit = visit(yongan, fixtures.staff(yongan, "operator"), day, "ANY");
        TestTown guandu = fixtures.townLikeYongan();
        TestStaff guanduDispatcher = fixtures.staff(guandu, "dispatcher");
        String guanduTeam = team(guanduDispatcher, List.of(guandu.village("XINYUAN").id().toString()), 8);

        given().header("Authorization", guanduDispatcher.bearer()).when().get("/api/v1/teams/" + team)
                .then().statusCode(404);
        given().header("Authorization", guanduDispatcher.bearer()).when().get("/api/v1/teams")
                .then().statusCode(200).body("items.id", not(hasItem(team)));
        assign(guanduDispatcher, visit, "\"0\"", slot(guanduTeam, day, "09:00", "09:40")).statusCode(404);
        assign(dispatcher, visit, "\"0\"", slot(guanduTeam, day, "09:00", "09:40")).statusCode(404);
    }

    @Test
    void aTeamIsChangedWithItsETag() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String etag = given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/teams/" + team)
                .then().statusCode(200).extract().header("ETag");

        given().header("Authorization", dispatcher.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("villageIds", List.of(town.village("FURONG").id().toString()), "maxVisitsPerDay", 6))
                .when().patch("/api/v1/teams/" + team)
                .then().statusCode(200)
                .body("villageIds", equalTo(List.of(town.village("FURONG").id().toString())))
                .body("maxVisitsPerDay", equalTo(6));
        given().header("Authorization", dispatcher.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("name", "改名")).when().patch("/api/v1/teams/" + team).then().statusCode(412);
        given().header("Authorization", fixtures.staff(town, "operator").bearer()).when().get("/api/v1/teams")
                .then().statusCode(403);
    }

    @Test
    void recommendationsAvoidTakenSlotsAndLeaveRoomForTravel() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString(),
                town.village("YONGHE").id().toString()), 8);
        String taken = visit(town, operator, day, "MORNING");
        assign(dispatcher, taken, "\"0\"", slot(team, day, "08:30", "09:00")).statusCode(200);
        String wanted = visit(town, operator, day, "MORNING");

        var answer = given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("visitId", wanted, "limit", 3)).when().post("/api/v1/dispatch/recommendations")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> options = answer.getList("options");
        assertEquals(3, options.size());
        assertEquals(team, options.get(0).get("teamId"));
        assertEquals(at(day, "09:00"), options.get(0).get("start"));
        assertEquals(Boolean.TRUE, options.get(0).get("withinPreferredPeriod"));

        // The first option is accepted as it is.
        Map<String, Object> best = new HashMap<>();
        best.put("teamId", options.get(0).get("teamId"));
        best.put("start", options.get(0).get("start"));
        best.put("end", options.get(0).get("end"));
        given().header("Authorization", dispatcher.bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(best).when().put("/api/v1/visits/" + wanted + "/assignment").then().statusCode(200);
    }

    @Test
    void fieldAgentsReadOnlyTheirTeamsVisitsAndTheListFiltersByTeam() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String visit = visit(town, operator, day, "ANY");
        String other = visit(town, operator, day, "ANY");
        assign(dispatcher, visit, "\"0\"", slot(team, day, "10:00", "10:40")).statusCode(200);
        TestStaff member = fixtures.staff(town.id(), java.util.UUID.fromString(team), "field_agent");
        TestStaff stranger = fixtures.fieldAgent(town);

        given().header("Authorization", "Bearer " + member.token(java.util.UUID.randomUUID()))
                .when().get("/api/v1/visits/" + visit).then().statusCode(200).body("assignment.teamId", equalTo(team));
        given().header("Authorization", "Bearer " + member.token(java.util.UUID.randomUUID()))
                .when().get("/api/v1/visits/" + other).then().statusCode(404);
        given().header("Authorization", "Bearer " + stranger.token(java.util.UUID.randomUUID()))
                .when().get("/api/v1/visits/" + visit).then().statusCode(404);
        given().header("Authorization", dispatcher.bearer()).queryParam("teamId", team).when().get("/api/v1/visits")
                .then().statusCode(200).body("items.id", equalTo(List.of(visit)));
    }
}
