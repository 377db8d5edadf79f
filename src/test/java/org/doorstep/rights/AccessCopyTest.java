package org.doorstep.rights;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.OpenRequests;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessCopyTest {

    @Inject
    Fixtures fixtures;

    @Inject
    CaptureSteps steps;

    private final ObjectMapper json = new ObjectMapper();

    /** The archive's entries by name. */
    private static Map<String, byte[]> unzip(byte[] archive) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                entries.put(e.getName(), zip.readAllBytes());
            }
        }
        return entries;
    }

    @Test
    void anAccessCopyHoldsEverythingKeptAboutTheResidentAndTheirFilesByteForByte() throws Exception {
        AtTheDoor first = steps.onSite("RETIREMENT_CERTIFICATION");
        UUID resident = (UUID) fixtures.query("SELECT resident_id FROM visit WHERE id = ?", first.visitId()).get(0).get(0);
        // a second visit of the same resident, with the same team at the door
        Map<String, Object> booking = new HashMap<>(Map.of("residentId", resident.toString(), "serviceTypeCode",
                "SOCIAL_SECURITY_CARD", "channel", "HOTLINE_12345", "preferredPeriod", "ANY", "preferredDate",
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).toString(),
                "caller", Map.of("name", "胡建国", "relation", "CHILD", "phone", "13907311234")));
        UUID secondVisit = UUID.fromString(given().header("Authorization", first.operator().bearer())
                .contentType("application/json").body(booking).when().post("/api/v1/visits").then().statusCode(201)
                .extract().path("id"));
        Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(500, ChronoUnit.HOURS);
        fixtures.update("UPDATE visit SET team_id = ?, slot_start = ?, slot_end = ?, status = 'ON_SITE' WHERE id = ?",
                first.teamId(), java.sql.Timestamp.from(start), java.sql.Timestamp.from(start.plus(30, ChronoUnit.MINUTES)),
                secondVisit);
        AtTheDoor second = new AtTheDoor(first.town(), secondVisit, first.teamId(), first.tablet(), first.operator());

        steps.consent(first);
        byte[] face = CaptureSteps.jpeg(90_000);
        byte[] card = CaptureSteps.jpeg(70_000);
        byte[] portrait = CaptureSteps.png(40_000);
        steps.upload(first, "FACE_PHOTO", face);
        steps.upload(first, "ID_CARD_FRONT", card);
        steps.upload(second, "PORTRAIT_PHOTO", portrait);
        steps.setStatus(first.visitId(), "SUBMITTED");
        given().header("Authorization", first.operator().bearer()).contentType("application/json")
                .body(Map.of("reached", true, "satisfaction", 10, "resolved", true, "comment", "老人很满意"))
                .when().post("/api/v1/visits/" + first.visitId() + "/follow-ups").then().statusCode(201);
        given().header("Authorization", first.operator().bearer()).when().get("/api/v1/residents/" + resident + "/contact")
                .then().statusCode(200);

        TestStaff supervisor = fixtures.staff(first.town(), "supervisor");
        var response = given().header("Authorization", supervisor.bearer()).queryParam("files", "true")
                .queryParam("requestId", OpenRequests.open(first.operator(), resident, "ACCESS_COPY")).when()
                .get("/api/v1/residents/" + resident + "/access-copy").then().statusCode(200)
                .contentType("application/zip")
                .header("Content-Disposition", "attachment; filename=access-copy-" + resident + ".zip")
                .extract();
        Map<String, byte[]> entries = unzip(response.asByteArray());

        JsonNode record = json.readTree(entries.get("resident.json"));
        String masked = (String) fixtures.query("SELECT id_number_masked FROM resident WHERE id = ?", resident).get(0).get(0);
        String idNumber = record.path("idNumber").asText();
        assertEquals(18, idNumber.length());
        assertEquals(masked.substring(0, 6) + masked.substring(14), idNumber.substring(0, 6) + idNumber.substring(14));
        assertEquals("13807310042", record.path("phone").asText());

        JsonNode visits = json.readTree(entries.get("visits.json"));
        assertEquals(2, visits.size());
        JsonNode firstVisit = visits.get(0);
        assertEquals("BIOMETRIC_CAPTURE", firstVisit.path("consents").get(0).path("purpose").asText());
        assertTrue(firstVisit.path("consents").get(0).path("text").asText().contains("人脸"));
        assertEquals(10, firstVisit.path("followUps").get(0).path("satisfaction").asInt());
        assertTrue(firstVisit.path("events").size() >= 1, "the visit's events");
        assertEquals("胡建国", visits.get(1).path("callerName").asText());

        JsonNode captures = json.readTree(entries.get("captures.json"));
        assertEquals(3, captures.size());
        Map<String, String> expected = Map.of("FACE_PHOTO", CaptureSteps.sha256(face), "ID_CARD_FRONT",
                CaptureSteps.sha256(card), "PORTRAIT_PHOTO", CaptureSteps.sha256(portrait));
        List<String> files = entries.keySet().stream().filter(n -> n.startsWith("files/")).toList();
        assertEquals(3, files.size(), files.toString());
        for (String name : files) {
            String kind = name.substring("files/".length(), name.indexOf('-')).toUpperCase(java.util.Locale.ROOT);
            assertEquals(expected.get(kind), CaptureSteps.sha256(entries.get(name)), name);
        }

        JsonNode reads = json.readTree(entries.get("personal-data-reads.json"));
        // staff are named as residents know them, by display name, never by their sign-in username
        JsonNode call = java.util.stream.StreamSupport.stream(reads.spliterator(), false)
                .filter(r -> "PERSONAL_DATA_READ".equals(r.path("action").asText())).findFirst().orElseThrow();
        assertEquals("测试 " + first.operator().username(), call.path("staff").asText(),
                "the operator's read of the phone number");
        for (JsonNode read : reads) {
            assertFalse(read.has("username"), "an access copy names no sign-in username: " + read);
        }
        assertTrue(reads.toString().contains("call back"));
        assertTrue(entries.containsKey("rights-requests.json") && entries.containsKey("说明.txt"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'ACCESS_COPY_PRODUCED'"
                + " AND target_id = ? AND actor_id = ?", resident.toString(), supervisor.id()));
        assertEquals(3, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CAPTURE_READ' AND actor_id = ?",
                supervisor.id()));

        // without files=true only the documents; only a supervisor of the town
        Map<String, byte[]> documentsOnly = unzip(given().header("Authorization", supervisor.bearer())
                .queryParam("requestId", OpenRequests.open(first.operator(), resident, "ACCESS_COPY")).when()
                .get("/api/v1/residents/" + resident + "/access-copy").then().statusCode(200).extract().asByteArray());
        assertTrue(documentsOnly.keySet().stream().noneMatch(n -> n.startsWith("files/")));
        given().header("Authorization", first.operator().bearer()).when().get("/api/v1/residents/" + resident + "/access-copy")
                .then().statusCode(403);
        given().header("Authorization", fixtures.staff(fixtures.townLikeYongan(), "supervisor").bearer()).when()
                .get("/api/v1/residents/" + resident + "/access-copy").then().statusCode(404);
        given().header("Authorization", supervisor.bearer()).queryParam("files", "maybe")
                .queryParam("requestId", OpenRequests.open(first.operator(), resident, "ACCESS_COPY")).when()
                .get("/api/v1/residents/" + resident + "/access-copy").then().statusCode(400);
    }
}
