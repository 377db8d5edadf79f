package org.doorstep.supervision;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.doorstep.dispatch.DispatchSteps;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.OpenRequests;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class FilingTest {

    private static FakeUpstream upstream;

    @Inject
    Fixtures fixtures;

    @Inject
    org.doorstep.capture.CaptureSteps captures;

    @BeforeAll
    static void startUpstream() throws Exception {
        upstream = new FakeUpstream(Integer.getInteger("doorstep.test.upstream-port", 18089));
    }

    @AfterAll
    static void stopUpstream() {
        upstream.close();
    }

    /** A visit of a new town, completed (as the field team's COMPLETE would leave it), with its ticket. */
    private record Completed(TestTown town, String visitId, String ticket) {
    }

    private Completed completed(String... script) {
        TestTown town = fixtures.townLikeYongan();
        TestStaff dispatcher = fixtures.staff(town, "dispatcher");
        TestStaff operator = fixtures.staff(town, "operator");
        var day = DispatchSteps.nextWorkingDay(fixtures);
        String team = DispatchSteps.team(dispatcher, List.of(town.village("XINYUAN").id().toString()), 8);
        String visit = DispatchSteps.visit(town, operator, day, "ANY");
        DispatchSteps.assign(dispatcher, visit, "\"0\"", DispatchSteps.slot(team, day, "09:00", "09:30")).statusCode(200);
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", UUID.fromString(visit))
                .get(0).get(0);
        upstream.script(ticket, script);
        Instant now = Instant.now();
        fixtures.update("UPDATE visit SET status = 'COMPLETED', closed_at = ?, updated_at = ? WHERE id = ?",
                java.sql.Timestamp.from(now), java.sql.Timestamp.from(now), UUID.fromString(visit));
        return new Completed(town, visit, ticket);
    }

    private String status(String visit) {
        return (String) fixtures.query("SELECT status FROM visit WHERE id = ?", UUID.fromString(visit)).get(0).get(0);
    }

    private String filingStatus(String visit) {
        return (String) fixtures.query("SELECT status FROM filing WHERE visit_id = ?", UUID.fromString(visit)).get(0)
                .get(0);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
        }
        fail("waited 40 s for " + what);
    }

    @Test
    void aWithdrawnFaceImageThatWasFiledIsDeletedHereAndTheUpstreamIsToldOnce() {
        org.doorstep.capture.CaptureSteps.AtTheDoor door = captures.onSite("RETIREMENT_CERTIFICATION");
        captures.consent(door);
        UUID face = captures.upload(door, "FACE_PHOTO", org.doorstep.capture.CaptureSteps.jpeg(60_000));
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", door.visitId()).get(0).get(0);
        upstream.script(ticket, "ok");
        captures.setStatus(door.visitId(), "COMPLETED");
        await("the filing to be sent", () -> "SENT".equals(filingStatus(door.visitId().toString())));
        assertEquals(1, upstream.requestsFor(ticket).size());
        assertTrue(upstream.requestsFor(ticket).get(0).body().path("captures").toString().contains("FACE_PHOTO"));

        Object resident = fixtures.query("SELECT resident_id FROM visit WHERE id = ?", door.visitId()).get(0).get(0);
        given().header("Authorization", door.operator().bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId",
                        OpenRequests.open(door.operator(), resident, "CONSENT_WITHDRAWAL")))
                .when()
                .post("/api/v1/residents/" + resident + "/consent-withdrawals").then().statusCode(200)
                .body("faceImagesDeleted", equalTo(1)).body("upstreamNotices", equalTo(1));
        assertEquals(List.of(List.of("PURGED", "CONSENT_WITHDRAWN")),
                fixtures.query("SELECT status, purge_reason FROM capture WHERE id = ?", face));

        await("the upstream to be told", () -> upstream.requestsFor(ticket).size() == 2);
        FakeUpstream.Request told = upstream.requestsFor(ticket).get(1);
        assertEquals("FACE_PHOTO", told.body().path("captureKind").asText());
        assertEquals(fixtures.query("SELECT receipt FROM filing WHERE visit_id = ?", door.visitId()).get(0).get(0),
                told.body().path("receiptNumber").asText());
        await("the notice to be marked sent", () -> fixtures.count(
                "SELECT count(*) FROM face_withdrawal_notice n JOIN filing f ON f.id = n.filing_id WHERE f.visit_id = ?"
                        + " AND n.status = 'SENT'",
                door.visitId()) == 1);
        // the visit stays filed: withdrawal does not undo what was done before it
        assertEquals("SUBMITTED", status(door.visitId().toString()));
        assertEquals(2, upstream.requestsFor(ticket).size());
    }

    @Test
    void aWithdrawalNoticeTheUpstreamRefusesIsParkedAndNotSentAgain() throws InterruptedException {
        org.doorstep.capture.CaptureSteps.AtTheDoor door = captures.onSite("RETIREMENT_CERTIFICATION");
        captures.consent(door);
        captures.upload(door, "FACE_PHOTO", org.doorstep.capture.CaptureSteps.jpeg(60_000));
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", door.visitId()).get(0).get(0);
        upstream.script(ticket, "ok", "422");
        captures.setStatus(door.visitId(), "COMPLETED");
        await("the filing to be sent", () -> "SENT".equals(filingStatus(door.visitId().toString())));

        Object resident = fixtures.query("SELECT resident_id FROM visit WHERE id = ?", door.visitId()).get(0).get(0);
        given().header("Authorization", door.operator().bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId",
                        OpenRequests.open(door.operator(), resident, "CONSENT_WITHDRAWAL")))
                .when()
                .post("/api/v1/residents/" + resident + "/consent-withdrawals").then().statusCode(200)
                .body("upstreamNotices", equalTo(1));

        String notice = "SELECT count(*) FROM face_withdrawal_notice n JOIN filing f ON f.id = n.filing_id"
                + " WHERE f.visit_id = ? AND n.status = 'PARKED' AND n.last_error LIKE '%422%'";
        await("the refused notice to be parked", () -> fixtures.count(notice, door.visitId()) == 1);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'FACE_WITHDRAWAL_PARKED'"
                + " AND target_id = (SELECT id::text FROM filing WHERE visit_id = ?)", door.visitId()));
        // the worker runs every second here, with backoffs under one: a parked notice is not tried again
        Thread.sleep(3000);
        assertEquals(2, upstream.requestsFor(ticket).size(), "the filing, and the notice once");
    }

    @Test
    void anUpstreamThatFailsAndTimesOutBeforeItAnswersGetsTheVisitSubmittedExactlyOnce() throws Exception {
        Completed c = completed("500", "503", "timeout", "ok");

        await("the visit to be SUBMITTED", () -> "SUBMITTED".equals(status(c.visitId())));
        List<FakeUpstream.Request> sent = upstream.requestsFor(c.ticket());
        assertTrue(sent.size() >= 4, "four attempts, got " + sent.size());
        Set<String> keys = sent.stream().map(FakeUpstream.Request::idempotencyKey).collect(Collectors.toSet());
        assertEquals(1, keys.size(), "every attempt carries the filing's one idempotency key");
        assertTrue(sent.get(0).body().path("residentIdNumber").asText().matches("[0-9]{17}[0-9X]"),
                "the full ID number goes upstream");
        assertEquals("RETIREMENT_CERTIFICATION", sent.get(0).body().path("serviceType").asText());

        List<List<Object>> events = fixtures.query("SELECT reason FROM visit_event WHERE visit_id = ? AND type = 'SUBMIT'",
                UUID.fromString(c.visitId()));
        assertEquals(1, events.size(), "submitted once");
        String receipt = (String) fixtures.query("SELECT receipt FROM filing WHERE visit_id = ?",
                UUID.fromString(c.visitId())).get(0).get(0);
        assertTrue(((String) events.get(0).get(0)).contains(receipt));
        assertEquals("SENT", filingStatus(c.visitId()));

        int after = upstream.requestsFor(c.ticket()).size();
        Thread.sleep(2500);
        assertEquals(after, upstream.requestsFor(c.ticket()).size(), "never sent again once acknowledged");
    }

    @Test
    void aFilingTheUpstreamKeepsFailingIsNeverParkedAndIsFiledOnceWhenTheUpstreamIsBack() throws Exception {
        // more failures than the 8 attempts that used to park a filing: an outage of the upstream, however long
        String[] script = new String[13];
        java.util.Arrays.fill(script, 0, 12, "503");
        script[12] = "ok";
        Completed c = completed(script);

        await("the visit to be SUBMITTED", () -> "SUBMITTED".equals(status(c.visitId())));
        List<FakeUpstream.Request> sent = upstream.requestsFor(c.ticket());
        assertEquals(13, sent.size(), "twelve failed sends and the one taken");
        assertEquals(1, sent.stream().map(FakeUpstream.Request::idempotencyKey).distinct().count());
        assertEquals("SENT", filingStatus(c.visitId()));
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'FILING_PARKED' AND target_id ="
                + " (SELECT id::text FROM filing WHERE visit_id = ?)", UUID.fromString(c.visitId())));
        Thread.sleep(2500);
        assertEquals(13, upstream.requestsFor(c.ticket()).size(), "never sent again once acknowledged");
    }

    @Test
    void aFilingTheUpstreamRefusesIsParkedAndASupervisorRetriesIt() {
        Completed c = completed("422", "ok");
        TestStaff supervisor = fixtures.staff(c.town(), "supervisor");

        await("the filing to be parked", () -> "FAILED".equals(filingStatus(c.visitId())));
        assertEquals("COMPLETED", status(c.visitId()));
        String id = given().header("Authorization", supervisor.bearer()).queryParam("status", "FAILED")
                .when().get("/api/v1/filings")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].visitId", equalTo(c.visitId()))
                .body("items[0].ticketNumber", equalTo(c.ticket())).body("items[0].attempts", equalTo(1))
                .body("items[0].lastError", equalTo("the upstream answered 422"))
                .extract().path("items[0].id");
        assertEquals(1, upstream.requestsFor(c.ticket()).size(), "refused for good: parked at once, not sent again");

        given().header("Authorization", supervisor.bearer()).when().post("/api/v1/filings/" + id + "/retry")
                .then().statusCode(200).body("status", equalTo("PENDING")).body("attempts", equalTo(0));
        await("the visit to be SUBMITTED", () -> "SUBMITTED".equals(status(c.visitId())));
        given().header("Authorization", supervisor.bearer()).when().post("/api/v1/filings/" + id + "/retry")
                .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:filing-not-failed"));
    }

    @Test
    void aFilingWaitsForACaptureStillUploadingAndCarriesItsHashAndLink() throws Exception {
        var door = captures.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = org.doorstep.capture.CaptureSteps.pdf(200_000);
        String upload = captures.create(door, "APPLICATION_FORM", form);
        String ticket = (String) fixtures.query("SELECT ticket_number FROM visit WHERE id = ?", door.visitId()).get(0).get(0);
        upstream.script(ticket, "ok");
        captures.setStatus(door.visitId(), "COMPLETED"); // completed while the form is still on its way

        Thread.sleep(3000);
        assertEquals(0, upstream.requestsFor(ticket).size(), "not filed while a capture is still uploading");
        captures.patch(door.bearer(), upload, 0, form).statusCode(204);

        await("the visit to be SUBMITTED", () -> "SUBMITTED".equals(status(door.visitId().toString())));
        var sent = upstream.requestsFor(ticket).get(0).body().path("captures");
        assertEquals(1, sent.size());
        assertEquals("APPLICATION_FORM", sent.get(0).path("kind").asText());
        assertEquals(org.doorstep.capture.CaptureSteps.sha256(form), sent.get(0).path("sha256").asText());
        assertTrue(sent.get(0).path("url").asText().matches("https?://.+/api/v1/captures/[0-9a-f-]{36}/content"));
    }

    @Test
    void filingsAreForTheTownsSupervisorsOnly() {
        Completed c = completed("503");
        TestStaff stranger = fixtures.staff(fixtures.townLikeYongan(), "supervisor");
        String id = fixtures.query("SELECT id FROM filing WHERE visit_id = ?", UUID.fromString(c.visitId())).get(0).get(0)
                .toString();
        given().header("Authorization", stranger.bearer()).when().post("/api/v1/filings/" + id + "/retry")
                .then().statusCode(404);
        given().header("Authorization", stranger.bearer()).when().get("/api/v1/filings")
                .then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", fixtures.staff(c.town(), "operator").bearer()).when().get("/api/v1/filings")
                .then().statusCode(403);
        given().header("Authorization", fixtures.staff(c.town(), "supervisor").bearer()).when().get("/api/v1/filings")
                .then().statusCode(200).body("items.visitId", hasItem(c.visitId()));
    }
}
