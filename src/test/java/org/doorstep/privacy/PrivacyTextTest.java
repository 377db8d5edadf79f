package org.doorstep.privacy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class PrivacyTextTest {

    private static final String WORDING = "本镇告知：为办理上门服务，我们收集您的姓名、身份证号、电话和住址，仅用于本次办理，按规定保存。";

    @Inject
    Fixtures fixtures;

    private static ValidatableResponse publish(TestStaff admin, String purpose, String scope, String text) {
        return given().header("Authorization", admin.bearer()).contentType("application/json")
                .body(Map.of("scope", scope, "text", text)).when().post("/api/v1/privacy-texts/" + purpose + "/versions")
                .then();
    }

    @Test
    void everyTownReadsTheCountysTextsUntilItPublishesItsOwn() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        given().header("Authorization", operator.bearer()).when().get("/api/v1/privacy-texts").then().statusCode(200)
                .body("purpose", equalTo(List.of("BOOKING_NOTICE", "BIOMETRIC_CAPTURE")))
                .body("scope", equalTo(List.of("COUNTY", "COUNTY")))
                .body("[0].version", greaterThanOrEqualTo(1));

        String first = publish(fixtures.staff(town, "admin"), "BOOKING_NOTICE", "TOWN", WORDING).statusCode(201)
                .body("version", equalTo(1)).body("scope", equalTo("TOWN")).body("text", equalTo(WORDING))
                .extract().path("id");
        String second = publish(fixtures.staff(town, "admin"), "booking_notice", "TOWN", WORDING + "（修订）")
                .statusCode(201).body("version", equalTo(2)).extract().path("id");

        given().header("Authorization", operator.bearer()).when().get("/api/v1/privacy-texts/BOOKING_NOTICE").then()
                .statusCode(200).body("id", equalTo(second)).body("scope", equalTo("TOWN"));
        given().header("Authorization", fixtures.staff(other, "operator").bearer()).when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE").then().statusCode(200).body("scope", equalTo("COUNTY"));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/privacy-texts/BOOKING_NOTICE/versions")
                .then().statusCode(200).body("[0].id", equalTo(second)).body("[1].id", equalTo(first))
                .body("scope", org.hamcrest.Matchers.hasItem("COUNTY"));
        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'PRIVACY_TEXT_PUBLISHED'"
                + " AND town_id = ?", town.id()));

        // a county version published after the town's own never applied to the town: not in its history
        String later = publish(fixtures.staff(other.id(), null, "admin", "county_admin"), "BOOKING_NOTICE", "COUNTY",
                WORDING + "（县级新版）").statusCode(201).extract().path("id");
        given().header("Authorization", operator.bearer()).when().get("/api/v1/privacy-texts/BOOKING_NOTICE/versions")
                .then().statusCode(200).body("id", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(later)))
                .body("[0].id", equalTo(second));
        given().header("Authorization", fixtures.staff(other, "operator").bearer()).when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(200).body("[0].id", equalTo(later));

        // one wording's versions, whether or not they applied to the town: what a county admin works on
        given().header("Authorization", operator.bearer()).queryParam("scope", "COUNTY").when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(200)
                .body("[0].id", equalTo(later)).body("scope", org.hamcrest.Matchers.everyItem(equalTo("COUNTY")));
        given().header("Authorization", operator.bearer()).queryParam("scope", "town").when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(200)
                .body("id", equalTo(List.of(second, first)));
        given().header("Authorization", operator.bearer()).queryParam("scope", "EVERYWHERE").when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE/versions").then().statusCode(400)
                .body("errors[0].field", equalTo("scope"));
    }

    @Test
    void onlyACountyAdminPublishesTheCountysWordingAndOnlyAdminsPublishAtAll() {
        TestTown town = fixtures.townLikeYongan();
        publish(fixtures.staff(town, "admin"), "BIOMETRIC_CAPTURE", "COUNTY", WORDING).statusCode(403);
        publish(fixtures.staff(town, "operator"), "BIOMETRIC_CAPTURE", "TOWN", WORDING).statusCode(403);
        publish(fixtures.staff(town, "supervisor"), "BOOKING_NOTICE", "TOWN", WORDING).statusCode(403);
        assertEquals(0, fixtures.count("SELECT count(*) FROM privacy_text WHERE town_id = ?", town.id()));

        TestStaff county = fixtures.staff(town.id(), null, "admin", "county_admin");
        int before = given().header("Authorization", county.bearer()).when().get("/api/v1/privacy-texts/BOOKING_NOTICE")
                .then().extract().path("version");
        publish(county, "BOOKING_NOTICE", "COUNTY", WORDING).statusCode(201).body("scope", equalTo("COUNTY"))
                .body("version", equalTo(before + 1));
        given().header("Authorization", fixtures.staff(fixtures.townLikeYongan(), "operator").bearer()).when()
                .get("/api/v1/privacy-texts/BOOKING_NOTICE").then().statusCode(200).body("text", equalTo(WORDING));
    }

    @Test
    void aBadTextOrPurposeIsRefusedAndAPublishedTextIsNeverChanged() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan(), "admin");
        publish(admin, "BOOKING_NOTICE", "TOWN", "太短").statusCode(400).body("errors[0].field", equalTo("text"));
        publish(admin, "BOOKING_NOTICE", "EVERYWHERE", WORDING).statusCode(400);
        publish(admin, "HAIRCUT", "TOWN", WORDING).statusCode(404);
        given().header("Authorization", admin.bearer()).when().get("/api/v1/privacy-texts/HAIRCUT").then().statusCode(404);

        assertThrows(RuntimeException.class, () -> fixtures.update("UPDATE privacy_text SET body = body || '!'"));
        assertThrows(RuntimeException.class, () -> fixtures.update("DELETE FROM privacy_text"));
    }
}
