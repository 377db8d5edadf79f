package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.support.Fixtures;
import org.doorstep.support.TestClock;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Biometric captures are deleted when their retention ends; blobs no row refers to are swept. */
@QuarkusTest
class CaptureRetentionTest {

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
    CaptureService captures;

    @Inject
    BlobStore store;

    @Test
    void aFacePhotoIsPurgedWhenItsRetentionEndsAndItsMetadataStays() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        UUID face = steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(40_000));
        UUID card = steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(40_000));
        String faceBlob = blobOf(face);
        assertEquals(Set.of(CaptureKind.FACE_PHOTO, CaptureKind.ID_CARD_FRONT), captures.capturedKinds(door.visitId()));
        steps.setStatus(door.visitId(), "SUBMITTED");
        try {
            clock.advance(Duration.ofDays(config.biometricRetentionDays()).minusHours(1));
            janitor.purgeBiometrics();
            assertEquals(1, fixtures.count("SELECT count(*) FROM capture WHERE id = ? AND status = 'COMPLETE'", face));

            clock.advance(Duration.ofHours(2));
            assertTrue(janitor.purgeBiometrics() >= 1);
        } finally {
            clock.reset();
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM capture WHERE id = ? AND status = 'PURGED'", face));
        assertEquals(0, fixtures.count("SELECT count(*) FROM capture_part WHERE capture_id = ?", face));
        assertFalse(Files.exists(blobPath(faceBlob)));
        assertEquals(1, fixtures.count("SELECT count(*) FROM capture WHERE id = ? AND status = 'COMPLETE'", card),
                "a document is not biometric and stays");
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CAPTURE_PURGED' AND target_id = ?",
                face.toString()));
        assertEquals(Set.of(CaptureKind.ID_CARD_FRONT), captures.capturedKinds(door.visitId()));

        String supervisor = fixtures.staff(door.town(), "supervisor").bearer();
        given().header("Authorization", supervisor).when().get("/api/v1/visits/" + door.visitId() + "/captures")
                .then().statusCode(200).body("total", equalTo(2))
                .body("items.find { it.id == '" + face + "' }.purgedAt", notNullValue())
                .body("items.find { it.id == '" + face + "' }.sha256", notNullValue());
        given().header("Authorization", supervisor).when().get("/api/v1/captures/" + face + "/content")
                .then().statusCode(410).body("type", equalTo("urn:doorstep:problem:capture-purged"));
    }

    @Test
    void aFacePhotoOfAVisitStillBeingFiledIsKept() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        UUID face = steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(40_000));
        steps.setStatus(door.visitId(), "COMPLETED");
        try {
            clock.advance(Duration.ofDays(config.biometricRetentionDays() + 1));
            janitor.purgeBiometrics();
        } finally {
            clock.reset();
        }
        assertEquals(1, fixtures.count("SELECT count(*) FROM capture WHERE id = ? AND status = 'COMPLETE'", face));
    }

    @Test
    void aBlobNoRowRefersToIsSweptOnceItIsOldAndReferencedOnesStay() throws Exception {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        UUID card = steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(30_000));
        String kept = blobOf(card);
        // What a crash between writing a blob and committing its row leaves behind.
        BlobStore.Stored orphan = store.write(out -> new ByteArrayInputStream(new byte[] { 1, 2, 3 }).transferTo(out));
        assertTrue(Files.exists(blobPath(orphan.key())));

        janitor.sweepOrphans();
        assertTrue(Files.exists(blobPath(orphan.key())), "a fresh blob may be a PATCH about to commit");
        try {
            clock.advance(config.orphanGrace().plusMinutes(1));
            // the sweep goes on from where it stopped: within two runs it has seen every blob
            int swept = janitor.sweepOrphans() + janitor.sweepOrphans();
            assertTrue(swept >= 1);
        } finally {
            clock.reset();
        }
        assertFalse(Files.exists(blobPath(orphan.key())));
        assertTrue(Files.exists(blobPath(kept)));
    }

    private String blobOf(UUID capture) {
        return fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?", capture).get(0).get(0).toString();
    }

    private Path blobPath(String key) {
        return Path.of(config.storageDirectory(), "blobs", key.substring(0, 2), key.substring(2, 4), key);
    }
}
