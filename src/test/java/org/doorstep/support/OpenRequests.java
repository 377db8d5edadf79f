package org.doorstep.support;

import static io.restassured.RestAssured.given;

import java.util.Map;

import org.doorstep.support.Fixtures.TestStaff;

/** Residents' rights requests recorded at the desk, as a right is exercised only on one. */
public final class OpenRequests {

    private OpenRequests() {
    }

    /** The id of a new open request of this kind, recorded by the operator for the resident themselves. */
    public static String open(TestStaff operator, Object residentId, String kind) {
        return given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("kind", kind, "requestedBy", "SELF", "identityCheck", "ID_NUMBER_AND_NAME"))
                .when().post("/api/v1/residents/" + residentId + "/rights-requests").then().statusCode(201)
                .extract().path("id");
    }
}
