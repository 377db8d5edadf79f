package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URL;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.doorstep.support.LoopbackProxy;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.tus.java.client.ProtocolException;
import io.tus.java.client.TusClient;
import io.tus.java.client.TusURLMemoryStore;
import io.tus.java.client.TusUpload;
import io.tus.java.client.TusUploader;

/** A stock, third-party tus client (tus-java-client) uploads to the API unchanged, and resumes after the network drops. */
@QuarkusTest
class TusClientTest {

    @Inject
    CaptureSteps steps;

    @Inject
    Fixtures fixtures;

    @Test
    void anUploadCutOffMidwayResumesFromTheServersOffsetAndArrivesIntact() throws Exception {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(3_000_000);
        try (LoopbackProxy network = new LoopbackProxy(RestAssured.port)) {
            TusClient client = client(door, network.port());
            TusUpload upload = upload(form, "APPLICATION_FORM", "申请表.pdf");

            network.cutAfter(1_200_000);
            TusUploader first = client.resumeOrCreateUpload(upload);
            first.setChunkSize(64 * 1024);
            assertThrows(IOException.class, () -> {
                while (first.uploadChunk() > -1) {
                    // keeps sending until the network drops
                }
                first.finish();
            });

            long resumedFrom = -1;
            TusUploader uploader = null;
            for (int attempt = 0; attempt < 5 && uploader == null; attempt++) {
                upload.setInputStream(new ByteArrayInputStream(form));
                TusUploader again = client.resumeOrCreateUpload(upload);
                assertEquals(first.getUploadURL(), again.getUploadURL(), "the client resumes its upload, not a new one");
                resumedFrom = again.getOffset();
                again.setChunkSize(64 * 1024);
                try {
                    while (again.uploadChunk() > -1) {
                        // the rest
                    }
                    again.finish();
                    uploader = again;
                } catch (ProtocolException e) {
                    // 409: the server kept more of the cut-off request meanwhile; ask again (HEAD) and go on
                    assertEquals(409, e.getCausingConnection().getResponseCode());
                }
            }
            assertTrue(uploader != null, "the upload did not complete after resuming");
            assertTrue(resumedFrom > 0 && resumedFrom < form.length, "resumed from " + resumedFrom);

            String path = uploader.getUploadURL().getPath();
            UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
            assertTrue(fixtures.count("SELECT count(*) FROM capture_part WHERE capture_id = ?", id) >= 2);
            byte[] stored = given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + id + "/content")
                    .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
            assertEquals(CaptureSteps.sha256(form), CaptureSteps.sha256(stored));
            assertArrayEquals(form, stored);
        }
    }

    @Test
    void aStockClientUploadsAFacePhotoInSeveralRequests() throws Exception {
        AtTheDoor door = steps.onSite("ELDERLY_ALLOWANCE");
        steps.consent(door);
        byte[] face = CaptureSteps.jpeg(700_000);
        TusClient client = client(door, RestAssured.port);
        TusUploader uploader = client.resumeOrCreateUpload(upload(face, "FACE_PHOTO", "face.jpg"));
        uploader.setChunkSize(32 * 1024);
        uploader.setRequestPayloadSize(256 * 1024);
        while (uploader.uploadChunk() > -1) {
            // three requests of at most 256 KiB
        }
        uploader.finish();

        String path = uploader.getUploadURL().getPath();
        UUID id = UUID.fromString(path.substring(path.lastIndexOf('/') + 1));
        assertEquals(3, fixtures.count("SELECT count(*) FROM capture_part WHERE capture_id = ?", id));
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("items[0].kind", org.hamcrest.Matchers.equalTo("FACE_PHOTO"))
                .body("items[0].sha256", org.hamcrest.Matchers.equalTo(CaptureSteps.sha256(face)));
    }

    private static TusClient client(AtTheDoor door, int port) throws IOException {
        TusClient client = new TusClient();
        client.setUploadCreationURL(new URL("http://127.0.0.1:" + port + "/api/v1/visits/" + door.visitId() + "/captures"));
        client.setHeaders(Map.of("Authorization", door.bearer()));
        client.enableResuming(new TusURLMemoryStore());
        return client;
    }

    private static TusUpload upload(byte[] file, String kind, String name) {
        TusUpload upload = new TusUpload();
        upload.setSize(file.length);
        upload.setInputStream(new ByteArrayInputStream(file));
        upload.setFingerprint(kind + "-" + UUID.randomUUID());
        upload.setMetadata(Map.of("kind", kind, "filename", name, "sha256", CaptureSteps.sha256(file), "capturedAt",
                CaptureSteps.recently()));
        return upload;
    }
}
