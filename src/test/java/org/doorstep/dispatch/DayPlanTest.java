package org.doorstep.dispatch;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.Fixtures.TestVillage;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class DayPlanTest {

    @Inject
    Fixtures fixtures;

    private static Map<String, Object> ask(LocalDate day) {
        Map<String, Object> body = new HashMap<>();
        body.put("date", day.toString());
        body.put("timeLimitSeconds", 2);
        return body;
    }

    /** Asks for a plan and waits (polling as a client would) until it is no longer SOLVING. */
    private static JsonPath plan(TestStaff dispatcher, Map<String, Object> ask) {
        String location = given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(ask)
                .when().post("/api/v1/dispatch/plans")
                .then().statusCode(202).header("Retry-After", "1").body("status", equalTo("SOLVING"))
                .extract().header("Location");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            JsonPath plan = given().header("Authorization", dispatcher.bearer()).when().get(location)
                    .then().statusCode(200).extract().jsonPath();
            if (!"SOLVING".equals(plan.getString("status"))) {
                return plan;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("the plan was still SOLVING after a minute");
        return null;
    }

    private static io.restassured.response.ValidatableResponse apply(TestStaff dispatcher, String planId) {
        return given().header("Authorization", dispatcher.bearer()).when()
                .post("/api/v1/dispatch/plans/" + planId + "/apply").then();
    }

    private long assigned(TestTown town) {
        return fixtures.count("SELECT count(*) FROM visit WHERE town_id = ? AND team_id IS NOT NULL", town.id());
    }

    /** A town with a dispatcher and an operator, and the next working day. */
    private record Desk(TestTown town, TestStaff dispatcher, TestStaff operator, LocalDate day) {
    }

    private Desk desk() {
        TestTown town = fixtures.townLikeYongan();
        return new Desk(town, fixtures.staff(town, "dispatcher"), fixtures.staff(town, "operator"),
                nextWorkingDay(fixtures));
    }

    private static double km(TestVillage a, TestVillage b) {
        double p1 = Math.toRadians(a.latitude());
        double p2 = Math.toRadians(b.latitude());
        double dp = p2 - p1;
        double dl = Math.toRadians(b.longitude() - a.longitude());
        double h = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
        return 2 * 6371.0 * Math.asin(Math.sqrt(h));
    }

    /** Minutes on the road between villages: 1.4 × the straight line at 30 km/h, rounded up. */
    private static long travel(TestVillage a, TestVillage b) {
        return (long) Math.ceil(km(a, b) * 1.4 / 30 * 60);
    }

    @Test
    void aPlannedDayBreaksNoRuleAndApplyingItAssignsTheVisits() {
        TestTown yongan = fixtures.townLikeYongan();
        TestVillage lonely = fixtures.village(yongan.id(), "LONELY", "孤山村", 28.3300, 113.9300);
        List<TestVillage> all = new ArrayList<>(yongan.villages());
        all.add(lonely);
        TestTown town = new TestTown(yongan.id(), yongan.code(), yongan.name(), all);
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay(fixtures);
        Map<String, TestVillage> villagesById = new HashMap<>();
        town.villages().forEach(v -> villagesById.put(v.id().toString(), v));
        String west = team(dispatcher, List.of(town.village("XINYUAN").id().toString(),
                town.village("FURONG").id().toString()), 5);
        String east = team(dispatcher, List.of(town.village("FURONG").id().toString(),
                town.village("YONGHE").id().toString()), 5);
        Map<String, Set<String>> covers = Map.of(west, Set.of(town.village("XINYUAN").id().toString(),
                town.village("FURONG").id().toString()), east,
                Set.of(town.village("FURONG").id().toString(),
                        town.village("YONGHE").id().toString()));

        String kept = visit(town, operator, day, "MORNING", "XINYUAN");
        assign(dispatcher, kept, "\"0\"", slot(west, day, "09:00", "09:30")).statusCode(200);
        Map<String, String> periods = new LinkedHashMap<>();
        String[] villages = { "XINYUAN", "FURONG", "YONGHE" };
        String[] parts = { "MORNING", "AFTERNOON", "ANY" };
        for (int i = 0; i < 11; i++) {
            periods.put(visit(town, operator, day, parts[i % 3], villages[i % 3]), parts[i % 3]);
        }
        String nowhere = visit(town, operator, day, "ANY", "LONELY");
        periods.put(nowhere, "ANY");

        JsonPath plan = plan(dispatcher, ask(day));
        assertEquals("PROPOSED", plan.getString("status"));

        // every rule, checked here from the request's own data, not from the solver's score
        Set<String> seen = new HashSet<>();
        int placed = 0;
        for (int t = 0; t < plan.getList("proposal.teams").size(); t++) {
            String prefix = "proposal.teams[" + t + "].";
            String teamId = plan.getString(prefix + "teamId");
            List<Map<String, Object>> route = plan.getList(prefix + "route");
            assertTrue(route.size() <= 5, "at most the team's daily maximum");
            OffsetDateTime previousEnd = null;
            TestVillage previousVillage = null;
            for (Map<String, Object> stop : route) {
                String visitId = (String) stop.get("visitId");
                OffsetDateTime start = OffsetDateTime.parse((String) stop.get("start"));
                OffsetDateTime end = OffsetDateTime.parse((String) stop.get("end"));
                TestVillage village = villagesById.get((String) stop.get("villageId"));
                if (Boolean.TRUE.equals(stop.get("fixed"))) {
                    assertEquals(kept, visitId);
                    assertEquals(west, teamId);
                } else {
                    assertTrue(seen.add(visitId), "placed once");
                    placed++;
                    assertTrue(covers.get(teamId).contains(village.id().toString()), "the team covers the village");
                    assertEquals(day, start.toLocalDate());
                    assertTrue(Duration.between(start, end).toMinutes() >= 30, "long enough for the service");
                    LocalTime from = start.toLocalTime();
                    LocalTime to = end.toLocalTime();
                    boolean morning = !from.isBefore(LocalTime.of(8, 30)) && !to.isAfter(LocalTime.of(12, 0));
                    boolean afternoon = !from.isBefore(LocalTime.of(14, 30)) && !to.isAfter(LocalTime.of(17, 30));
                    assertTrue(morning || afternoon, "inside working hours, not over lunch: " + from + "–" + to);
                    String period = periods.get(visitId);
                    assertTrue(!"MORNING".equals(period) || morning, "a morning visit in the morning");
                    assertTrue(!"AFTERNOON".equals(period) || afternoon, "an afternoon visit in the afternoon");
                }
                if (previousEnd != null) {
                    long needed = travel(previousVillage, village);
                    assertTrue(!start.isBefore(previousEnd.plusMinutes(needed)),
                            "no overlap, and " + needed + " minutes to get from " + previousVillage.name() + " to "
                                    + village.name() + ": " + previousEnd + " → " + start);
                }
                previousEnd = end;
                previousVillage = village;
            }
        }
        List<Map<String, Object>> unplaced = plan.getList("proposal.unplaced");
        for (Map<String, Object> left : unplaced) {
            assertTrue(seen.add((String) left.get("visitId")), "left out once, and not also placed");
        }
        assertEquals(periods.keySet(), seen, "every visit is either placed or left out");
        assertTrue(unplaced.stream().anyMatch(l -> nowhere.equals(l.get("visitId"))
                && "NO_TEAM_COVERS_VILLAGE".equals(l.get("reason"))), "the village no team covers is explained");
        assertTrue(plan.getBoolean("proposal.feasible"));
        assertTrue(placed >= 8, "two teams of five, one visit kept: at least eight placed, got " + placed);

        String id = plan.getString("id");
        apply(dispatcher, id).statusCode(200).body("status", equalTo("APPLIED"));
        for (int t = 0; t < plan.getList("proposal.teams").size(); t++) {
            String teamId = plan.getString("proposal.teams[" + t + "].teamId");
            for (Map<String, Object> stop : plan.<Map<String, Object>> getList("proposal.teams[" + t + "].route")) {
                given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/visits/" + stop.get("visitId"))
                        .then().statusCode(200).body("status", equalTo("SCHEDULED"))
                        .body("assignment.teamId", equalTo(teamId))
                        .body("assignment.start", equalTo(stop.get("start")));
            }
        }
        assertEquals(placed + 1, assigned(town));
        apply(dispatcher, id).statusCode(409).body("type", equalTo("urn:doorstep:problem:plan-already-applied"));
    }

    @Test
    void applyingAPlanAfterAVisitChangedIsRefusedAndChangesNothing() {
        Desk desk = desk();
        TestTown town = desk.town();
        TestStaff dispatcher = desk.dispatcher();
        TestStaff operator = desk.operator();
        LocalDate day = desk.day();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        List<String> visits = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            visits.add(visit(town, operator, day, "ANY"));
        }
        JsonPath plan = plan(dispatcher, ask(day));
        assertEquals(3, plan.getList("proposal.teams[0].route").size());

        assign(dispatcher, visits.get(1), "\"0\"", slot(team, day, "16:00", "16:30")).statusCode(200);
        apply(dispatcher, plan.getString("id")).statusCode(409).body("type", equalTo("urn:doorstep:problem:plan-stale"))
                .body("changed", hasItem(visits.get(1)));

        assertEquals(1, assigned(town));
        given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/dispatch/plans/" + plan.getString("id"))
                .then().statusCode(200).body("status", equalTo("PROPOSED"));
        given().header("Authorization", dispatcher.bearer()).queryParam("date", day.toString())
                .when().get("/api/v1/dispatch/plans")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(plan.getString("id")))
                .body("items[0].placed", equalTo(3)).body("items[0].leftOut", equalTo(0));
    }

    @Test
    void aPlanMovesScheduledVisitsOnlyWhenAskedTo() {
        Desk desk = desk();
        TestTown town = desk.town();
        TestStaff dispatcher = desk.dispatcher();
        TestStaff operator = desk.operator();
        LocalDate day = desk.day();
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String late = visit(town, operator, day, "ANY");
        assign(dispatcher, late, "\"0\"", slot(team, day, "17:00", "17:30")).statusCode(200);
        String waiting = visit(town, operator, day, "ANY");

        JsonPath kept = plan(dispatcher, ask(day));
        assertEquals(List.of(late), kept.getList("proposal.teams[0].route.findAll { it.fixed }.visitId"));
        assertEquals(List.of(waiting), kept.getList("proposal.teams[0].route.findAll { !it.fixed }.visitId"));

        Map<String, Object> replan = ask(day);
        replan.put("replanScheduled", true);
        JsonPath moved = plan(dispatcher, replan);
        assertEquals(List.of(false, false), moved.getList("proposal.teams[0].route.fixed"));
        assertTrue(moved.getList("proposal.teams[0].route.visitId").containsAll(List.of(late, waiting)));
        apply(dispatcher, moved.getString("id")).statusCode(200);
        given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/visits/" + late).then().statusCode(200)
                .body("events.type", equalTo(List.of("BOOKED", "ASSIGN", "REASSIGN")));
    }

    @Test
    void aDayWithNothingToPlaceIsAnsweredAtOnce() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        LocalDate day = nextWorkingDay(fixtures);
        team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(ask(day))
                .when().post("/api/v1/dispatch/plans")
                .then().statusCode(201).header("Location", org.hamcrest.Matchers.containsString("/api/v1/dispatch/plans/"))
                .body("status", equalTo("PROPOSED"))
                .body("proposal.unplaced", equalTo(List.of()))
                .body("proposal.teams[0].route", equalTo(List.of()));
    }

    @Test
    void aPlanIsRefusedForAPastDayADayOffAndBadInput() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        LocalDate sunday = nextWorkingDay(fixtures).plusWeeks(1);
        while (sunday.getDayOfWeek() != DayOfWeek.SUNDAY
                || fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", sunday) > 0) {
            sunday = sunday.plusDays(1);
        }
        given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(ask(LocalDate.now(DispatchSteps.TOWN).minusDays(2))).when().post("/api/v1/dispatch/plans")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:date-in-past"));
        given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(ask(sunday))
                .when().post("/api/v1/dispatch/plans")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:not-a-working-day"));
        given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(Map.of("date", "2026-13-40")).when().post("/api/v1/dispatch/plans")
                .then().statusCode(400);
        given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(Map.of("date", "+999999-01-01")).when().post("/api/v1/dispatch/plans")
                .then().statusCode(400).body("errors[0].field", equalTo("date"))
                .body("errors[0].code", equalTo("within-days"));
        given().header("Authorization", dispatcher.bearer()).queryParam("date", "+999999-01-01")
                .when().get("/api/v1/dispatch/board").then().statusCode(400);
        given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(Map.of("date", nextWorkingDay(fixtures).toString(), "timeLimitSeconds", 0))
                .when().post("/api/v1/dispatch/plans").then().statusCode(400);
        given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(Map.of())
                .when().post("/api/v1/dispatch/plans").then().statusCode(400);
        TestStaff operator = fixtures.staff(town, "operator");
        given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(ask(nextWorkingDay(fixtures))).when().post("/api/v1/dispatch/plans").then().statusCode(403);
        given().header("Authorization", dispatcher.bearer()).when()
                .get("/api/v1/dispatch/plans/not-a-uuid").then().statusCode(404);
    }

    @Test
    void oneTownCannotFillThePlannersQueue() {
        Desk desk = desk();
        for (int i = 0; i < 2; i++) { // two plans of the town being solved by another instance
            fixtures.update("INSERT INTO dispatch_plan (id, town_id, plan_date, status, replan_scheduled, time_limit_seconds,"
                    + " requested_by, requested_at, snapshot, lease_owner, lease_until, attempts) VALUES (?, ?, ?,"
                    + " 'SOLVING', false, 30, ?, now(), '{}'::jsonb, 'another-instance', now() + interval '1 hour', 1)",
                    UUID.randomUUID(), desk.town().id(), desk.day(), desk.dispatcher().id());
        }
        given().header("Authorization", desk.dispatcher().bearer()).contentType("application/json").body(ask(desk.day()))
                .when().post("/api/v1/dispatch/plans")
                .then().statusCode(503).header("Retry-After", "5")
                .body("type", equalTo("urn:doorstep:problem:planner-busy"));
        Desk other = desk();
        given().header("Authorization", other.dispatcher().bearer()).contentType("application/json").body(ask(other.day()))
                .when().post("/api/v1/dispatch/plans").then().statusCode(201);
    }

    @Test
    void aPlanWhoseInstanceStoppedIsTakenOverAndOneThatLostEveryAttemptFailsWithAReasonUnasked() {
        Desk desk = desk();
        UUID orphaned = UUID.randomUUID();
        UUID lost = UUID.randomUUID();
        // what an instance killed in the middle of solving leaves: a lease that has run out
        fixtures.update("INSERT INTO dispatch_plan (id, town_id, plan_date, status, replan_scheduled, time_limit_seconds,"
                + " requested_by, requested_at, snapshot, lease_owner, lease_until, attempts) VALUES (?, ?, ?, 'SOLVING',"
                + " false, 5, ?, now(), '{}'::jsonb, 'a-stopped-instance', now() - interval '1 second', 1)", orphaned,
                desk.town().id(), desk.day(), desk.dispatcher().id());
        fixtures.update("INSERT INTO dispatch_plan (id, town_id, plan_date, status, replan_scheduled, time_limit_seconds,"
                + " requested_by, requested_at, snapshot, lease_owner, lease_until, attempts) VALUES (?, ?, ?, 'SOLVING',"
                + " false, 5, ?, now(), '{}'::jsonb, 'a-stopped-instance', now() - interval '1 second', ?)", lost,
                desk.town().id(), desk.day(), desk.dispatcher().id(), PlanRunner.MAX_ATTEMPTS);

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (fixtures.count("SELECT count(*) FROM dispatch_plan WHERE id IN (?, ?) AND status = 'SOLVING'", orphaned,
                lost) > 0 && System.nanoTime() < deadline) {
            sleep(100);
        }
        given().header("Authorization", desk.dispatcher().bearer()).when().get("/api/v1/dispatch/plans/" + orphaned)
                .then().statusCode(200).body("status", equalTo("PROPOSED"));
        given().header("Authorization", desk.dispatcher().bearer()).when().get("/api/v1/dispatch/plans/" + lost)
                .then().statusCode(200).body("status", equalTo("FAILED"))
                .body("failure", org.hamcrest.Matchers.containsString("interrupted " + PlanRunner.MAX_ATTEMPTS + " times"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM dispatch_plan WHERE id IN (?, ?) AND lease_owner IS NOT NULL",
                orphaned, lost));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
    }

    @Test
    void anotherTownsDispatcherCannotSeeOrApplyAPlan() {
        TestTown yongan = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(yongan, "dispatcher");
        TestStaff operator = fixtures.staff(yongan, "operator");
        LocalDate day = nextWorkingDay(fixtures);
        team(dispatcher, List.of(yongan.village("XINYUAN").id().toString()), 8);
        visit(yongan, operator, day, "ANY");
        JsonPath plan = plan(dispatcher, ask(day));

        TestTown guandu = fixtures.townLikeYongan();
        TestStaff stranger = fixtures.staff(guandu, "dispatcher");
        given().header("Authorization", stranger.bearer()).when().get("/api/v1/dispatch/plans")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", stranger.bearer()).when().get("/api/v1/dispatch/plans/" + plan.getString("id"))
                .then().statusCode(404);
        apply(stranger, plan.getString("id")).statusCode(404);
        assertEquals(0, assigned(yongan));
    }

    @Test
    void whileAPlanIsSolvingItsProgressIsReadableAndMovesUntilItStops() {
        Desk desk = desk();
        List<String> everywhere = desk.town().villages().stream().map(v -> v.id().toString()).toList();
        team(desk.dispatcher(), everywhere, 6);
        team(desk.dispatcher(), everywhere, 6);
        for (int i = 0; i < 10; i++) {
            visit(desk.town(), desk.operator(), desk.day(), i % 2 == 0 ? "MORNING" : "ANY",
                    desk.town().villages().get(i % 3).code());
        }
        Map<String, Object> ask = ask(desk.day());
        ask.put("timeLimitSeconds", 3);
        String location = given().header("Authorization", desk.dispatcher().bearer()).contentType("application/json")
                .body(ask).when().post("/api/v1/dispatch/plans").then().statusCode(202).extract().header("Location");
        List<String> readings = new ArrayList<>();
        JsonPath plan;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        do {
            plan = given().header("Authorization", desk.dispatcher().bearer()).when().get(location).then().statusCode(200)
                    .extract().jsonPath();
            if ("SOLVING".equals(plan.getString("status")) && plan.get("progress") != null) {
                assertEquals(10, plan.getInt("progress.visitsToPlace"));
                assertEquals(3, plan.getInt("progress.timeLimitSeconds"));
                readings.add(plan.getString("progress.elapsedSeconds") + "/" + plan.getString("progress.visitsPlaced"));
            }
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        } while ("SOLVING".equals(plan.getString("status")) && System.nanoTime() < deadline);
        assertEquals("PROPOSED", plan.getString("status"));
        assertTrue(readings.stream().distinct().count() >= 2, "the progress moved while solving: " + readings);
        assertTrue(plan.getDouble("progress.elapsedSeconds") > 0 && plan.getDouble("progress.elapsedSeconds") <= 3 + 1);
        assertEquals(plan.getString("proposal.score"), plan.getString("progress.bestScore"),
                "the last progress is the proposal's score: " + plan.getString("progress.bestScore"));
        int proposed = plan.getList("proposal.teams", Map.class).stream()
                .mapToInt(route -> ((List<?>) route.get("route")).size()).sum();
        assertTrue(plan.getInt("progress.visitsPlaced") >= proposed, "the best solution places what the proposal places,"
                + " or more before any visit breaking a hard rule is set aside: " + plan.getInt("progress.visitsPlaced")
                + " against " + proposed);
    }
}
