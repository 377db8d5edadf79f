package org.doorstep.dispatch;

import static io.restassured.RestAssured.given;
import static org.doorstep.dispatch.DispatchSteps.assign;
import static org.doorstep.dispatch.DispatchSteps.nextWorkingDay;
import static org.doorstep.dispatch.DispatchSteps.slot;
import static org.doorstep.dispatch.DispatchSteps.team;
import static org.doorstep.dispatch.DispatchSteps.visit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.LocalDate;
import java.util.List;

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
}
