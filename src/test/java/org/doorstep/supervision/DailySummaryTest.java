package org.doorstep.supervision;

import static io.restassured.RestAssured.given;
import static org.doorstep.supervision.SupervisionSteps.call;
import static org.doorstep.supervision.SupervisionSteps.close;
import static org.doorstep.supervision.SupervisionSteps.reached;
import static org.doorstep.supervision.SupervisionSteps.unreached;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.doorstep.supervision.SupervisionSteps.Office;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

@QuarkusTest
class DailySummaryTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");
    private static final ZoneOffset OFFSET = ZoneOffset.ofHours(8);

    @Inject
    Fixtures fixtures;

    /** A day of a town, made through the API and then moved in time to a day past, so that every time is known. */
    record Day(Office office, LocalDate date, Map<String, String> visits, String overdueTicket) {
    }

    private static OffsetDateTime at(LocalDate day, String time) {
        return OffsetDateTime.of(day, LocalTime.parse(time), OFFSET);
    }

    /** Moves a visit's booking (and its deadline) to another time. */
    private void bookedAt(String visit, OffsetDateTime at, OffsetDateTime due) {
        fixtures.update("UPDATE visit SET created_at = ?, updated_at = ?, due_at = ? WHERE id = ?", at, at, due,
                UUID.fromString(visit));
        happenedAt(visit, "BOOKED", at);
    }

    private void happenedAt(String visit, String type, OffsetDateTime at) {
        fixtures.update("UPDATE visit_event SET recorded_at = ? WHERE visit_id = ? AND type = ?", at,
                UUID.fromString(visit), type);
    }

    private void closedAt(String visit, OffsetDateTime at) {
        fixtures.update("UPDATE visit SET closed_at = ? WHERE id = ?", at, UUID.fromString(visit));
    }

    private void calledAt(String followUp, OffsetDateTime at) {
        fixtures.update("UPDATE follow_up SET called_at = ? WHERE id = ?", at, UUID.fromString(followUp));
    }

    private String callAt(TestStaff operator, String visit, Map<String, Object> body, OffsetDateTime at) {
        String id = call(operator, visit, body).statusCode(201).extract().path("id");
        calledAt(id, at);
        return id;
    }

    /**
     * Ten days ago (D) in a town with 心源村, 芙蓉村 and 永和村, and teams 永安一队 (心源村, 芙蓉村) and
     * 永安二队 (永和村):
     * <ul>
     * <li>v1 心源村, 一队: booked D-1 09:00, assigned D 10:00, completed D 15:00 (30 h);</li>
     * <li>v2 心源村, 一队: booked D 08:30, assigned D 09:00, departed 10:30, failed 11:00;</li>
     * <li>v3 芙蓉村, no team: booked D 10:00, cancelled D 12:00;</li>
     * <li>v4 芙蓉村, 一队: booked D-5, due D-1 17:30, assigned D-2, still scheduled: overdue 30.5 h at the end of D;</li>
     * <li>v5 永和村, no team: booked D 14:00, still requested;</li>
     * <li>v6 永和村, 二队: booked D-3 09:00, assigned D-3, completed D 09:00 (72 h);</li>
     * <li>v7 心源村: booked D+1, nothing to do with D;</li>
     * <li>v8 心源村, 一队: booked D-4, completed D-1.</li>
     * </ul>
     * Calls on D: v8 reached at 10:00 (9, resolved), v1 missed at 16:00 and reached at 17:00 (6, not
     * resolved), v6 missed at 18:00; v2 not called.
     */
    private Day dayTenDaysAgo() {
        Office office = Office.of(fixtures);
        LocalDate d = LocalDate.now(TOWN).minusDays(10);
        String one = office.team(office.town().village("XINYUAN").id().toString(),
                office.town().village("FURONG").id().toString());
        String two = office.team(office.town().village("YONGHE").id().toString());
        fixtures.update("UPDATE team SET name = '永安一队' WHERE id = ?", UUID.fromString(one));
        fixtures.update("UPDATE team SET name = '永安二队' WHERE id = ?", UUID.fromString(two));
        TestStaff agent = fixtures.staff(office.town().id(), UUID.fromString(one), "field_agent");
        Map<String, String> v = new LinkedHashMap<>();
        for (String[] visit : new String[][] { { "v1", "XINYUAN" }, { "v2", "XINYUAN" }, { "v3", "FURONG" },
                { "v4", "FURONG" }, { "v5", "YONGHE" }, { "v6", "YONGHE" }, { "v7", "XINYUAN" }, { "v8", "XINYUAN" } }) {
            v.put(visit[0], office.book(fixtures, visit[1]));
        }
        office.assign(fixtures, v.get("v1"), one, "09:00", "09:30");
        office.assign(fixtures, v.get("v2"), one, "09:30", "10:00");
        office.assign(fixtures, v.get("v4"), one, "10:00", "10:30");
        office.assign(fixtures, v.get("v8"), one, "10:30", "11:00");
        office.assign(fixtures, v.get("v6"), two, "09:00", "09:30");
        SupervisionSteps.report(agent, v.get("v2"), "DEPART", null);
        SupervisionSteps.report(agent, v.get("v2"), "FAIL", "居民不在家");
        given().header("Authorization", office.operator().bearer()).contentType("application/json")
                .body(Map.of("reason", "居民已自行办理")).when().post("/api/v1/visits/" + v.get("v3") + "/cancel")
                .then().statusCode(200);
        close(fixtures, v.get("v1"), "COMPLETE", "COMPLETED", at(d, "15:00"));
        close(fixtures, v.get("v6"), "COMPLETE", "COMPLETED", at(d, "09:00"));
        close(fixtures, v.get("v8"), "COMPLETE", "COMPLETED", at(d.minusDays(1), "10:00"));

        bookedAt(v.get("v1"), at(d.minusDays(1), "09:00"), at(d.plusDays(4), "17:30"));
        happenedAt(v.get("v1"), "ASSIGN", at(d, "10:00"));
        bookedAt(v.get("v2"), at(d, "08:30"), at(d.plusDays(5), "17:30"));
        happenedAt(v.get("v2"), "ASSIGN", at(d, "09:00"));
        happenedAt(v.get("v2"), "DEPART", at(d, "10:30"));
        happenedAt(v.get("v2"), "FAIL", at(d, "11:00"));
        closedAt(v.get("v2"), at(d, "11:00"));
        bookedAt(v.get("v3"), at(d, "10:00"), at(d.plusDays(5), "17:30"));
        happenedAt(v.get("v3"), "CANCEL", at(d, "12:00"));
        closedAt(v.get("v3"), at(d, "12:00"));
        bookedAt(v.get("v4"), at(d.minusDays(5), "09:00"), at(d.minusDays(1), "17:30"));
        happenedAt(v.get("v4"), "ASSIGN", at(d.minusDays(2), "09:00"));
        bookedAt(v.get("v5"), at(d, "14:00"), at(d.plusDays(5), "17:30"));
        bookedAt(v.get("v6"), at(d.minusDays(3), "09:00"), at(d.plusDays(2), "17:30"));
        happenedAt(v.get("v6"), "ASSIGN", at(d.minusDays(3), "10:00"));
        bookedAt(v.get("v7"), at(d.plusDays(1), "08:00"), at(d.plusDays(6), "17:30"));
        bookedAt(v.get("v8"), at(d.minusDays(4), "09:00"), at(d.plusDays(1), "17:30"));
        happenedAt(v.get("v8"), "ASSIGN", at(d.minusDays(4), "10:00"));

        callAt(office.operator(), v.get("v8"), reached(9, true), at(d, "10:00"));
        callAt(office.operator(), v.get("v1"), unreached(), at(d, "16:00"));
        callAt(office.operator(), v.get("v1"), reached(6, false), at(d, "17:00"));
        callAt(office.operator(), v.get("v6"), unreached(), at(d, "18:00"));
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", UUID.fromString(v.get("v4")))
                .get(0).get(0);
        return new Day(office, d, v, ticket);
    }

    private static Response summary(TestStaff staff, LocalDate date, String accept) {
        return given().header("Authorization", staff.bearer()).accept(accept).queryParam("date", date.toString())
                .when().get("/api/v1/reports/daily");
    }

    /** booked, scheduled, completed, failed, cancelled, open, overdue of one row. */
    private static List<Integer> counts(Map<String, Object> row) {
        return List.of("booked", "scheduled", "completed", "failed", "cancelled", "open", "overdue").stream()
                .map(k -> ((Number) row.get(k)).intValue()).toList();
    }

    private static Map<String, Object> row(List<Map<String, Object>> rows, String name) {
        return rows.stream().filter(r -> name == null ? r.get("name") == null : name.equals(r.get("name"))).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + name + " in " + rows));
    }

    @Test
    void aDaysSummaryCountsWhatHappenedThatDayAndWhatWasOpenWhenItEnded() {
        Day day = dayTenDaysAgo();
        JsonPath json = summary(day.office().supervisor(), day.date(), "application/json").then().statusCode(200)
                .contentType(startsWith("application/json")).extract().jsonPath();

        assertEquals(day.date().toString(), json.getString("date"));
        assertEquals(day.date().plusDays(1) + "T00:00:00+08:00", json.getString("asOf"));
        assertEquals(List.of(3, 2, 2, 1, 1, 2, 1), counts(json.getMap("totals")));
        assertEquals(Map.of("requested", 1, "scheduled", 1, "enRoute", 0, "onSite", 0), json.getMap("openByStatus"));
        assertEquals(51.0f, json.getFloat("medianHoursToComplete"));

        List<Map<String, Object>> villages = json.getList("byVillage");
        assertEquals(List.of("芙蓉村", "心源村", "永和村"), villages.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of(1, 0, 0, 0, 1, 1, 1), counts(row(villages, "芙蓉村")));
        assertEquals(List.of(1, 2, 1, 1, 0, 0, 0), counts(row(villages, "心源村")));
        assertEquals(List.of(1, 0, 1, 0, 0, 1, 0), counts(row(villages, "永和村")));
        assertEquals(30.0f, ((Number) row(villages, "心源村").get("medianHoursToComplete")).floatValue());

        List<Map<String, Object>> teams = json.getList("byTeam");
        assertEquals(3, teams.size());
        assertEquals(List.of(1, 2, 1, 1, 0, 1, 1), counts(row(teams, "永安一队")));
        assertEquals(List.of(0, 0, 1, 0, 0, 0, 0), counts(row(teams, "永安二队")));
        assertEquals(List.of(2, 0, 0, 0, 1, 1, 0), counts(row(teams, null)));
        assertEquals(null, teams.get(2).get("teamId"));

        assertEquals(1, json.getList("overdue").size());
        assertEquals(day.visits().get("v4"), json.getString("overdue[0].visitId"));
        assertEquals(day.overdueTicket(), json.getString("overdue[0].ticketNumber"));
        assertEquals("芙蓉村", json.getString("overdue[0].villageName"));
        assertEquals("永安一队", json.getString("overdue[0].teamName"));
        assertEquals("SCHEDULED", json.getString("overdue[0].status"));
        assertEquals(day.date().minusDays(1) + "T17:30:00+08:00", json.getString("overdue[0].dueAt"));
        assertEquals(30, json.getInt("overdue[0].hoursOverdue"));
        assertEquals(1, json.getInt("overdue[0].daysOverdue"));

        assertEquals(2, json.getInt("followUps.done"));
        assertEquals(4, json.getInt("followUps.attempts"));
        assertEquals(1, json.getInt("followUps.resolved"));
        assertEquals(2, json.getInt("followUps.pending"));
        assertEquals(7.5f, json.getFloat("followUps.averageSatisfaction"));
    }

    /** The CSV's rows by section, each row by its section's header. */
    private static Map<String, List<Map<String, String>>> sections(String csv) throws IOException {
        Map<String, List<Map<String, String>>> sections = new LinkedHashMap<>();
        List<String> header = null;
        for (CSVRecord record : CSVFormat.RFC4180.parse(new StringReader(csv))) {
            List<String> cells = record.toList();
            if (cells.equals(List.of(""))) {
                continue;
            }
            if (cells.get(0).equals("section")) {
                header = cells;
                continue;
            }
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < cells.size(); i++) {
                row.put(header.get(i), cells.get(i));
            }
            sections.computeIfAbsent(cells.get(0), s -> new ArrayList<>()).add(row);
        }
        return sections;
    }

    private static List<String> csvCounts(Map<String, String> row) {
        return Arrays.asList(row.get("booked"), row.get("scheduled"), row.get("completed"), row.get("failed"),
                row.get("cancelled"), row.get("open"), row.get("overdue"));
    }

    @Test
    void theCsvCarriesTheSameNumbersWithAByteOrderMarkAndTheChineseNames() throws IOException {
        Day day = dayTenDaysAgo();
        Response response = summary(day.office().dispatcher(), day.date(), "text/csv");
        response.then().statusCode(200).contentType(startsWith("text/csv"))
                .header("Content-Disposition", equalTo("attachment; filename=\"daily-" + day.date() + ".csv\""));
        byte[] bytes = response.asByteArray();
        assertArrayEquals(new byte[] { (byte) 0xEF, (byte) 0xBB, (byte) 0xBF }, Arrays.copyOf(bytes, 3));
        Map<String, List<Map<String, String>>> csv = sections(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));

        Map<String, String> totals = csv.get("totals").get(0);
        assertEquals(day.date().toString(), totals.get("date"));
        assertEquals(List.of("3", "2", "2", "1", "1", "2", "1"), csvCounts(totals));
        assertEquals("51.0", totals.get("medianHoursToComplete"));
        assertEquals(Map.of("section", "openByStatus", "requested", "1", "scheduled", "1", "enRoute", "0", "onSite", "0"),
                csv.get("openByStatus").get(0));

        List<Map<String, String>> villages = csv.get("village");
        assertEquals(List.of("芙蓉村", "心源村", "永和村"), villages.stream().map(r -> r.get("name")).toList());
        assertEquals(List.of("1", "0", "0", "0", "1", "1", "1"), csvCounts(villages.get(0)));
        assertEquals(List.of("1", "2", "1", "1", "0", "0", "0"), csvCounts(villages.get(1)));
        assertEquals(List.of("1", "0", "1", "0", "0", "1", "0"), csvCounts(villages.get(2)));
        assertEquals(day.office().town().village("FURONG").id().toString(), villages.get(0).get("villageId"));

        List<Map<String, String>> teams = csv.get("team");
        Map<String, List<String>> byName = new LinkedHashMap<>();
        teams.forEach(t -> byName.put(t.get("name"), csvCounts(t)));
        assertEquals(Map.of("永安一队", List.of("1", "2", "1", "1", "0", "1", "1"), "永安二队",
                List.of("0", "0", "1", "0", "0", "0", "0"), "", List.of("2", "0", "0", "0", "1", "1", "0")), byName);

        Map<String, String> overdue = csv.get("overdue").get(0);
        assertEquals(1, csv.get("overdue").size());
        assertEquals(day.overdueTicket(), overdue.get("ticketNumber"));
        assertEquals("芙蓉村", overdue.get("villageName"));
        assertEquals("永安一队", overdue.get("teamName"));
        assertEquals("SCHEDULED", overdue.get("status"));
        assertEquals(day.date().minusDays(1) + "T17:30:00+08:00", overdue.get("dueAt"));
        assertEquals("30", overdue.get("hoursOverdue"));
        assertEquals("1", overdue.get("daysOverdue"));

        assertEquals(Map.of("section", "followUps", "done", "2", "attempts", "4", "resolved", "1", "pending", "2",
                "averageSatisfaction", "7.50"), csv.get("followUps").get(0));
    }

    @Test
    void anotherTownsSupervisorCountsNoneOfIt() {
        Day day = dayTenDaysAgo();
        Office elsewhere = Office.of(fixtures);
        String theirs = elsewhere.book(fixtures, "YONGHE");
        bookedAt(theirs, at(day.date(), "09:00"), at(day.date().plusDays(5), "17:30"));

        JsonPath json = summary(elsewhere.supervisor(), day.date(), "application/json").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(1, 0, 0, 0, 0, 1, 0), counts(json.getMap("totals")));
        assertEquals(List.of(), json.getList("overdue"));
        assertEquals(0, json.getInt("followUps.attempts"));
        assertEquals(0, json.getInt("followUps.pending"));
        assertEquals(List.of(1, 0, 0, 0, 0, 1, 0), counts(row(json.getList("byTeam"), null)));
        // And the town of the day still counts only its own.
        assertEquals(List.of(3, 2, 2, 1, 1, 2, 1),
                counts(summary(day.office().supervisor(), day.date(), "application/json").then().statusCode(200)
                        .extract().jsonPath().getMap("totals")));
    }

    @Test
    void todaysSummaryLooksAtTheOpenWorkAsItIsNow() {
        Office office = Office.of(fixtures);
        office.book(fixtures, "XINYUAN");
        JsonPath json = given().header("Authorization", office.supervisor().bearer()).when().get("/api/v1/reports/daily")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(LocalDate.now(TOWN).toString(), json.getString("date"));
        assertEquals(List.of(1, 0, 0, 0, 0, 1, 0), counts(json.getMap("totals")));
        assertEquals(1, json.getInt("openByStatus.requested"));
        assertNull(json.get("medianHoursToComplete"));
        assertNull(json.get("followUps.averageSatisfaction"));
    }

    @Test
    void onlySupervisorsAndDispatchersReadItForADayThatHasBegun() {
        Office office = Office.of(fixtures);
        LocalDate today = LocalDate.now(TOWN);
        summary(office.operator(), today, "application/json").then().statusCode(403)
                .body("type", equalTo("urn:doorstep:problem:forbidden"));
        summary(fixtures.fieldAgent(office.town()), today, "text/csv").then().statusCode(403);
        summary(office.dispatcher(), today, "application/json").then().statusCode(200);
        given().when().get("/api/v1/reports/daily").then().statusCode(401);
        summary(office.supervisor(), today, "application/xml").then().statusCode(406)
                .body("type", equalTo("urn:doorstep:problem:not-acceptable"));
        summary(office.supervisor(), today.plusDays(1), "application/json").then().statusCode(400)
                .body("errors[0].field", equalTo("date"));
        given().header("Authorization", office.supervisor().bearer()).queryParam("date", "2026-13-01").when()
                .get("/api/v1/reports/daily").then().statusCode(400).body("errors[0].field", equalTo("date"));
        summary(office.supervisor(), today, "text/*").then().statusCode(200).contentType(startsWith("text/csv"));
    }

    @Test
    void theSatisfactionOfTheCallsThatReachedTheResidentIsCountedForEachScore() {
        Day day = dayTenDaysAgo();
        JsonPath json = summary(day.office().supervisor(), day.date(), "application/json").then().statusCode(200)
                .extract().jsonPath();
        assertEquals(List.of(0, 0, 0, 0, 0, 1, 0, 0, 1, 0), json.getList("followUps.satisfactionCounts"));
    }

    @Test
    void eachDayOfTheTrendHasTheNumbersOfThatDaysSummary() {
        Day day = dayTenDaysAgo();
        TestStaff supervisor = day.office().supervisor();
        LocalDate from = day.date().minusDays(6);
        LocalDate to = LocalDate.now(TOWN);
        JsonPath trend = given().header("Authorization", supervisor.bearer()).queryParam("from", from.toString())
                .queryParam("to", to.toString()).when().get("/api/v1/reports/trend").then().statusCode(200)
                .body("from", equalTo(from.toString())).body("to", equalTo(to.toString())).extract().jsonPath();
        List<Map<String, Object>> days = trend.getList("days");
        assertEquals(17, days.size(), "every day of the range, both ends included");
        boolean someOverdue = false;
        for (int i = 0; i < days.size(); i++) {
            LocalDate date = from.plusDays(i);
            Map<String, Object> row = days.get(i);
            JsonPath summary = summary(supervisor, date, "application/json").then().statusCode(200).extract().jsonPath();
            assertEquals(date.toString(), row.get("date"));
            assertEquals(List.of(summary.getInt("totals.booked"), summary.getInt("totals.completed"),
                    summary.getInt("totals.overdue"), summary.getInt("followUps.done")),
                    List.of(row.get("booked"), row.get("completed"), row.get("overdue"), row.get("followUpsReached")),
                    "booked, completed, overdue and calls that reached the resident on " + date);
            Object average = summary.get("followUps.averageSatisfaction");
            assertEquals(average == null ? null : ((Number) average).doubleValue(),
                    row.get("averageSatisfaction") == null ? null : ((Number) row.get("averageSatisfaction")).doubleValue(),
                    "mean satisfaction on " + date);
            someOverdue |= ((Number) row.get("overdue")).intValue() > 0;
        }
        assertEquals(true, someOverdue, "the fixture has overdue work on some days");
        assertEquals(List.of(3, 2, 1, 2), List.of(days.get(6).get("booked"), days.get(6).get("completed"),
                days.get(6).get("overdue"), days.get(6).get("followUpsReached")), "the fixture's day D itself");
    }

    @Test
    void aTrendIsAtMostAYearNeverInTheFutureAndFromComesBeforeTo() {
        TestStaff supervisor = Office.of(fixtures).supervisor();
        LocalDate today = LocalDate.now(TOWN);
        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/reports/trend").then().statusCode(200)
                .body("days.size()", equalTo(30)).body("to", equalTo(today.toString()));
        given().header("Authorization", supervisor.bearer()).queryParam("to", today.plusDays(1).toString()).when()
                .get("/api/v1/reports/trend").then().statusCode(400).body("errors[0].field", equalTo("to"))
                .body("errors[0].code", equalTo("not-after-today"));
        given().header("Authorization", supervisor.bearer()).queryParam("from", today.toString())
                .queryParam("to", today.minusDays(1).toString()).when().get("/api/v1/reports/trend").then().statusCode(400)
                .body("errors[0].code", equalTo("not-after-to"));
        given().header("Authorization", supervisor.bearer()).queryParam("from", today.minusDays(366).toString()).when()
                .get("/api/v1/reports/trend").then().statusCode(400).body("errors[0].code", equalTo("range-days"));
        given().header("Authorization", supervisor.bearer()).queryParam("from", today.minusDays(365).toString()).when()
                .get("/api/v1/reports/trend").then().statusCode(200).body("days.size()", equalTo(366));
        given().header("Authorization", fixtures.staff(fixtures.townLikeYongan(), "operator").bearer()).when()
                .get("/api/v1/reports/trend").then().statusCode(403);
    }
}
