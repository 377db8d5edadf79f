package org.doorstep.rights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.BlobStore;
import org.doorstep.capture.CaptureSteps;
import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.resident.IdNumbers;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.OpenRequests;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ErasureTest {

    private static final ZoneId TOWN_TIME = ZoneId.of("Asia/Shanghai");

    @Inject
    Fixtures fixtures;

    @Inject
    CaptureSteps steps;

    @Inject
    BlobStore store;

    @Inject
    Erasure erasure;

    /** A resident whose every identifying value is unique to this test, so that a dump can be searched for it. */
    private record Person(String id, String idNumber, String name, String phone, String callerName, String callerPhone) {
    }

    private static String digits(int n) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n; i++) {
            b.append(java.util.concurrent.ThreadLocalRandom.current().nextInt(10));
        }
        return b.toString();
    }

    private Person register(TestTown town, TestStaff operator) {
        String letters = Fixtures.randomLetters(4);
        Person p = new Person(null, IdNumbers.random(), "胡" + letters + "坤", "139" + digits(8), "胡" + letters + "子",
                "137" + digits(8));
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", p.idNumber(), "name", p.name(), "phone", p.phone(),
                "villageId", town.village("XINYUAN").id().toString(), "address", "心源村" + letters + "组 9 号",
                "notes", p.name() + "术后行动不便"));
        String id = given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");
        return new Person(id, p.idNumber(), p.name(), p.phone(), p.callerName(), p.callerPhone());
    }

    private UUID book(TestStaff operator, Person p, String service) {
        Map<String, Object> booking = new HashMap<>(Map.of("residentId", p.id(), "serviceTypeCode", service,
                "channel", "HOTLINE_12345", "preferredPeriod", "ANY", "notes", "找" + p.callerName(),
                "preferredDate", LocalDate.now(TOWN_TIME).plusDays(2).toString(),
                "caller", Map.of("name", p.callerName(), "relation", "CHILD", "phone", p.callerPhone())));
        return UUID.fromString(
                given().header("Authorization", operator.bearer()).header("Idempotency-Key", UUID.randomUUID().toString())
                        .contentType("application/json").body(booking).when().post("/api/v1/visits").then().statusCode(201)
                        .extract().path("id"));
    }

    private void atTheDoor(AtTheDoor team, UUID visit, int hoursAhead) {
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(hoursAhead, ChronoUnit.HOURS);
        fixtures.update("UPDATE visit SET team_id = ?, slot_start = ?, slot_end = ?, status = 'ON_SITE' WHERE id = ?",
                team.teamId(), java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plus(30, ChronoUnit.MINUTES)),
                visit);
    }

    private void closedDaysAgo(UUID visit, String status, int days) {
        Instant closed = Instant.now().minus(days, ChronoUnit.DAYS);
        fixtures.update("UPDATE visit SET status = ?, closed_at = ?, updated_at = ? WHERE id = ?", status,
                java.sql.Timestamp.from(closed), java.sql.Timestamp.from(closed), visit);
    }

    private static String summary(TestStaff supervisor, LocalDate day) {
        JsonPath json = given().header("Authorization", supervisor.bearer()).queryParam("date", day.toString()).when()
                .get("/api/v1/reports/daily").then().statusCode(200).extract().jsonPath();
        Map<String, Object> all = new java.util.TreeMap<>(json.getMap("$"));
        all.remove("asOf");
        return all.toString();
    }

    /** Every row of every table of the schema, as text. */
    private String dump() {
        StringBuilder text = new StringBuilder();
        for (List<Object> table : fixtures.query("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")) {
            for (List<Object> row : fixtures.query("SELECT t::text FROM \"" + table.get(0) + "\" t")) {
                text.append(row.get(0)).append('\n');
            }
        }
        return text.toString();
    }

    @Test
    void anErasureLeavesNoTraceOfThePersonAndEveryCountAsItWas() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        AtTheDoor team = steps.onSite(town, "RETIREMENT_CERTIFICATION");
        TestStaff operator = team.operator();
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        Person p = register(town, operator);
        UUID certified = book(operator, p, "RETIREMENT_CERTIFICATION");
        UUID card = book(operator, p, "SOCIAL_SECURITY_CARD");
        atTheDoor(team, certified, 700);
        AtTheDoor door = new AtTheDoor(town, certified, team.teamId(), team.tablet(), operator);
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "GUARDIAN", "guardianName", p.callerName(),
                        "relation", "CHILD", "textId", CaptureSteps.consentText(door.bearer())))
                .when().post("/api/v1/visits/" + certified + "/consents").then().statusCode(201);
        steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(50_000));
        steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(40_000));
        List<String> blobs = fixtures.query("SELECT p.blob_key FROM capture_part p JOIN capture c ON c.id = p.capture_id"
                + " WHERE c.visit_id = ?", certified).stream().map(r -> (String) r.get(0)).toList();
        closedDaysAgo(certified, "SUBMITTED", 40);
        given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("reached", true, "satisfaction", 10, "resolved", true, "comment", p.name() + "很满意"))
                .when().post("/api/v1/visits/" + certified + "/follow-ups").then().statusCode(201);
        given().header("Authorization", operator.bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of("reason", p.name() + "已自行到窗口办理")).when().post("/api/v1/visits/" + card + "/cancel")
                .then().statusCode(200);
        fixtures.update("UPDATE visit SET closed_at = now() - interval '45 days' WHERE id = ?", card);
        given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("kind", "DELETION", "requestedBy", "CHILD", "requesterName", p.callerName(),
                        "identityCheck", "WRITTEN_AUTHORISATION", "details", p.name() + "要求删除"))
                .when().post("/api/v1/residents/" + p.id() + "/rights-requests").then().statusCode(201);
        LocalDate booked = LocalDate.now(TOWN_TIME);
        LocalDate closed = LocalDate.ofInstant(Instant.now().minus(40, ChronoUnit.DAYS), TOWN_TIME);
        String bookedDay = summary(supervisor, booked);
        String closedDay = summary(supervisor, closed);
        String before = dump();
        // the search finds what is held in clear before (the numbers themselves are held only encrypted)
        for (String value : List.of(p.name(), p.callerName(), p.phone().substring(0, 3) + "****" + p.phone().substring(7))) {
            assertTrue(before.contains(value), "the dump shows " + value + " before the erasure");
        }

        given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, p.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + p.id() + "/erasure").then()
                .statusCode(403);
        given().header("Authorization", supervisor.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, p.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + p.id() + "/erasure").then()
                .statusCode(200).body("visits", equalTo(2)).body("capturesDeleted", equalTo(2))
                .body("alreadyErased", equalTo(false));

        String after = dump();
        for (String value : List.of(p.idNumber(), p.phone(), p.name(), p.callerName(), p.callerPhone(),
                p.phone().substring(0, 3) + "****" + p.phone().substring(7),
                p.idNumber().substring(0, 6) + "********" + p.idNumber().substring(14))) {
            assertFalse(after.contains(value), "the database still holds " + value);
        }
        for (String blob : blobs) {
            assertFalse(store.exists(blob), "a capture's bytes are still in the store");
        }
        List<List<Object>> resident = fixtures.query("SELECT name, id_number_enc, id_number_index, phone_enc, phone_index,"
                + " erased_at FROM resident WHERE id = ?::uuid", p.id());
        assertEquals("已删除", resident.get(0).get(0));
        assertNull(resident.get(0).get(1));
        assertNull(resident.get(0).get(2));
        assertNull(resident.get(0).get(3));
        assertNull(resident.get(0).get(4));
        assertNotNull(resident.get(0).get(5));
        assertEquals(bookedDay, summary(supervisor, booked), "the day's summary is as it was");
        assertEquals(closedDay, summary(supervisor, closed), "the day's summary is as it was");
        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/visits/" + certified).then().statusCode(200)
                .body("resident.name", equalTo("已删除")).body("status", equalTo("SUBMITTED"));
        given().header("Authorization", operator.bearer()).queryParam("idNumber", p.idNumber()).when()
                .get("/api/v1/residents").then().statusCode(200).body("items", equalTo(List.of()));
        given().header("Authorization", supervisor.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, p.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + p.id() + "/erasure").then()
                .statusCode(200).body("alreadyErased", equalTo(true));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'RESIDENT_ERASED' AND target_id = ?",
                p.id()));
        // the erased record is booked or corrected no more; its access copy says what is left
        Map<String, Object> booking = new HashMap<>(Map.of("residentId", p.id(), "serviceTypeCode", "SOCIAL_SECURITY_CARD",
                "channel", "HOTLINE_12345", "preferredPeriod", "ANY", "preferredDate",
                LocalDate.now(TOWN_TIME).plusDays(2).toString(),
                "caller", Map.of("relation", "SELF")));
        given().header("Authorization", operator.bearer()).contentType("application/json").body(booking).when()
                .post("/api/v1/visits").then().statusCode(409).body("type", equalTo("urn:doorstep:problem:resident-erased"));
        given().header("Authorization", operator.bearer()).header("If-Match", "\"2\"").contentType("application/json")
                .body(Map.of("address", "新地址")).when().patch("/api/v1/residents/" + p.id()).then().statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:resident-erased"));
        given().header("Authorization", supervisor.bearer())
                .queryParam("requestId", OpenRequests.open(operator, p.id(), "ACCESS_COPY"))
                .when().get("/api/v1/residents/" + p.id() + "/access-copy").then()
                .statusCode(200);
        assertEquals(List.of(List.of("erased", "erased")), fixtures.query("SELECT min(file_name), max(file_name) FROM capture"
                + " WHERE visit_id = ?", certified));
        // the person may be registered again, as anyone new
        Map<String, Object> again = new HashMap<>(Map.of("idNumber", p.idNumber(), "name", p.name(), "phone", p.phone(),
                "villageId", town.village("XINYUAN").id().toString(), "address", "心源村"));
        given().header("Authorization", operator.bearer()).contentType("application/json").body(again).when()
                .post("/api/v1/residents").then().statusCode(201);
    }

    @Test
    void anErasureIsRefusedWithItsReasonAndChangesNothing() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        Person open = register(town, operator);
        book(operator, open, "SOCIAL_SECURITY_CARD");
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE resident_id = ?::uuid", open.id())
                .get(0).get(0);
        given().header("Authorization", supervisor.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, open.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + open.id() + "/erasure").then()
                .statusCode(409).body("type", equalTo("urn:doorstep:problem:erasure-refused"))
                .body("reason", equalTo("OPEN_VISIT")).body("ticketNumber", equalTo(ticket));

        Person recent = register(town, operator);
        UUID visit = book(operator, recent, "SOCIAL_SECURITY_CARD");
        closedDaysAgo(visit, "FAILED", 5);
        given().header("Authorization", supervisor.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, recent.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + recent.id() + "/erasure")
                .then().statusCode(409).body("reason", equalTo("RECORDS_RETAINED"));
        // a town that keeps its records longer than the county's default
        Person older = register(town, operator);
        closedDaysAgo(book(operator, older, "SOCIAL_SECURITY_CARD"), "FAILED", 40);
        TestStaff admin = fixtures.staff(town, "admin");
        given().header("Authorization", supervisor.bearer()).contentType("application/json").body(Map.of("days", 60))
                .when().put("/api/v1/rights/record-retention").then().statusCode(403);
        given().header("Authorization", admin.bearer()).contentType("application/json").body(Map.of("days", -1))
                .when().put("/api/v1/rights/record-retention").then().statusCode(400);
        given().header("Authorization", admin.bearer()).contentType("application/json").body(Map.of("days", 60))
                .when().put("/api/v1/rights/record-retention").then().statusCode(200).body("days", equalTo(60))
                .body("ownSetting", equalTo(true));
        given().header("Authorization", supervisor.bearer()).contentType("application/json")
                .body(Map.of("requestId", OpenRequests.open(operator, older.id(), "DELETION"))).when()
                .post("/api/v1/residents/" + older.id() + "/erasure")
                .then().statusCode(409).body("reason", equalTo("RECORDS_RETAINED"));
        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/rights/record-retention").then()
                .statusCode(200).body("days", equalTo(60));
        assertEquals(0, fixtures.count("SELECT count(*) FROM resident WHERE id IN (?::uuid, ?::uuid, ?::uuid)"
                + " AND erased_at IS NOT NULL", open.id(), recent.id(), older.id()));
        given().header("Authorization", fixtures.staff(fixtures.townLikeYongan(), "supervisor").bearer())
                .contentType("application/json").body(Map.of("requestId", OpenRequests.open(operator, recent.id(), "DELETION")))
                .when().post("/api/v1/residents/" + recent.id() + "/erasure").then().statusCode(404);
    }

    @Test
    void residentsInactiveForTheRetentionPeriodAreErasedByThemselves() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        Person old = register(town, operator);
        Person active = register(town, operator);
        UUID visit = book(operator, old, "SOCIAL_SECURITY_CARD");
        closedDaysAgo(visit, "SUBMITTED", 1200);
        fixtures.update("UPDATE resident SET created_at = now() - interval '1300 days' WHERE id IN (?::uuid, ?::uuid)",
                old.id(), active.id());
        book(operator, active, "SOCIAL_SECURITY_CARD");

        erasure.eraseInactive(Instant.now().minus(1095, ChronoUnit.DAYS), 1000);
        assertEquals(List.of(List.of("已删除")), fixtures.query("SELECT name FROM resident WHERE id = ?::uuid", old.id()));
        assertEquals(List.of(List.of(active.name())),
                fixtures.query("SELECT name FROM resident WHERE id = ?::uuid", active.id()));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'RESIDENT_ERASED' AND target_id = ?"
                + " AND actor_id IS NULL", old.id()));
    }
}
