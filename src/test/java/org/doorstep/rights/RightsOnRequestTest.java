package org.doorstep.rights;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.doorstep.capture.CaptureSteps;
import org.doorstep.privacy.RightsRequestTest;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.doorstep.support.OpenRequests;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** A resident's right is exercised on their recorded, open request of the same kind, which it closes. */
@QuarkusTest
class RightsOnRequestTest {

    @Inject
    Fixtures fixtures;
    @Inject
    CaptureSteps steps;

    private String status(String requestId) {
        return (String) fixtures.query("SELECT status FROM rights_request WHERE id = ?::uuid", requestId).get(0).get(0);
    }

    private static ValidatableResponse accessCopy(TestStaff supervisor, String resident, String requestId) {
        var request = given().header("Authorization", supervisor.bearer());
        if (requestId != null) {
            request = request.queryParam("requestId", requestId);
        }
        return request.when().get("/api/v1/residents/" + resident + "/access-copy").then();
    }

    private static ValidatableResponse erase(TestStaff supervisor, String resident, Map<String, Object> body) {
        return given().header("Authorization", supervisor.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents/" + resident + "/erasure").then();
    }

    private static ValidatableResponse withdraw(TestStaff operator, String resident, Map<String, Object> body) {
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents/" + resident + "/consent-withdrawals").then();
    }

    @Test
    void anAccessCopyNeedsTheResidentsOpenAccessRequestAndClosesIt() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        String resident = RightsRequestTest.resident(town, operator);
        String neighbour = RightsRequestTest.resident(town, operator);

        accessCopy(supervisor, resident, null).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:rights-request-required"))
                .body("requestKind", equalTo("ACCESS_COPY"));
        String correction = OpenRequests.open(operator, resident, "CORRECTION");
        accessCopy(supervisor, resident, correction).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:rights-request-required"));
        accessCopy(supervisor, resident, OpenRequests.open(operator, neighbour, "ACCESS_COPY")).statusCode(422);
        accessCopy(supervisor, resident, UUID.randomUUID().toString()).statusCode(422);
        accessCopy(supervisor, resident, "not-an-id").statusCode(400);
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_entry WHERE action IN ('ACCESS_COPY_PRODUCED',"
                + " 'PERSONAL_DATA_READ') AND target_id = ?", resident));

        String request = OpenRequests.open(operator, resident, "ACCESS_COPY");
        accessCopy(supervisor, resident, request).statusCode(200);
        assertEquals("DONE", status(request));
        assertEquals("OPEN", status(correction));
        // a second copy needs a second request
        accessCopy(supervisor, resident, request).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:request-closed"));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'ACCESS_COPY_PRODUCED'"
                + " AND target_id = ?", resident));
        // and nobody marks such a request done by hand
        String another = OpenRequests.open(operator, resident, "ACCESS_COPY");
        given().header("Authorization", supervisor.bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of("outcome", "DONE")).when().post("/api/v1/rights-requests/" + another + "/close").then()
                .statusCode(422).body("type", equalTo("urn:doorstep:problem:carried-out-by-its-action"));
        assertEquals("OPEN", status(another));
    }

    @Test
    void anErasureNeedsTheResidentsOpenDeletionRequestAndARefusedOneLeavesItOpen() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        String resident = RightsRequestTest.resident(town, operator);

        erase(supervisor, resident, Map.of()).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:rights-request-required"))
                .body("requestKind", equalTo("DELETION"));
        given().header("Authorization", supervisor.bearer()).when().post("/api/v1/residents/" + resident + "/erasure")
                .then().statusCode(415).body("type", equalTo("urn:doorstep:problem:unsupported-media-type"));
        erase(supervisor, resident, Map.of("requestId", OpenRequests.open(operator, resident, "ACCESS_COPY")))
                .statusCode(422);
        assertEquals(0, fixtures.count("SELECT count(*) FROM resident WHERE id = ?::uuid AND erased_at IS NOT NULL",
                resident));

        String request = OpenRequests.open(operator, resident, "DELETION");
        erase(supervisor, resident, Map.of("requestId", request)).statusCode(200).body("alreadyErased", equalTo(false));
        assertEquals("DONE", status(request));
        assertEquals(1, fixtures.count("SELECT count(*) FROM resident WHERE id = ?::uuid AND erased_at IS NOT NULL",
                resident));
    }

    @Test
    void aRefusedErasureLeavesTheRequestOpen() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff supervisor = fixtures.staff(town, "supervisor");
        UUID visit = steps.book(town, operator, "SOCIAL_SECURITY_CARD");
        String resident = fixtures.query("SELECT resident_id FROM visit WHERE id = ?", visit).get(0).get(0).toString();
        String request = OpenRequests.open(operator, resident, "DELETION");
        erase(supervisor, resident, Map.of("requestId", request)).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:erasure-refused"));
        assertEquals("OPEN", status(request));
    }

    @Test
    void aConsentWithdrawalNeedsTheResidentsOpenWithdrawalRequestAndClosesIt() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = RightsRequestTest.resident(town, operator);

        withdraw(operator, resident, Map.of("purpose", "BIOMETRIC_CAPTURE")).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:rights-request-required"))
                .body("requestKind", equalTo("CONSENT_WITHDRAWAL"));
        withdraw(operator, resident, Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId",
                OpenRequests.open(operator, resident, "DELETION"))).statusCode(422);
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'CONSENT_WITHDRAWN'"
                + " AND target_id = ?", resident));

        String request = OpenRequests.open(operator, resident, "CONSENT_WITHDRAWAL");
        withdraw(operator, resident, Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId", request)).statusCode(200);
        assertEquals("DONE", status(request));
        withdraw(operator, resident, Map.of("purpose", "BIOMETRIC_CAPTURE", "requestId", request)).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:request-closed"));
    }
}
