package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Captures over tus through HTTP: what is taken, what is refused, and with which status. */
@QuarkusTest
class CaptureUploadTest {

    @Inject
    CaptureSteps steps;

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    CaptureJanitor janitor;

    @Inject
    CaptureConfig config;

    @Inject
    DataSource dataSource;

    /**
     * A withdrawal of consent (and an erasure) locks the visit and then its captures. The PATCH that completes an
     * upload takes them in the same order, so the two wait for each other instead of deadlocking (which the
     * database would end by refusing one of them).
     */
    @Test
    void theLastPatchWaitsForAWithdrawalHoldingTheVisitInsteadOfDeadlocking() throws Exception {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(60_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        UUID captureId = UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));

        try (Connection withdrawal = dataSource.getConnection()) {
            withdrawal.setAutoCommit(false);
            lock(withdrawal, "SELECT id FROM visit WHERE id = ? FOR UPDATE", door.visitId());
            CompletableFuture<Integer> patch = CompletableFuture
                    .supplyAsync(() -> steps.patch(door.bearer(), upload, 0, card).extract().statusCode());
            waitForABackendBlockedBy(backendPid(withdrawal), patch);
            lock(withdrawal, "SET LOCAL lock_timeout = '10s'; SELECT id FROM capture WHERE id = ? FOR UPDATE", captureId);
            withdrawal.commit();
            assertEquals(204, patch.get(30, TimeUnit.SECONDS));
        }
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).header("Upload-Offset", String.valueOf(card.length));
    }

    private static void lock(Connection c, String sql, UUID id) throws SQLException {
        String[] statements = sql.split("; ");
        for (int i = 0; i < statements.length - 1; i++) {
            try (java.sql.Statement statement = c.createStatement()) {
                statement.execute(statements[i]);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(statements[statements.length - 1])) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertTrue(rs.next());
            }
        }
    }

    private static int backendPid(Connection c) throws SQLException {
        try (java.sql.Statement statement = c.createStatement();
                ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return rs.getInt(1);
        }
    }

    /** Waits until some backend waits for a lock the given one holds (the PATCH, for the visit). */
    private void waitForABackendBlockedBy(int pid, CompletableFuture<?> meanwhile) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline && !meanwhile.isDone()) {
            if (fixtures.count("SELECT count(*) FROM pg_stat_activity WHERE ? = ANY(pg_blocking_pids(pid))", pid) > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the PATCH never waited for the visit" + (meanwhile.isDone() ? ": it ended first" : ""));
    }

    @Test
    void aCaptureUploadedInChunksComesBackIntactAndIsEncryptedOnDisk() throws IOException {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(300_000);
        String upload = steps.create(door, "APPLICATION_FORM", form);

        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(form, 100_000)).statusCode(204)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "100000")
                .header("Upload-Expires", notNullValue()).header("Doorstep-Capture-Id", nullValue());
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(200).header("Upload-Offset", "100000").header("Upload-Length", "300000")
                .header("Cache-Control", "no-store").header("Doorstep-Capture-Id", nullValue());
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("total", equalTo(0));
        String id = upload.substring(upload.lastIndexOf('/') + 1);
        // the answer that completes it names the capture, for a consent that points at a signature
        steps.patch(door.bearer(), upload, 100_000, Arrays.copyOfRange(form, 100_000, form.length)).statusCode(204)
                .header("Upload-Offset", "300000").header("Doorstep-Capture-Id", id);
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(200).header("Doorstep-Capture-Id", id);

        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("total", equalTo(1)).body("items[0].id", equalTo(id))
                .body("items[0].kind", equalTo("APPLICATION_FORM")).body("items[0].contentType", equalTo("application/pdf"))
                .body("items[0].size", equalTo(300_000)).body("items[0].sha256", equalTo(CaptureSteps.sha256(form)))
                .body("items[0].biometric", equalTo(false));
        byte[] downloaded = given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + id + "/content")
                .then().statusCode(200).contentType("application/pdf")
                .header("ETag", "\"" + CaptureSteps.sha256(form) + "\"").extract().asByteArray();
        assertArrayEquals(form, downloaded);
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CAPTURE_READ' AND target_id = ?", id));

        List<Object> blobs = fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid", id).stream()
                .map(r -> r.get(0)).toList();
        assertEquals(2, blobs.size());
        for (Object key : blobs) {
            byte[] stored = Files.readAllBytes(blobPath(key.toString()));
            assertFalse(contains(stored, "%PDF".getBytes()), "a stored part is readable as PDF");
            assertEquals(key, CaptureSteps.sha256(stored), "blobs are named by the hash of what is stored");
        }
    }

    @Test
    void aFacePhotoIsStoredEncryptedAndReadBackByASupervisor() throws IOException {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        byte[] face = CaptureSteps.jpeg(200_000);
        UUID id = steps.upload(door, "FACE_PHOTO", face);

        String key = fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?", id).get(0).get(0).toString();
        byte[] stored = Files.readAllBytes(blobPath(key));
        assertFalse(stored[0] == (byte) 0xFF && stored[1] == (byte) 0xD8, "the stored file starts like a JPEG");
        assertFalse(contains(stored, Arrays.copyOfRange(face, 0, 64)));
        byte[] read = given().header("Authorization", fixtures.staff(door.town(), "supervisor").bearer()).when()
                .get("/api/v1/captures/" + id + "/content").then().statusCode(200).contentType("image/jpeg")
                .extract().asByteArray();
        assertEquals(CaptureSteps.sha256(face), CaptureSteps.sha256(read));
        given().header("Authorization", fixtures.staff(door.town(), "dispatcher").bearer()).when()
                .get("/api/v1/visits/" + door.visitId() + "/captures").then().statusCode(200)
                .body("items[0].biometric", equalTo(true));
    }

    @Test
    void aFacePhotoBeforeConsentIsRefused() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        byte[] face = CaptureSteps.jpeg(10_000);
        steps.createRequest(door.bearer(), door.visitId(), "FACE_PHOTO", face.length, CaptureSteps.sha256(face)).then()
                .statusCode(403).header("Tus-Resumable", "1.0.0")
                .body("type", equalTo("urn:doorstep:problem:consent-required"))
                .body("detail", containsString("consent"));
    }

    @Test
    void aFacePhotoForAServiceThatTakesNoneIsRefused() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        steps.createRequest(door.bearer(), door.visitId(), "FACE_PHOTO", 1000, CaptureSteps.sha256(new byte[1])).then()
                .statusCode(422).body("type", equalTo("urn:doorstep:problem:capture-not-needed"));
    }

    @Test
    void aChunkWhoseChecksumDoesNotMatchIsRefusedAndNotKept() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(50_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patchRequest(door.bearer(), 0).header("Upload-Checksum", "sha256 " + java.util.Base64.getEncoder()
                .encodeToString(new byte[32])).body(card).when().patch(upload)
                .then().statusCode(460).header("Tus-Resumable", "1.0.0")
                .body("type", equalTo("urn:doorstep:problem:checksum-mismatch"));
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(200).header("Upload-Offset", "0");

        String sha1 = sha1Base64(card);
        steps.patchRequest(door.bearer(), 0).header("Upload-Checksum", "sha1 " + sha1).body(card).when().patch(upload)
                .then().statusCode(204).header("Upload-Offset", String.valueOf(card.length));
    }

    @Test
    void aFileWhoseSha256IsNotTheDeclaredOneIsRefusedWith460() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(50_000);
        String upload = steps.createRequest(door.bearer(), door.visitId(), "ID_CARD_BACK", card.length,
                CaptureSteps.sha256(new byte[] { 1 })).then().statusCode(201).extract().header("Location");
        steps.patch(door.bearer(), upload, 0, card).statusCode(460)
                .body("type", equalTo("urn:doorstep:problem:checksum-mismatch"));
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(200).header("Upload-Offset", "0");
    }

    @Test
    void aFileWhoseBytesAreNotWhatItsKindTakesIsRefused() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        byte[] pdf = CaptureSteps.pdf(20_000);
        String upload = steps.create(door, "FACE_PHOTO", pdf);
        steps.patch(door.bearer(), upload, 0, pdf).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:capture-content-refused"))
                .body("detail", containsString("application/pdf"));
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(404);
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("total", equalTo(0));
    }

    @Test
    void whatTheBytesAreWinsOverWhatTheFileNameSays() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] png = CaptureSteps.png(30_000);
        UUID id = steps.upload(door, "SIGNATURE", png);
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("items[0].id", equalTo(id.toString()))
                .body("items[0].contentType", equalTo("image/png"));
    }

    @Test
    void aJpegWhoseFrameHeaderComesAfterLargeMetadataIsStillKnown() throws IOException {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        java.io.ByteArrayOutputStream jpeg = new java.io.ByteArrayOutputStream();
        jpeg.write(java.util.HexFormat.of().parseHex("ffd8"));
        for (int i = 0; i < 5; i++) {
            jpeg.write(java.util.HexFormat.of().parseHex("ffe1fffe"));
            jpeg.write(new byte[0xfffe - 2]);
        }
        jpeg.write(java.util.HexFormat.of().parseHex("ffc0001108" + "0fa0" + "0bb8" + "03012200021101031101"));
        jpeg.write(new byte[10_000]);
        byte[] card = jpeg.toByteArray();
        UUID id = steps.upload(door, "BANK_CARD", card);
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("items[0].id", equalTo(id.toString()))
                .body("items[0].contentType", equalTo("image/jpeg"));
    }

    @Test
    void anImageDeclaringAbsurdDimensionsIsRefusedBeforeDecoding() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] bomb = CaptureSteps.pngBomb();
        String upload = steps.create(door, "PORTRAIT_PHOTO", bomb);
        steps.patch(door.bearer(), upload, 0, bomb).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:capture-content-refused"))
                .body("detail", containsString("100000"));
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URL base;

    @Test
    void aChunkThatStallsIsCutOffAtItsDeadlineAndWhatCameOfItIsKept() throws Exception {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        byte[] form = CaptureSteps.pdf(600_000);
        String upload = steps.create(door, "APPLICATION_FORM", form);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            java.io.OutputStream out = socket.getOutputStream();
            out.write(("PATCH " + upload + " HTTP/1.1\r\nHost: x\r\nAuthorization: " + door.bearer()
                    + "\r\nTus-Resumable: 1.0.0\r\nUpload-Offset: 0\r\nContent-Type: application/offset+octet-stream"
                    + "\r\nContent-Length: " + form.length + "\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.write(form, 0, 300_000);
            out.flush();
            // then nothing more, as a tablet that lost its signal: the test profile's deadline is 4 s
            socket.setSoTimeout(15_000);
            try {
                socket.getInputStream().readAllBytes();
            } catch (java.net.SocketException reset) {
                // closed all the same
            }
        }
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(200).header("Upload-Offset", "300000");
    }

    @Test
    void anAgentCannotReserveStorageWithoutBoundByOpeningUploadsItNeverFinishes() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        long form = 30L * 1024 * 1024;
        java.util.List<String> open = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            open.add(steps.createRequest(door.bearer(), door.visitId(), "APPLICATION_FORM", form,
                    CaptureSteps.sha256(new byte[i + 1])).then().statusCode(201).extract().header("Location")
                    .replaceFirst("^https?://[^/]+", ""));
        }
        steps.createRequest(door.bearer(), door.visitId(), "APPLICATION_FORM", form, CaptureSteps.sha256(new byte[99]))
                .then().statusCode(409).header("Tus-Resumable", "1.0.0")
                .body("type", equalTo("urn:doorstep:problem:capture-quota-exceeded"))
                .body("detail", containsString("bytes"));
        // cancelling one frees its share
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().delete(open.get(0))
                .then().statusCode(204);
        steps.createRequest(door.bearer(), door.visitId(), "APPLICATION_FORM", form, CaptureSteps.sha256(new byte[99]))
                .then().statusCode(201);
    }

    @Test
    void aVisitTakesABoundedNumberOfCapturesOfOneKind() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        for (int i = 0; i < 10; i++) {
            steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(2_000 + i));
        }
        byte[] eleventh = CaptureSteps.jpeg(3_000);
        steps.createRequest(door.bearer(), door.visitId(), "ID_CARD_FRONT", eleventh.length, CaptureSteps.sha256(eleventh))
                .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:capture-quota-exceeded"))
                .body("detail", containsString("ID_CARD_FRONT"));
        assertEquals(10, fixtures.count("SELECT count(*) FROM capture WHERE visit_id = ? AND kind = 'ID_CARD_FRONT'",
                door.visitId()));
    }

    @Test
    void anUploadLongerThanItsKindTakesIsRefusedAtCreation() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        steps.createRequest(door.bearer(), door.visitId(), "FACE_PHOTO", 50L * 1024 * 1024, CaptureSteps.sha256(new byte[1]))
                .then().statusCode(413).header("Tus-Resumable", "1.0.0")
                .body("type", equalTo("urn:doorstep:problem:capture-too-large"))
                .body("maxSize", equalTo(5 * 1024 * 1024));
    }

    @Test
    void aPatchAtTheWrongOffsetIsAConflict() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 5, Arrays.copyOfRange(card, 5, card.length)).statusCode(409)
                .header("Tus-Resumable", "1.0.0").header("Upload-Offset", "0")
                .body("type", equalTo("urn:doorstep:problem:offset-mismatch"));
    }

    @Test
    void moreBytesThanTheUploadHasToGoAreRefused() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(card, card.length + 10)).statusCode(413)
                .body("type", equalTo("urn:doorstep:problem:chunk-too-large"));
    }

    @Test
    void anUnknownUploadIsNotFound() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        String unknown = "/api/v1/uploads/" + UUID.randomUUID();
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(unknown)
                .then().statusCode(404).header("Tus-Resumable", "1.0.0");
        steps.patch(door.bearer(), unknown, 0, new byte[10]).statusCode(404)
                .body("type", equalTo("urn:doorstep:problem:not-found"));
    }

    @Test
    void aTerminatedUploadIsGoneWithItsBytes() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        String key = firstThousandBytes(door, upload, card);

        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().delete(upload)
                .then().statusCode(204).header("Tus-Resumable", "1.0.0");
        steps.patch(door.bearer(), upload, 1000, Arrays.copyOfRange(card, 1000, card.length)).statusCode(404);
        assertFalse(Files.exists(blobPath(key)));
    }

    @Test
    void anExpiredUploadIsGoneAndTheSweepDeletesItsBytes() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        String key = firstThousandBytes(door, upload, card);
        try {
            clock.advance(config.uploadExpiry().plus(Duration.ofMinutes(1)));
            given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                    .then().statusCode(410).header("Tus-Resumable", "1.0.0");
            steps.patch(door.bearer(), upload, 1000, Arrays.copyOfRange(card, 1000, card.length)).statusCode(410)
                    .body("type", equalTo("urn:doorstep:problem:upload-expired"));

            assertTrue(janitor.expireUploads() >= 1);
            assertEquals(0, fixtures.count("SELECT count(*) FROM capture WHERE id = ?::uuid",
                    upload.substring(upload.lastIndexOf('/') + 1)));
            assertFalse(Files.exists(blobPath(key)));
            given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                    .then().statusCode(404);
        } finally {
            clock.reset();
        }
    }

    @Test
    void anotherTeamsVisitTakesNoUploadFromUs() {
        AtTheDoor ours = steps.onSite("SOCIAL_SECURITY_CARD");
        AtTheDoor theirs = steps.onSite(ours.town(), "SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        steps.createRequest(ours.bearer(), theirs.visitId(), "ID_CARD_FRONT", card.length, CaptureSteps.sha256(card)).then()
                .statusCode(404);
        String upload = steps.create(theirs, "ID_CARD_FRONT", card);
        steps.patch(ours.bearer(), upload, 0, card).statusCode(404);
        given().header("Authorization", ours.bearer()).when().get("/api/v1/visits/" + theirs.visitId() + "/captures")
                .then().statusCode(404);
        UUID id = UUID.fromString(upload.substring(upload.lastIndexOf('/') + 1));
        steps.patch(theirs.bearer(), upload, 0, card).statusCode(204);
        given().header("Authorization", ours.bearer()).when().get("/api/v1/captures/" + id + "/content").then()
                .statusCode(404);
    }

    @Test
    void anotherTownsVisitIsNotFound() {
        AtTheDoor ours = steps.onSite("SOCIAL_SECURITY_CARD");
        AtTheDoor elsewhere = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        UUID id = steps.upload(elsewhere, "ID_CARD_FRONT", card);
        steps.createRequest(ours.bearer(), elsewhere.visitId(), "ID_CARD_FRONT", card.length, CaptureSteps.sha256(card))
                .then().statusCode(404);
        given().header("Authorization", fixtures.staff(ours.town(), "supervisor").bearer()).when()
                .get("/api/v1/captures/" + id + "/content").then().statusCode(404);
    }

    @Test
    void uploadsAreTakenOnlyAtTheDoorOrShortlyAfterCompletion() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.setStatus(door.visitId(), "COMPLETED");
        steps.patch(door.bearer(), upload, 0, card).statusCode(204);
        try {
            clock.advance(config.lateUploadGrace().plus(Duration.ofMinutes(1)));
            steps.createRequest(door.bearer(), door.visitId(), "ID_CARD_BACK", card.length, CaptureSteps.sha256(card))
                    .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:visit-not-taking-captures"))
                    .body("currentStatus", equalTo("COMPLETED"));
        } finally {
            clock.reset();
        }
        steps.setStatus(door.visitId(), "FAILED");
        steps.createRequest(door.bearer(), door.visitId(), "ID_CARD_BACK", card.length, CaptureSteps.sha256(card))
                .then().statusCode(409).body("currentStatus", equalTo("FAILED"));
    }

    @Test
    void anUploadUnderWayIsGoneWhenItsVisitFails() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(card, 1000)).statusCode(204);
        steps.setStatus(door.visitId(), "FAILED");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(410);
        steps.patch(door.bearer(), upload, 1000, Arrays.copyOfRange(card, 1000, card.length)).statusCode(410)
                .body("type", equalTo("urn:doorstep:problem:upload-gone")).body("currentStatus", equalTo("FAILED"));
    }

    @Test
    void anUnsupportedTusVersionIsRefusedNamingOurs() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "0.2.2").header("Upload-Length", "10")
                .when().post("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(412).header("Tus-Version", "1.0.0")
                .body("type", equalTo("urn:doorstep:problem:unsupported-tus-version"));
    }

    @Test
    void bareMetadataIsRefusedFieldByField() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").header("Upload-Length", "10")
                .header("Upload-Metadata", CaptureSteps.metadata(Map.of("kind", "ID_CARD_FRONT", "filename", "a.jpg",
                        "sha256", "ABC", "capturedAt", "2026-11-30T09:41:07+08:00")))
                .when().post("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(400).body("errors.field", hasItem("Upload-Metadata.sha256"));
    }

    @Test
    void discoveryAdvertisesTheExtensions() {
        given().when().options("/api/v1/uploads").then().statusCode(204).header("Tus-Version", "1.0.0")
                .header("Tus-Resumable", "1.0.0")
                .header("Tus-Extension", "creation,creation-with-upload,checksum,termination,expiration")
                .header("Tus-Checksum-Algorithm", containsString("sha256"))
                .header("Tus-Max-Size", String.valueOf(30 * 1024 * 1024));
    }

    @Test
    void aRevokedTabletCannotContinueItsUpload() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(card, 5000)).statusCode(204);

        given().header("Authorization", fixtures.staff(door.town(), "admin").bearer()).when()
                .post("/api/v1/devices/" + door.tablet().deviceId() + "/revoke").then().statusCode(200);

        steps.patch(door.bearer(), upload, 5000, Arrays.copyOfRange(card, 5000, card.length)).statusCode(401)
                .header("Tus-Resumable", "1.0.0");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload)
                .then().statusCode(401);
    }

    /** Sends the first 1000 bytes of the file; the key of the blob they are stored in. */
    private String firstThousandBytes(AtTheDoor door, String upload, byte[] file) {
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(file, 1000)).statusCode(204);
        String id = upload.substring(upload.lastIndexOf('/') + 1);
        return fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid", id).get(0).get(0).toString();
    }

    private Path blobPath(String key) {
        return Path.of(config.storageDirectory(), "blobs", key.substring(0, 2), key.substring(2, 4), key);
    }

    static boolean contains(byte[] haystack, byte[] needle) {
        outer: for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static String sha1Base64(byte[] bytes) {
        try {
            return java.util.Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-1").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
