package org.doorstep.dispatch;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A board screen learns cheaply whether its day changed: 304 while it did not, the new board when it did. */
@QuarkusTest
class BoardChangesTest {

    @Inject
    Fixtures fixtures;

    private static String etag(TestStaff dispatcher, LocalDate day, String ifNoneMatch, int status) {
        var request = given().header("Authorization", dispatcher.bearer()).queryParam("date", day.toString());
        if (ifNoneMatch != null) {
            request.header("If-None-Match", ifNoneMatch);
        }
        return request.when().get("/api/v1/dispatch/board").then().statusCode(status).extract().header("ETag");
    }

    @Test
    void theBoardsEtagHoldsUntilSomethingOnItChangesAndNotWhenAnotherTownChanges() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        LocalDate day = nextWorkingDay(fixtures);
        String team = team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String visit = visit(town, operator, day, "ANY");

        String first = etag(dispatcher, day, null, 200);
        assertEquals(first, etag(dispatcher, day, first, 304), "nothing changed: 304 with the same ETag");

        TestTown other = fixtures.townLikeYongan();
        visit(other, fixtures.staff(other, "operator"), day, "ANY");
        etag(dispatcher, day, first, 304);

        assign(dispatcher, visit, "\"0\"", slot(team, day, "09:00", "09:30")).statusCode(200);
        String second = etag(dispatcher, day, first, 200);
        assertNotEquals(first, second, "the visit moved from waiting to the team's lane");

        visit(town, operator, day, "MORNING");
        assertNotEquals(second, etag(dispatcher, day, second, 200), "a new visit to place changes the board");
    }

    @Test
    void withoutADateTheBoardIsTheNextWorkingDays() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        String date = given().header("Authorization", dispatcher.bearer()).when().get("/api/v1/dispatch/board").then()
                .statusCode(200).extract().path("date");
        LocalDate day = LocalDate.parse(date);
        org.junit.jupiter.api.Assertions.assertTrue(day.isAfter(today) && day.isBefore(today.plusDays(12)), date);
        org.junit.jupiter.api.Assertions.assertTrue(day.getDayOfWeek().getValue() <= 5
                || fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ? AND kind = 'WORKDAY'", day) == 1,
                date + " is a working day");
    }

    @Test
    void eachLaneSaysWhenItsTeamWorksThatDayAndAMakeUpSaturdayWorksMondaysHours() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        List<Map<String, Object>> hours = List.of(Map.of("weekday", 1, "start", "08:00", "end", "11:00"),
                Map.of("weekday", 1, "start", "13:00", "end", "16:00"), Map.of("weekday", 6, "start", "09:00", "end", "10:00"));
        String team = given().header("Authorization", dispatcher.bearer()).contentType("application/json")
                .body(Map.of("name", "队" + Fixtures.randomLetters(6), "villageIds",
                        List.of(town.village("XINYUAN").id().toString()),
                        "hours", hours, "maxVisitsPerDay", 8))
                .when().post("/api/v1/teams").then().statusCode(201).extract().path("id");
        // a Saturday the calendar makes a working day (调休), far enough ahead to touch no other test's days
        LocalDate makeUp = LocalDate.of(2028, 6, 3);
        given().header("Authorization", fixtures.staff(town.id(), null, "admin", "county_admin").bearer())
                .contentType("application/json").body(Map.of("kind", "WORKDAY", "name", "调休"))
                .when().put("/api/v1/calendar/" + makeUp).then().statusCode(200);
        String lane = "teams.find { it.teamId == '" + team + "' }.hours";
        given().header("Authorization", dispatcher.bearer()).queryParam("date", makeUp.toString()).when()
                .get("/api/v1/dispatch/board").then().statusCode(200)
                .body(lane + ".start", equalTo(List.of("08:00", "13:00")))
                .body(lane + ".end", equalTo(List.of("11:00", "16:00")));
        // an ordinary Saturday is a day off, whatever hours the team keeps for one
        given().header("Authorization", dispatcher.bearer()).queryParam("date", makeUp.plusWeeks(1).toString()).when()
                .get("/api/v1/dispatch/board").then().statusCode(200).body(lane, equalTo(List.of()));
    }
}
