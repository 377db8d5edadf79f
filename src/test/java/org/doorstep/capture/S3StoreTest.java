package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.doorstep.support.S3Proxy;
import org.doorstep.support.S3ProxyResource;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Captures kept in an S3-compatible store: a real S3 server (s3proxy, signatures checked) holds only
 * ciphertext, one object per PATCH, named by its hash; reading streams from it; a lost object or a
 * store that is down is a clear problem; expiry, retention and the orphan sweep delete from it.
 */
@QuarkusTest
@TestProfile(S3StoreProfile.class)
class S3StoreTest {

    @Inject
    CaptureSteps steps;

    @Inject
    Fixtures fixtures;

    @Inject
    TestClock clock;

    @Inject
    CaptureConfig config;

    @Inject
    CaptureJanitor janitor;

    @Inject
    BlobStore store;

    @Inject
    BlobDeletions deletions;

    @Test
    void anUploadInChunksIsKeptInTheObjectStoreAsCiphertextAndComesBackIntact() throws IOException {
        long localBefore = localFiles();
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(700_000);
        String upload = steps.create(door, "APPLICATION_FORM", form);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(form, 250_000)).statusCode(204);
        steps.patch(door.bearer(), upload, 250_000, Arrays.copyOfRange(form, 250_000, form.length)).statusCode(204)
                .header("Upload-Offset", "700000");
        String id = id(upload);

        byte[] downloaded = given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + id + "/content")
                .then().statusCode(200).contentType("application/pdf").extract().asByteArray();
        assertArrayEquals(form, downloaded);

        List<String> keys = blobsOf(id);
        assertEquals(2, keys.size());
        for (String key : keys) {
            byte[] stored = Files.readAllBytes(server().object(S3ProxyResource.PREFIX + key));
            assertEquals(key, CaptureSteps.sha256(stored), "an object is named by the hash of what it holds");
            assertFalse(CaptureUploadTest.contains(stored, "%PDF".getBytes()), "the store holds a part readable as PDF");
        }
        assertEquals(localBefore, localFiles(), "nothing of a capture is written to the instance's own disk");
    }

    @Test
    void anObjectLostFromTheStoreIsAClearProblemAndNotAServerError() throws IOException {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        UUID card = steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(30_000));
        Files.delete(server().object(S3ProxyResource.PREFIX + blobsOf(card.toString()).get(0)));

        given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + card + "/content").then()
                .statusCode(502).contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:capture-bytes-missing"));
    }

    @Test
    void whileTheStoreIsDownAChunkIsRefusedWith503AndNothingIsRecordedThenItGoesThrough() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(40_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        server().stop();
        try {
            steps.patch(door.bearer(), upload, 0, card).statusCode(503).header("Retry-After", "5")
                    .body("type", equalTo("urn:doorstep:problem:capture-store-unavailable"));
        } finally {
            server().start();
        }
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).header("Upload-Offset", "0");
        steps.patch(door.bearer(), upload, 0, card).statusCode(204).header("Upload-Offset", String.valueOf(card.length));
    }

    @Test
    void anExpiredUploadsPartsLeaveTheStoreOnceAndTheListOfDeletionsIsEmptied() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(card, 5_000)).statusCode(204);
        String key = blobsOf(id(upload)).get(0);
        assertTrue(Files.exists(server().object(S3ProxyResource.PREFIX + key)));
        try {
            clock.advance(config.uploadExpiry().plus(Duration.ofMinutes(1)));
            assertTrue(janitor.expireUploads() >= 1);
        } finally {
            clock.reset();
        }
        assertFalse(Files.exists(server().object(S3ProxyResource.PREFIX + key)));
        assertEquals(0, fixtures.count("SELECT count(*) FROM blob_deletion WHERE blob_key = ?", key));
    }

    @Test
    void aDeletionTheStoreRefusedIsDoneLaterByTheJanitor() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(20_000);
        String upload = steps.create(door, "ID_CARD_FRONT", card);
        steps.patch(door.bearer(), upload, 0, Arrays.copyOf(card, 5_000)).statusCode(204);
        String key = blobsOf(id(upload)).get(0);
        server().stop();
        try {
            given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().delete(upload).then()
                    .statusCode(204);
        } finally {
            server().start();
        }
        assertTrue(Files.exists(server().object(S3ProxyResource.PREFIX + key)), "the store was down");
        assertEquals(1, fixtures.count("SELECT count(*) FROM blob_deletion WHERE blob_key = ?", key),
                "the deletion waits on the list");
        fixtures.update("UPDATE blob_deletion SET due_at = now() WHERE blob_key = ?", key);
        assertTrue(janitor.drainDeletions() >= 1);
        assertFalse(Files.exists(server().object(S3ProxyResource.PREFIX + key)));
        assertEquals(0, fixtures.count("SELECT count(*) FROM blob_deletion WHERE blob_key = ?", key));
    }

    @Test
    void theOrphanSweepWalksTheWholeStorePageByPageAndKeepsWhatIsReferenced() throws IOException {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        UUID card = steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(30_000));
        String kept = blobsOf(card.toString()).get(0);
        List<String> orphans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            // what a crash between storing a part and committing its row leaves behind
            byte[] bytes = ("orphan " + i + " " + UUID.randomUUID()).getBytes();
            orphans.add(store.write(out -> new ByteArrayInputStream(bytes).transferTo(out)).key());
        }
        int objects = server().objects(S3ProxyResource.PREFIX).size();
        try {
            clock.advance(config.orphanGrace().plusMinutes(1));
            // pages of 2: once round the whole store (and past the point where the last test run stopped)
            for (int run = 0; run <= objects / 2 + 2; run++) {
                janitor.sweepOrphans(2);
            }
        } finally {
            clock.reset();
        }
        for (String orphan : orphans) {
            assertFalse(Files.exists(server().object(S3ProxyResource.PREFIX + orphan)), "orphan " + orphan + " is left");
        }
        assertTrue(Files.exists(server().object(S3ProxyResource.PREFIX + kept)));
        given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + card + "/content").then()
                .statusCode(200);
    }

    private static S3Proxy server() {
        return S3ProxyResource.server();
    }

    private List<String> blobsOf(String capture) {
        return fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?::uuid ORDER BY start_offset", capture)
                .stream().map(r -> r.get(0).toString()).toList();
    }

    private long localFiles() throws IOException {
        Path local = Path.of(config.storageDirectory());
        if (!Files.exists(local)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(local)) {
            return files.filter(Files::isRegularFile).count();
        }
    }

    private static String id(String upload) {
        return upload.substring(upload.lastIndexOf('/') + 1);
    }
}
