package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.support.Fixtures;
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
