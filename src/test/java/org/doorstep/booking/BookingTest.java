package org.doorstep.booking;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;

import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class BookingTest {

    private static final ZoneId TOWN = ZoneId.of("Asia/Shanghai");

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String today() {
        return LocalDate.ofInstant(clock.instant(), TOWN).toString();
    }

    private String resident(TestTown town, TestStaff operator) {
        Map<String, Object> body = new HashMap<>();
        body.put("idNumber", IdNumbers.random());
        body.put("name", "胡淑坤");
        body.put("phone", "13807310042");
        body.put("villageId", town.village("XINYUAN").id().toString());
        body.put("address", "心源村石桥组 12 号");
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> booking(String residentId, String service, String date) {
        Map<String, Object> body = new HashMap<>();
        body.put("residentId", residentId);
        body.put("serviceTypeCode", service);
        body.put("channel", "HOTLINE_12345");
        body.put("caller", Map.of("name", "胡女士的女儿", "relation", "CHILD", "phone", "13907310088"));
        body.put("preferredDate", date);
        body.put("preferredPeriod", "MORNING");
        body.put("notes", "术后卧床；院里有狗");
        return body;
    }

    private ValidatableResponse book(TestStaff operator, Map<String, Object> body) {
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/visits").then();
    }

    @Test
    void anOperatorBooksAVisitOnBehalfOfTheResident() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        String prefix = fixtures.query("SELECT ticket_prefix FROM town WHERE id = ?", town.id()).get(0).get(0).toString();

        String id = book(operator, booking(resident, "RETIREMENT_CERTIFICATION", today())).statusCode(201)
                .header("Location", matchesPattern(".*/api/v1/visits/[0-9a-f-]{36}"))
                .body("ticketNumber", equalTo(prefix + "-" + today().replace("-", "") + "-0001"))
                .body("status", equalTo("REQUESTED"))
                .body("resident.id", equalTo(resident))
                .body("resident.idNumberMasked", matchesPattern("430181\\*{8}.{4}"))
                .body("serviceType.code", equalTo("RETIREMENT_CERTIFICATION"))
                .body("village.name", equalTo("心源村"))
                .body("address", equalTo("心源村石桥组 12 号"))
                .body("caller.relation", equalTo("CHILD"))
                .body("caller.phoneMasked", equalTo("139****0088"))
                .body("dueAt", matchesPattern(".*T17:30:00\\+08:00"))
                .body("overdue", equalTo(false))
                .body("events[0].type", equalTo("BOOKED"))
                .extract().path("id");

        given().header("Authorization", fixtures.staff(town, "dispatcher").bearer()).when().get("/api/v1/visits/" + id)
                .then().statusCode(200).header("ETag", "\"0\"").body("events.type", equalTo(List.of("BOOKED")));
    }

    @Test
    void theCalendarIsTheCountysAndATownsAdminCannotChangeIt() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff townAdmin = fixtures.staff(town, "admin");
        given().header("Authorization", townAdmin.bearer()).contentType("application/json")
                .body(Map.of("kind", "HOLIDAY", "name", "假的假日")).when().put("/api/v1/calendar/2032-03-03")
                .then().statusCode(403);
        given().header("Authorization", townAdmin.bearer()).when().delete("/api/v1/calendar/2032-03-03")
                .then().statusCode(403);
        assertEquals(0, fixtures.count("SELECT count(*) FROM calendar_day WHERE day = '2032-03-03'"));
        // nor can a town's admin make anyone, themselves included, a county admin
        given().header("Authorization", townAdmin.bearer()).contentType("application/json")
                .body(Map.of("username", town.newUsername("c"), "displayName", "县里", "roles",
                        List.of("county_admin"), "password", "long enough password"))
                .when().post("/api/v1/staff").then().statusCode(403);
        String self = "/api/v1/staff/" + townAdmin.id();
        String etag = given().header("Authorization", townAdmin.bearer()).when().get(self).then().extract().header("ETag");
        given().header("Authorization", townAdmin.bearer()).header("If-Match", etag).contentType("application/json")
                .body(Map.of("roles", List.of("admin", "county_admin"))).when().patch(self).then().statusCode(403);

        TestStaff county = fixtures.staff(town.id(), null, "admin", "county_admin");
        given().header("Authorization", county.bearer()).contentType("application/json")
                .body(Map.of("kind", "HOLIDAY", "name", "测试假日")).when().put("/api/v1/calendar/2032-03-03")
                .then().statusCode(200);
        given().header("Authorization", county.bearer()).when().delete("/api/v1/calendar/2032-03-03")
                .then().statusCode(204);
    }

    @Test
    void theDeadlineCountsWorkingDaysOnTheChineseCalendar() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town.id(), null, "county_admin");
        for (int d = 1; d <= 7; d++) {
            given().header("Authorization", admin.bearer()).contentType("application/json")
                    .body(Map.of("kind", "HOLIDAY", "name", "国庆节")).when().put("/api/v1/calendar/2031-10-0" + d)
                    .then().statusCode(200);
        }
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("kind", "WORKDAY", "name", "国庆节")).when().put("/api/v1/calendar/2031-10-11")
                .then().statusCode(200);
        clock.setTo(Instant.parse("2031-09-30T02:00:00Z"));
        TestStaff operator = fixtures.staff(town, "operator");

        // Booked Tue 30 Sep: 8, 9, 10 Oct, Sat 11 Oct (make-up day), Mon 13 Oct is the fifth working day.
        book(operator, booking(resident(town, operator), "RETIREMENT_CERTIFICATION", "2031-10-08")).statusCode(201)
                .body("dueAt", equalTo("2031-10-13T17:30:00+08:00"));
    }

    @Test
    void aDeadlineCountedIntoAnUnloadedYearIsProvisionalUntilTheYearIsLoaded() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff admin = fixtures.staff(town.id(), null, "county_admin");
        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("kind", "HOLIDAY", "name", "国庆节")).when().put("/api/v1/calendar/2033-10-01")
                .then().statusCode(200);
        clock.setTo(Instant.parse("2033-12-28T02:00:00Z"));
        TestStaff operator = fixtures.staff(town, "operator");

        // Wed 28 Dec 2033 + 5 working days runs into 2034, whose schedule is not loaded.
        String id = book(operator, booking(resident(town, operator), "RETIREMENT_CERTIFICATION", "2033-12-29"))
                .statusCode(201)
                .body("dueAt", equalTo("2034-01-04T17:30:00+08:00"))
                .body("dueAtProvisional", equalTo(true))
                .extract().path("id");

        given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("kind", "HOLIDAY", "name", "元旦")).when().put("/api/v1/calendar/2034-01-02")
                .then().statusCode(200);
        given().header("Authorization", operator.bearer()).when().get("/api/v1/visits/" + id)
                .then().statusCode(200)
                .body("dueAt", equalTo("2034-01-05T17:30:00+08:00"))
                .body("dueAtProvisional", equalTo(false));
    }

    @Test
    void aFailedVisitIsBookedAgainOnlyOnce() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        String failed = book(operator, booking(resident, "RETIREMENT_CERTIFICATION", today())).statusCode(201)
                .extract().path("id");
        fixtures.update("UPDATE visit SET status = 'FAILED', closed_at = now() WHERE id = ?::uuid", failed);
        Map<String, Object> again = booking(resident, "RETIREMENT_CERTIFICATION", today());
        again.put("previousVisitId", failed);
        String second = book(operator, again).statusCode(201).body("previousVisitId", equalTo(failed)).extract().path("id");
        given().header("Authorization", operator.bearer()).contentType("application/json").body(Map.of("reason", "x"))
                .when().post("/api/v1/visits/" + second + "/cancel").then().statusCode(200);

        book(operator, again).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:already-rebooked"))
                .body("existingId", equalTo(second));
    }

    @Test
    void aSecondOpenVisitForTheSameServiceIsRefusedUntilTheFirstIsCancelled() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        ValidatableResponse first = book(operator, booking(resident, "SOCIAL_SECURITY_CARD", today())).statusCode(201);
        String ticket = first.extract().path("ticketNumber");
        String id = first.extract().path("id");

        book(operator, booking(resident, "SOCIAL_SECURITY_CARD", today())).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:open-visit-exists"))
                .body("existingTicket", equalTo(ticket))
                .body("existingId", equalTo(id));
        book(operator, booking(resident, "ELDERLY_ALLOWANCE", today())).statusCode(201);

        given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("reason", "居民已自行到村服务中心办理")).when().post("/api/v1/visits/" + id + "/cancel")
                .then().statusCode(200).body("status", equalTo("CANCELLED"))
                .body("events.type", equalTo(List.of("BOOKED", "CANCEL")))
                .body("events[1].reason", equalTo("居民已自行到村服务中心办理"));
        book(operator, booking(resident, "SOCIAL_SECURITY_CARD", today())).statusCode(201);
    }

    @Test
    void theDatabaseRefusesASecondOpenVisitEvenWithoutTheCode() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String visit = book(operator, booking(resident(town, operator), "SOCIAL_SECURITY_CARD", today())).statusCode(201)
                .extract().path("id");
        Exception refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> fixtures.update("INSERT INTO visit SELECT (SELECT gen_random_uuid()), town_id, ticket_number || 'X',"
                        + " resident_id, service_type_id, village_id, address, channel, caller_name, caller_relation,"
                        + " caller_phone_enc, caller_phone_key, caller_phone_masked, preferred_date, preferred_period, notes,"
                        + " status, due_at, previous_visit_id, closed_at, version, created_at, created_by, updated_at"
                        + " FROM visit WHERE id = ?::uuid", visit));
        assertFalse(refused.getMessage().isEmpty());
    }

    @Test
    void cancellingTwiceIsAnIllegalTransitionNamingTheCurrentStatus() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = book(operator, booking(resident(town, operator), "DISABILITY_CERTIFICATE", today())).statusCode(201)
                .extract().path("id");
        given().header("Authorization", operator.bearer()).contentType("application/json").body(Map.of("reason", "不需要了"))
                .when().post("/api/v1/visits/" + id + "/cancel").then().statusCode(200);

        given().header("Authorization", operator.bearer()).contentType("application/json").body(Map.of("reason", "再取消"))
                .when().post("/api/v1/visits/" + id + "/cancel")
                .then().statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:illegal-transition"))
                .body("currentStatus", equalTo("CANCELLED"));
    }

    @Test
    void concurrentBookingsGetDistinctConsecutiveTicketNumbers() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        List<String> residents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            residents.add(resident(town, operator));
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> tickets = new ArrayList<>();
            for (String resident : residents) {
                tickets.add(pool.submit(() -> book(operator, booking(resident, "MEDICAL_INSURANCE_ENROLMENT", today()))
                        .statusCode(201).extract().<String> path("ticketNumber")));
            }
            TreeSet<Integer> numbers = new TreeSet<>();
            for (Future<String> ticket : tickets) {
                String t = ticket.get();
                numbers.add(Integer.parseInt(t.substring(t.length() - 4)));
            }
            assertEquals(20, numbers.size());
            assertEquals(1, numbers.first());
            assertEquals(20, numbers.last());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void racingBookingsOfTheSameServiceGiveOneVisitAndConflictsNamingIt() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<ValidatableResponse>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(pool.submit(() -> book(operator, booking(resident, "RETIREMENT_CERTIFICATION", today()))));
            }
            List<Integer> statuses = new ArrayList<>();
            List<String> tickets = new ArrayList<>();
            for (Future<ValidatableResponse> answer : answers) {
                ValidatableResponse r = answer.get();
                statuses.add(r.extract().statusCode());
                tickets.add(r.extract().path(r.extract().statusCode() == 201 ? "ticketNumber" : "existingTicket"));
            }
            assertEquals(1, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
            assertEquals(7, statuses.stream().filter(s -> s == 409).count(), statuses.toString());
            assertEquals(1, new TreeSet<>(tickets).size(), tickets.toString());
            assertEquals(1, fixtures.count("SELECT count(*) FROM visit WHERE resident_id = ?::uuid", resident));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aRetriedBookingWithTheSameKeyIsAppliedOnce() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        Map<String, Object> body = booking(resident(town, operator), "ELDERLY_ALLOWANCE", today());
        String key = java.util.UUID.randomUUID().toString();

        String first = given().header("Authorization", operator.bearer()).header("Idempotency-Key", key)
                .contentType("application/json").body(body).when().post("/api/v1/visits")
                .then().statusCode(201).extract().asString();
        String again = given().header("Authorization", operator.bearer()).header("Idempotency-Key", key)
                .contentType("application/json").body(body).when().post("/api/v1/visits")
                .then().statusCode(201).header("Location", matchesPattern(".*/api/v1/visits/[0-9a-f-]{36}"))
                .extract().asString();
        assertEquals(first, again);
        assertEquals(1, fixtures.count("SELECT count(*) FROM visit WHERE resident_id = ?::uuid", body.get("residentId")));
        String stored = fixtures.query("SELECT row_to_json(k)::text FROM idempotency_key k WHERE key = ?", key).get(0).get(0)
                .toString();
        assertFalse(stored.contains("13907310088"), stored);

        body.put("notes", "改了备注");
        given().header("Authorization", operator.bearer()).header("Idempotency-Key", key).contentType("application/json")
                .body(body).when().post("/api/v1/visits")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:idempotency-key-reused"));
    }

    @Test
    void badBookingsAreProblems() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        Map<String, Object> body = booking(resident, "RETIREMENT_CERTIFICATION", today());
        body.put("channel", "CARRIER_PIGEON");
        book(operator, body).statusCode(400).body("errors.field", hasItem("channel"));
        body = booking(resident, "RETIREMENT_CERTIFICATION", "2020-01-01");
        book(operator, body).statusCode(400).body("errors.field", hasItem("preferredDate"));
        body = booking(resident, "NO_SUCH_SERVICE", today());
        book(operator, body).statusCode(422).body("type", equalTo("urn:doorstep:problem:unknown-service-type"));
        body = booking(java.util.UUID.randomUUID().toString(), "RETIREMENT_CERTIFICATION", today());
        book(operator, body).statusCode(422).body("type", equalTo("urn:doorstep:problem:unknown-resident"));
        body = booking(resident, "RETIREMENT_CERTIFICATION", today());
        body.put("caller", Map.of("name", "x", "relation", "CHILD", "phone", "12345"));
        book(operator, body).statusCode(400).body("errors.field", hasItem("caller.phone"));
    }

    @Test
    void theCallersPhoneIsNotStoredInClearText() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = book(operator, booking(resident(town, operator), "RETIREMENT_CERTIFICATION", today())).statusCode(201)
                .extract().path("id");
        String row = fixtures.query("SELECT row_to_json(v)::text FROM visit v WHERE id = ?::uuid", id).get(0).get(0)
                .toString();
        assertFalse(row.contains("13907310088"), row);
        assertFalse(row.contains("0731"), row);
    }

    @Test
    void aFieldAgentCannotBook() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = resident(town, operator);
        given().header("Authorization", "Bearer " + fixtures.fieldAgent(town).token(java.util.UUID.randomUUID()))
                .contentType("application/json").body(booking(resident, "RETIREMENT_CERTIFICATION", today()))
                .when().post("/api/v1/visits").then().statusCode(403);
    }

    @Test
    void anotherTownsOperatorCannotSeeTheVisit() {
        TestTown yongan = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(yongan, "operator");
        String id = book(operator, booking(resident(yongan, operator), "RETIREMENT_CERTIFICATION", today())).statusCode(201)
                .extract().path("id");
        TestStaff guandu = fixtures.staff(fixtures.townLikeYongan(), "operator");

        given().header("Authorization", guandu.bearer()).when().get("/api/v1/visits/" + id).then().statusCode(404);
        given().header("Authorization", guandu.bearer()).contentType("application/json").body(Map.of("reason", "x"))
                .when().post("/api/v1/visits/" + id + "/cancel").then().statusCode(404);
        given().header("Authorization", guandu.bearer()).when().get("/api/v1/visits")
                .then().statusCode(200).body("items.id", not(hasItem(id)));
    }

    @Test
    void theListFiltersByStatusDateVillageAndOverdue() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String open = book(operator, booking(resident(town, operator), "RETIREMENT_CERTIFICATION", today())).statusCode(201)
                .extract().path("id");
        String cancelled = book(operator, booking(resident(town, operator), "RETIREMENT_CERTIFICATION", today()))
                .statusCode(201).extract().path("id");
        given().header("Authorization", operator.bearer()).contentType("application/json").body(Map.of("reason", "x"))
                .when().post("/api/v1/visits/" + cancelled + "/cancel").then().statusCode(200);
        String supervisor = fixtures.staff(town, "supervisor").bearer();

        given().header("Authorization", supervisor).queryParam("status", "REQUESTED").when().get("/api/v1/visits")
                .then().statusCode(200).body("items.id", equalTo(List.of(open)));
        given().header("Authorization", supervisor).queryParam("date", today())
                .queryParam("villageId", town.village("XINYUAN").id().toString()).when().get("/api/v1/visits")
                .then().statusCode(200).body("total", equalTo(2));
        given().header("Authorization", supervisor).queryParam("villageId", town.village("FURONG").id().toString())
                .when().get("/api/v1/visits").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", supervisor).queryParam("overdue", "true").when().get("/api/v1/visits")
                .then().statusCode(200).body("total", equalTo(0));

        clock.advance(java.time.Duration.ofDays(30));
        given().header("Authorization", supervisor).queryParam("overdue", "true").when().get("/api/v1/visits")
                .then().statusCode(200).body("items.id", equalTo(List.of(open)))
                .body("items[0].overdue", equalTo(true));
        given().header("Authorization", supervisor).queryParam("status", "LOST").when().get("/api/v1/visits")
                .then().statusCode(400).body("errors[0].field", equalTo("status"));
    }
}
