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

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class DispatchTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @Inject
    Fixtures fixtures;

    @Test
    void aVisitIsAssignedToATeamAndTheBoardShowsIt() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String first = DispatchSteps.visit(town, operator, day, "MORNING");
        String second = DispatchSteps.visit(town, operator, day, "MORNING");
        String waiting = DispatchSteps.visit(town, operator, day, "AFTERNOON");

        DispatchSteps.assign(dispatcher, first, "\"0\"", DispatchSteps.slot(team, day, "09:00", "09:40")).statusCode(200)
                .header("ETag", "\"1\"")
                .body("status", equalTo("SCHEDULED"))
                .body("assignment.teamId", equalTo(team))
                .body("assignment.start", equalTo(DispatchSteps.at(day, "09:00")))
                .body("events.type", equalTo(List.of("BOOKED", "ASSIGN")));
        DispatchSteps.assign(dispatcher, second, "\"0\"", DispatchSteps.slot(team, day, "09:40", "10:20")).statusCode(200);

        given().header("Authorization", dispatcher.bearer()).queryParam("date", day.toString())
                .when().get("/api/v1/dispatch/board")
                .then().statusCode(200)
                .body("teams.find { it.teamId == '" + team + "' }.visits.visit.id", equalTo(List.of(first, second)))
                .body("teams.find { it.teamId == '" + team + "' }.visits[1].travelMinutesFromPrevious", equalTo(0))
                .body("unassigned.id", hasItem(waiting))
                .body("unassigned.id", not(hasItem(first)));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/visits/" + first)
                .then().statusCode(200).body("assignment.end", equalTo(DispatchSteps.at(day, "09:40")));
    }

    @Test
    void tenDispatchersRacingForOverlappingSlotsGetOneSuccess() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 20);
        List<String> visits = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            visits.add(DispatchSteps.visit(town, operator, day, "ANY"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String visit = visits.get(i);
                String start = "09:" + String.format("%02d", i * 2);
                answers.add(
                        pool.submit(() -> DispatchSteps
                                .assign(dispatcher, visit, "\"0\"",
                                        DispatchSteps.slot(team, day, start, "10:" + start.substring(3)))
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
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 1);
        String elsewhere = DispatchSteps.team(dispatcher, List.of(town.village("FURONG").id().toString()), 8);
        String visit = DispatchSteps.visit(town, operator, day, "MORNING");

        DispatchSteps.assign(dispatcher, visit, null, DispatchSteps.slot(team, day, "09:00", "09:40")).statusCode(428)
                .body("type", equalTo("urn:doorstep:problem:precondition-required"));
        DispatchSteps.assign(dispatcher, visit, "\"7\"", DispatchSteps.slot(team, day, "09:00", "09:40")).statusCode(412)
                .body("type", equalTo("urn:doorstep:problem:precondition-failed"));
        Map<String, String> broken = Map.of(
                "village-not-covered", elsewhere + "|09:00|09:40",
                "outside-working-hours", team + "|11:40|12:20",
                "slot-too-short", team + "|09:00|09:10",
                "slot-not-forward", team + "|10:00|09:00",
                "outside-preferred-period", team + "|15:00|15:40");
        broken.forEach((type, s) -> {
            String[] p = s.split("\\|");
            DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(p[0], day, p[1], p[2])).statusCode(422)
                    .body("type", equalTo("urn:doorstep:problem:" + type));
        });
        LocalDate past = LocalDate.now(TOWN).minusDays(1);
        DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(team, past, "09:00", "09:40")).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:slot-in-past"));
        Map<String, Object> farAway = new HashMap<>();
        farAway.put("teamId", team);
        farAway.put("start", "+999999-01-03T09:00:00+08:00");
        farAway.put("end", "+999999-01-03T09:40:00+08:00");
        DispatchSteps.assign(dispatcher, visit, "\"0\"", farAway).statusCode(400)
                .body("errors[0].field", equalTo("start")).body("errors[0].code", equalTo("within-days"));
        LocalDate saturday = day.with(java.time.temporal.TemporalAdjusters.next(DayOfWeek.SATURDAY));
        if (fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", saturday) == 0) {
            DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(team, saturday, "09:00", "09:40"))
                    .statusCode(422)
                    .body("type", equalTo("urn:doorstep:problem:not-a-working-day"));
        }

        Map<String, Object> overridden = DispatchSteps.slot(team, day, "15:00", "15:40");
        overridden.put("overridePreference", true);
        overridden.put("reason", "已电话确认：居民同意下午上门");
        DispatchSteps.assign(dispatcher, visit, "\"0\"", overridden).statusCode(200)
                .body("events[1].reason", equalTo("preference overridden: 已电话确认：居民同意下午上门"));

        String another = DispatchSteps.visit(town, operator, day, "ANY");
        DispatchSteps.assign(dispatcher, another, "\"0\"", DispatchSteps.slot(team, day, "09:00", "09:40")).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:team-full"));
    }

    @Test
    void aScheduledVisitIsTakenBackAndFreesItsSlot() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String one = DispatchSteps.visit(town, operator, day, "ANY");
        String two = DispatchSteps.visit(town, operator, day, "ANY");
        DispatchSteps.assign(dispatcher, one, "\"0\"", DispatchSteps.slot(team, day, "14:30", "15:10")).statusCode(200);
        DispatchSteps.assign(dispatcher, two, "\"0\"", DispatchSteps.slot(team, day, "14:40", "15:20")).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:team-busy"));

        given().header("Authorization", dispatcher.bearer()).when().delete("/api/v1/visits/" + one + "/assignment")
                .then().statusCode(200).body("status", equalTo("REQUESTED")).body("assignment", nullValue());
        DispatchSteps.assign(dispatcher, two, "\"0\"", DispatchSteps.slot(team, day, "14:40", "15:20")).statusCode(200);
    }

    @Test
    void anotherTownsDispatcherCannotSeeOrAssignTeamsOrVisits() {
        TestTown yongan = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(yongan, "dispatcher");
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(yongan.village("XINYUAN").id().toString()), 8);
        String visit = DispatchSteps.visit(yongan, fixtures.staff(yongan, "operator"), day, "ANY");
        TestTown guandu = fixtures.townLikeYongan();
        TestStaff guanduDispatcher = fixtures.staff(guandu, "dispatcher");
        String guanduTeam = DispatchSteps.team(guanduDispatcher, List.of(guandu.village("XINYUAN").id().toString()), 8);

        given().header("Authorization", guanduDispatcher.bearer()).when().get("/api/v1/teams/" + team)
                .then().statusCode(404);
        given().header("Authorization", guanduDispatcher.bearer()).when().get("/api/v1/teams")
                .then().statusCode(200).body("items.id", not(hasItem(team)));
        DispatchSteps.assign(guanduDispatcher, visit, "\"0\"", DispatchSteps.slot(guanduTeam, day, "09:00", "09:40"))
                .statusCode(404);
        DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(guanduTeam, day, "09:00", "09:40")).statusCode(404);
    }

    @Test
    void aTeamIsChangedWithItsETag() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
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
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString(),
                town.village("YONGHE").id().toString()), 8);
        String taken = DispatchSteps.visit(town, operator, day, "MORNING");
        DispatchSteps.assign(dispatcher, taken, "\"0\"", DispatchSteps.slot(team, day, "08:30", "09:00")).statusCode(200);
        String wanted = DispatchSteps.visit(town, operator, day, "MORNING");

        var answer = given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("visitId", wanted, "limit", 3)).when().post("/api/v1/dispatch/recommendations")
                .then().statusCode(200).extract().jsonPath();
        List<Map<String, Object>> options = answer.getList("options");
        assertEquals(3, options.size());
        assertEquals(team, options.get(0).get("teamId"));
        assertEquals(DispatchSteps.at(day, "09:00"), options.get(0).get("start"));
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
        LocalDate day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String visit = DispatchSteps.visit(town, operator, day, "ANY");
        String other = DispatchSteps.visit(town, operator, day, "ANY");
        DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(team, day, "10:00", "10:40")).statusCode(200);
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
