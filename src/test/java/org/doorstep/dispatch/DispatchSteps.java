package org.doorstep.dispatch;

import static io.restassured.RestAssured.given;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;

import io.restassured.response.ValidatableResponse;

/** What dispatch tests do through the API: teams, bookings and assignments. */
public final class DispatchSteps {

    public static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    private DispatchSteps() {
    }

    /** The next working day after today that the calendar does not list (Monday to Friday). */
    public static LocalDate nextWorkingDay(Fixtures fixtures) {
        LocalDate day = LocalDate.now(TOWN).plusDays(1);
        while (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY
                || fixtures.count("SELECT count(*) FROM calendar_day WHERE day = ?", day) > 0) {
            day = day.plusDays(1);
        }
        return day;
    }

    public static String at(LocalDate day, String time) {
        return day + "T" + time + ":00+08:00";
    }

    /** A team working 08:30–12:00 and 14:30–17:30 every day of the week. */
    public static String team(TestStaff dispatcher, List<String> villages, int max) {
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

    /** A retirement certification in 心源村. */
    public static String visit(TestTown town, TestStaff operator, LocalDate day, String period) {
        return visit(town, operator, day, period, "XINYUAN");
    }

    /** A new resident of the village, and a retirement certification they booked themself. */
    public static String visit(TestTown town, TestStaff operator, LocalDate day, String period, String village) {
        return visit(town, operator, day, period, village, Map.of("name", "本人", "relation", "SELF", "phone", "13807310042"));
    }

    /** A new resident of the village, and a retirement certification booked by this caller. */
    public static String visit(TestTown town, TestStaff operator, LocalDate day, String period, String village,
            Map<String, Object> caller) {
        Map<String, Object> resident = new HashMap<>();
        resident.put("idNumber", IdNumbers.random());
        resident.put("name", "居民");
        resident.put("phone", "13807310042");
        resident.put("villageId", town.village(village).id().toString());
        resident.put("address", town.village(village).name());
        String residentId = given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(resident).when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        Map<String, Object> booking = new HashMap<>();
        booking.put("residentId", residentId);
        booking.put("serviceTypeCode", "RETIREMENT_CERTIFICATION");
        booking.put("channel", "TOWN_PHONE");
        booking.put("caller", caller);
        booking.put("preferredDate", day.toString());
        booking.put("preferredPeriod", period);
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(booking)
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    public static ValidatableResponse assign(TestStaff dispatcher, String visit, String etag, Map<String, Object> body) {
        var request = given().header("Authorization", dispatcher.bearer()).contentType("application/json").body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.when().put("/api/v1/visits/" + visit + "/assignment").then();
    }

    public static Map<String, Object> slot(String team, LocalDate day, String start, String end) {
        Map<String, Object> body = new HashMap<>();
        body.put("teamId", team);
        body.put("start", at(day, start));
        body.put("end", at(day, end));
        return body;
    }
}
