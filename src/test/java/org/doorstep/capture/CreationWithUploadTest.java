package org.doorstep.capture;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * tus creation-with-upload: the creation request brings the first bytes, or all of them, and a tablet on a slow
 * network saves a round trip per capture.
 */
@QuarkusTest
class CreationWithUploadTest {

    @Inject
    CaptureSteps steps;

    @Inject
    Fixtures fixtures;

    @Test
    void aWholeFileInTheCreationRequestIsACaptureAtOnce() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(300_000);

        Response created = creation(door, "ID_CARD_FRONT", card).body(card).when().post(captures(door));

        created.then().statusCode(201).header("Tus-Resumable", "1.0.0").header("Upload-Offset", String.valueOf(card.length))
                .header("Location", notNullValue()).header("Upload-Expires", nullValue());
        String id = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
        given().header("Authorization", door.bearer()).when().get(captures(door)).then().statusCode(200)
                .body("items.find { it.id == '" + id + "' }.sha256", equalTo(CaptureSteps.sha256(card)))
                .body("items.find { it.id == '" + id + "' }.contentType", equalTo("image/jpeg"));
        byte[] back = given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + id + "/content")
                .then().statusCode(200).extract().asByteArray();
        assertArrayEquals(card, back);
    }

    @Test
    void theFirstBytesComeWithTheCreationAndTheRestWithAPatch() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] form = CaptureSteps.pdf(400_000);

        Response created = creation(door, "APPLICATION_FORM", form).body(Arrays.copyOf(form, 150_000))
                .when().post(captures(door));

        created.then().statusCode(201).header("Upload-Offset", "150000").header("Upload-Expires", notNullValue());
        String upload = path(created);
        assertEquals(0, stillMarked(upload), "the creation request's mark on the upload is gone with it");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).header("Upload-Offset", "150000");
        steps.patch(door.bearer(), upload, 150_000, Arrays.copyOfRange(form, 150_000, form.length)).statusCode(204)
                .header("Upload-Offset", String.valueOf(form.length));
    }

    @Test
    void aBodyFailingItsChecksumKeepsNothingAndTheAnswerNamesTheUploadToGoOnWith() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(50_000);

        Response refused = creation(door, "ID_CARD_FRONT", card)
                .header("Upload-Checksum", "sha256 " + Base64.getEncoder().encodeToString(new byte[32]))
                .body(card).when().post(captures(door));

        refused.then().statusCode(460).contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:checksum-mismatch"))
                .header("Location", matchesPattern("^https?://[^/]+/api/v1/uploads/[0-9a-f-]{36}$"));
        String upload = path(refused);
        assertEquals(0, stillMarked(upload), "a refused body leaves no mark that would keep HEAD waiting");
        given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0").when().head(upload).then()
                .statusCode(200).header("Upload-Offset", "0");
        steps.patch(door.bearer(), upload, 0, card).statusCode(204).header("Upload-Offset", String.valueOf(card.length));
    }

    @Test
    void aFileItsKindNeverTakesIsRefusedWithNothingLeftToGoOnWith() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] notAPicture = CaptureSteps.pdf(40_000);
        long before = openUploads(door);

        creation(door, "ID_CARD_FRONT", notAPicture).body(notAPicture).when().post(captures(door)).then()
                .statusCode(422).body("type", equalTo("urn:doorstep:problem:capture-content-refused"))
                .header("Location", nullValue());

        assertEquals(before, openUploads(door));
        assertEquals(0, fixtures.count("SELECT count(*) FROM capture WHERE visit_id = ?", door.visitId()));
    }

    @Test
    void aCreationWithABodyOfAnotherTypeIs415AndCreatesNothing() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(10_000);

        creation(door, "ID_CARD_FRONT", card).contentType("application/json").body("{\"bytes\":\"no\"}")
                .when().post(captures(door)).then().statusCode(415).contentType("application/problem+json");

        assertEquals(0, fixtures.count("SELECT count(*) FROM capture WHERE visit_id = ?", door.visitId()));
    }

    @Test
    void aCreationWithoutABodyAnswersOffsetZero() {
        AtTheDoor door = steps.onSite("SOCIAL_SECURITY_CARD");
        byte[] card = CaptureSteps.jpeg(10_000);

        steps.createRequest(door.bearer(), door.visitId(), "ID_CARD_FRONT", card.length, CaptureSteps.sha256(card))
                .then().statusCode(201).header("Upload-Offset", "0").header("Upload-Expires", notNullValue());
    }

    /** Whether the upload is still marked as being received (1) or not (0). */
    private long stillMarked(String upload) {
        return fixtures.count("SELECT count(*) FROM capture WHERE id = CAST(? AS uuid) AND receiving_token IS NOT NULL",
                upload.substring(upload.lastIndexOf('/') + 1));
    }

    private long openUploads(AtTheDoor door) {
        return fixtures.count("SELECT count(*) FROM capture WHERE visit_id = ? AND status = 'UPLOADING'", door.visitId());
    }

    private static RequestSpecification creation(AtTheDoor door, String kind, byte[] file) {
        return given().header("Authorization", door.bearer()).header("Tus-Resumable", "1.0.0")
                .header("Upload-Length", String.valueOf(file.length))
                .header("Upload-Metadata", CaptureSteps.metadata(Map.of("kind", kind, "filename", "scan",
                        "sha256", CaptureSteps.sha256(file), "capturedAt", CaptureSteps.recently())))
                .contentType("application/offset+octet-stream");
    }

    private static String captures(AtTheDoor door) {
        return "/api/v1/visits/" + door.visitId() + "/captures";
    }

    private static String path(Response answer) {
        return answer.header("Location").replaceFirst("^https?://[^/]+", "");
    }
}
