package org.doorstep.console;

import static io.restassured.RestAssured.given;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.dispatch.DispatchSteps;
import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;

/** A town for a console test, with its people, a team, residents and visits made through the API. */
record ConsoleSteps(Fixtures fixtures, TestTown town, TestStaff operator, TestStaff dispatcher, TestStaff supervisor,
        TestStaff admin, String team) {

    static ConsoleSteps town(Fixtures fixtures) {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        String team = DispatchSteps.team(dispatcher, town.villages().stream().map(v -> v.id().toString()).toList(), 8);
        return new ConsoleSteps(fixtures, town, fixtures.staff(town, "operator"), dispatcher,
                fixtures.staff(town, "supervisor"), fixtures.staff(town, "admin"), team);
    }

    record Person(String id, String idNumber, String name) {
    }

    /** A resident of 心源村 registered through the API. */
    Person resident(String name) {
        String idNumber = IdNumbers.random();
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", idNumber, "name", name, "phone", "13807310042",
                "villageId", town.village("XINYUAN").id().toString(), "address", "心源村石桥组 12 号", "group", "石桥组"));
        String id = given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        return new Person(id, idNumber, name);
    }

    /** A visit booked through the API for the resident; returns its id and ticket. */
    List<String> book(Person person, String service, LocalDate day) {
        Map<String, Object> booking = Map.of("residentId", person.id(), "serviceTypeCode", service, "channel",
                "HOTLINE_12345", "caller", Map.of("relation", "SELF"), "preferredDate", day.toString(),
                "preferredPeriod", "ANY");
        io.restassured.path.json.JsonPath visit = given().header("Authorization", operator.bearer())
                .contentType("application/json").body(booking).when().post("/api/v1/visits").then().statusCode(201)
                .extract().jsonPath();
        return List.of(visit.getString("id"), visit.getString("ticketNumber"));
    }

    LocalDate nextWorkingDay() {
        return DispatchSteps.nextWorkingDay(fixtures);
    }
}
