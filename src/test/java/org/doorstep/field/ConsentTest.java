package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
import org.doorstep.support.OpenRequests;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class ConsentTest {

    @Inject
    CaptureSteps steps;

    @Inject
    Fixtures fixtures;

    @Inject
    ConsentService consents;

    @Test
    void aGuardiansConsentIsRecordedOnceAndReadBack() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        UUID signature = steps.upload(door, "SIGNATURE", CaptureSteps.png(5_000));
        Map<String, Object> body = new HashMap<>(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "GUARDIAN",
                "guardianName", "胡建国", "relation", "CHILD", "signatureCaptureId", signature.toString(),
                "textId", CaptureSteps.consentText(door.bearer())));
        given().header("Authorization", door.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(201).body("grantedBy", equalTo("GUARDIAN")).body("guardianName", equalTo("胡建国"))
                .body("deviceId", equalTo(door.tablet().deviceId().toString()));
        assertEquals(Set.of("BIOMETRIC_CAPTURE"), consents.purposesGranted(door.visitId()));

        given().header("Authorization", door.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:consent-already-recorded"));
        given().header("Authorization", fixtures.staff(door.town(), "supervisor").bearer())
                .when().get("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(200).body("purposesGranted", contains("BIOMETRIC_CAPTURE"))
                .body("consents[0].relation", equalTo("CHILD"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CONSENT_RECORDED' AND target_id = ?",
                door.visitId().toString()));
    }

    @Test
    void aRetriedConsentWithTheSameKeyGetsTheFirstAnswer() {
        AtTheDoor door = steps.onSite("ELDERLY_ALLOWANCE");
        Map<String, Object> body = CaptureSteps.residentConsent(door.bearer());
        String first = given().header("Authorization", door.bearer()).header("Idempotency-Key", "c-1")
                .contentType("application/json").body(body).when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(201).extract().path("id");
        given().header("Authorization", door.bearer()).header("Idempotency-Key", "c-1").contentType("application/json")
                .body(body).when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(201).body("id", equalTo(first));
    }

    @Test
    void aGuardianMustBeNamedAndAResidentNeedsNoGuardian() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "GUARDIAN", "textId",
                        CaptureSteps.consentText(door.bearer())))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(400).body("errors.field", hasItems("guardianName", "relation"));
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT", "guardianName", "某人", "textId",
                        CaptureSteps.consentText(door.bearer())))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(400).body("errors[0].field", equalTo("guardianName"));
    }

    @Test
    void consentIsTakenAtTheDoorOnlyAndOnlyWhereBiometricsAreTaken() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.setStatus(door.visitId(), "EN_ROUTE");
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(CaptureSteps.residentConsent(door.bearer()))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(409).body("currentStatus", equalTo("EN_ROUTE"));

        AtTheDoor card = steps.onSite("SOCIAL_SECURITY_CARD");
        given().header("Authorization", card.bearer()).contentType("application/json")
                .body(CaptureSteps.residentConsent(card.bearer()))
                .when().post("/api/v1/visits/" + card.visitId() + "/consents")
                .then().statusCode(422).body("type", equalTo("urn:doorstep:problem:consent-not-needed"));
    }

    @Test
    void aConsentToAnOutdatedTextIsRefusedAndOneToTheTextInForceNamesIt() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        String shown = CaptureSteps.consentText(door.bearer());
        // the town publishes its own wording while the agent is at the door
        String published = given().header("Authorization", fixtures.staff(door.town(), "admin").bearer())
                .contentType("application/json")
                .body(Map.of("scope", "TOWN", "text", "本镇版本：为办理本次认证需要拍摄您的人脸照片，仅用于本次认证，到期删除，可随时撤回。"))
                .when().post("/api/v1/privacy-texts/BIOMETRIC_CAPTURE/versions").then().statusCode(201)
                .body("scope", equalTo("TOWN")).body("version", equalTo(1)).extract().path("id");

        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT", "textId", shown))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(409).body("type", equalTo("urn:doorstep:problem:consent-text-outdated"))
                .body("currentTextId", equalTo(published)).body("currentVersion", equalTo(1));
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT"))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(400).body("errors[0].field", equalTo("textId"));
        assertEquals(Set.of(), consents.purposesGranted(door.visitId()));

        assertEquals(published, CaptureSteps.consentText(door.bearer()));
        given().header("Authorization", door.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "grantedBy", "RESIDENT", "textId", published))
                .when().post("/api/v1/visits/" + door.visitId() + "/consents")
                .then().statusCode(201).body("textId", equalTo(published));
        assertEquals(1, fixtures.count("SELECT count(*) FROM consent WHERE visit_id = ? AND text_id = ?::uuid",
                door.visitId(), published));
    }

    @Inject
    org.doorstep.capture.BlobStore store;

    static io.restassured.response.ValidatableResponse withdraw(Fixtures.TestStaff operator, Object residentId,
            String requestId) {
        return given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId", requestId)).when()
                .post("/api/v1/residents/" + residentId + "/consent-withdrawals").then();
    }

    @Test
    void withdrawingConsentDeletesTheFaceImagesAtOnceAndRefusesTheNextFaceUploadUntilANewConsent() throws Exception {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        UUID face = steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(60_000));
        UUID card = steps.upload(door, "ID_CARD_FRONT", CaptureSteps.jpeg(50_000));
        String halfway = steps.create(door, "FACE_PHOTO", CaptureSteps.jpeg(70_000));
        List<String> blobs = fixtures.query("SELECT blob_key FROM capture_part WHERE capture_id = ?", face).stream()
                .map(r -> (String) r.get(0)).toList();
        assertFalse(blobs.isEmpty());
        Object resident = fixtures.query("SELECT resident_id FROM visit WHERE id = ?", door.visitId()).get(0).get(0);

        String request = OpenRequests.open(door.operator(), resident, "CONSENT_WITHDRAWAL");
        withdraw(fixtures.staff(door.town(), "dispatcher"), resident, request).statusCode(403);
        withdraw(fixtures.staff(fixtures.townLikeYongan(), "operator"), resident, request).statusCode(404);
        withdraw(door.operator(), resident, request).statusCode(200).body("consentsWithdrawn", equalTo(1))
                .body("faceImagesDeleted", equalTo(1)).body("uploadsStopped", equalTo(1)).body("upstreamNotices", equalTo(0));

        // the face image is gone from the store; its row stays, purged with the reason; other captures stay
        for (String blob : blobs) {
            assertFalse(store.exists(blob), "the face image's bytes are still in the store");
        }
        assertEquals(List.of(List.of("PURGED", "CONSENT_WITHDRAWN")),
                fixtures.query("SELECT status, purge_reason FROM capture WHERE id = ?", face));
        given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + face + "/content").then()
                .statusCode(410);
        given().header("Authorization", door.bearer()).when().get("/api/v1/captures/" + card + "/content").then()
                .statusCode(200);
        assertEquals(0, fixtures.count("SELECT count(*) FROM capture WHERE id = ?::uuid",
                halfway.substring(halfway.lastIndexOf('/') + 1)));

        // no face photo until the resident consents again; the withdrawn consent is kept, marked
        steps.createRequest(door.bearer(), door.visitId(), "FACE_PHOTO", 60_000, CaptureSteps.sha256(CaptureSteps.jpeg(60_000)))
                .then().statusCode(403).body("type", equalTo("urn:doorstep:problem:consent-required"));
        given().header("Authorization", door.bearer()).when().get("/api/v1/visits/" + door.visitId() + "/consents").then()
                .statusCode(200).body("purposesGranted", equalTo(List.of())).body("consents[0].withdrawnAt", notNullValue());
        withdraw(door.operator(), resident, OpenRequests.open(door.operator(), resident, "CONSENT_WITHDRAWAL")).statusCode(200)
                .body("consentsWithdrawn", equalTo(0))
                .body("faceImagesDeleted", equalTo(0));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CONSENT_WITHDRAWN' AND target_id = ?",
                resident.toString()));

        steps.consent(door);
        steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(60_000));
    }

    @Test
    void anotherTeamsVisitIsNotFound() {
        AtTheDoor ours = steps.onSite("RETIREMENT_CERTIFICATION");
        AtTheDoor theirs = steps.onSite(ours.town(), "RETIREMENT_CERTIFICATION");
        given().header("Authorization", ours.bearer()).contentType("application/json")
                .body(CaptureSteps.residentConsent(ours.bearer()))
                .when().post("/api/v1/visits/" + theirs.visitId() + "/consents").then().statusCode(404);
        given().header("Authorization", ours.bearer()).when().get("/api/v1/visits/" + theirs.visitId() + "/consents")
                .then().statusCode(404);
    }
}
