package org.doorstep.field;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.capture.CaptureSteps.AtTheDoor;
import org.doorstep.identity.Devices;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * A field agent who also holds an office role keeps the team restriction on everything the field does, and reads
 * capture content only through a role that may read it.
 */
@QuarkusTest
class MixedRolesTest {

    @Inject
    Fixtures fixtures;
    @Inject
    CaptureSteps steps;
    @Inject
    Devices devices;

    @Test
    void anOperatorWhoIsAlsoAFieldAgentActsInTheFieldOnTheirOwnTeamsVisitsOnly() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        UUID face = steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(40_000));
        UUID ownTeam = fixtures.team(door.town().id(), "另一队", door.town().village("FURONG").id());
        TestStaff mixed = fixtures.staff(door.town().id(), ownTeam, "operator", "field_agent");
        String bearer = devices.signIn(devices.enroll(door.town()), mixed).bearer();
        String visit = "/api/v1/visits/" + door.visitId();

        // the desk's read of the visit is the operator's, town-wide
        given().header("Authorization", bearer).when().get(visit).then().statusCode(200);
        // the field's actions, on another team's visit, are not found
        given().header("Authorization", bearer).contentType("application/json")
                .body(Map.of("type", "FAIL", "occurredAt", CaptureSteps.recently(), "reason", "不在家"))
                .when().post(visit + "/events").then().statusCode(404)
                .body("type", equalTo("urn:doorstep:problem:not-found"));
        given().header("Authorization", bearer).contentType("application/json")
                .body(CaptureSteps.residentConsent(bearer)).when().post(visit + "/consents").then().statusCode(404);
        byte[] card = CaptureSteps.jpeg(30_000);
        steps.createRequest(bearer, door.visitId(), "ID_CARD_FRONT", card.length, CaptureSteps.sha256(card)).then()
                .statusCode(404);
        // neither role may read another team's face image or list its captures
        given().header("Authorization", bearer).when().get("/api/v1/captures/" + face + "/content").then().statusCode(404);
        given().header("Authorization", bearer).when().get(visit + "/captures").then().statusCode(404);

        assertEquals("ON_SITE", fixtures.query("SELECT status FROM visit WHERE id = ?", door.visitId()).get(0).get(0));
        assertEquals(1, fixtures.count("SELECT count(*) FROM consent WHERE visit_id = ?", door.visitId()));
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CAPTURE_READ' AND actor_id = ?",
                mixed.id()));
    }

    @Test
    void aSupervisorWhoIsAlsoAFieldAgentReadsTheTownsCapturesAsASupervisor() {
        AtTheDoor door = steps.onSite("RETIREMENT_CERTIFICATION");
        steps.consent(door);
        UUID face = steps.upload(door, "FACE_PHOTO", CaptureSteps.jpeg(40_000));
        UUID ownTeam = fixtures.team(door.town().id(), "另一队", door.town().village("FURONG").id());
        TestStaff mixed = fixtures.staff(door.town().id(), ownTeam, "supervisor", "field_agent");
        given().header("Authorization", mixed.bearer()).when().get("/api/v1/captures/" + face + "/content").then()
                .statusCode(200);
    }
}
