package org.doorstep.catalog;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class CatalogTest {

    @Inject
    Fixtures fixtures;

    @Test
    void serviceTypesListTheFiveServicesWithTheirRequiredCapturesInOrder() {
        TestTown town = fixtures.townLikeYongan();

        given().header("Authorization", fixtures.staff(town, "operator").bearer())
                .when().get("/api/v1/service-types")
                .then().statusCode(200)
                .body("total", equalTo(5))
                .body("page", equalTo(0))
                .body("size", equalTo(50))
                .body("items.code", contains("DISABILITY_CERTIFICATE", "ELDERLY_ALLOWANCE",
                        "MEDICAL_INSURANCE_ENROLMENT", "RETIREMENT_CERTIFICATION", "SOCIAL_SECURITY_CARD"))
                .body("items.find { it.code == 'RETIREMENT_CERTIFICATION' }.name", equalTo("退休资格认证"))
                .body("items.find { it.code == 'RETIREMENT_CERTIFICATION' }.requiredCaptures",
                        contains("FACE_PHOTO", "ID_CARD_FRONT", "ID_CARD_BACK", "APPLICATION_FORM"))
                .body("items.find { it.code == 'RETIREMENT_CERTIFICATION' }.biometric", equalTo(true))
                .body("items.find { it.code == 'RETIREMENT_CERTIFICATION' }.durationMinutes", equalTo(30))
                .body("items.find { it.code == 'RETIREMENT_CERTIFICATION' }.deadlineDays", equalTo(5))
                .body("items.find { it.code == 'SOCIAL_SECURITY_CARD' }.biometric", equalTo(false))
                .body("items.find { it.code == 'SOCIAL_SECURITY_CARD' }.requiredCaptures",
                        contains("ID_CARD_FRONT", "ID_CARD_BACK", "PORTRAIT_PHOTO", "APPLICATION_FORM", "SIGNATURE"));
    }

    @Test
    void inactiveServiceTypesAreNotListed() {
        TestTown town = fixtures.townLikeYongan();
        fixtures.update("UPDATE service_type SET active = false WHERE town_id = ? AND code = 'ELDERLY_ALLOWANCE'", town.id());

        given().header("Authorization", fixtures.staff(town, "operator").bearer())
                .when().get("/api/v1/service-types")
                .then().statusCode(200)
                .body("total", equalTo(4))
                .body("items.code", not(hasItem("ELDERLY_ALLOWANCE")));
    }

    @Test
    void villagesComeWithTheirCoordinates() {
        TestTown town = fixtures.townLikeYongan();

        given().header("Authorization", fixtures.staff(town, "operator").bearer())
                .when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("items.code", contains("FURONG", "XINYUAN", "YONGHE"))
                .body("items.find { it.code == 'XINYUAN' }.name", equalTo("心源村"))
                .body("items.find { it.code == 'XINYUAN' }.id", equalTo(town.village("XINYUAN").id().toString()))
                .body("items.find { it.code == 'XINYUAN' }.latitude", equalTo(28.2712f))
                .body("items.find { it.code == 'XINYUAN' }.longitude", equalTo(113.8641f));
    }

    @Test
    void villagesArePaged() {
        TestTown town = fixtures.townLikeYongan();

        given().header("Authorization", fixtures.staff(town, "operator").bearer()).queryParam("page", 1).queryParam("size", 2)
                .when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("total", equalTo(3))
                .body("page", equalTo(1))
                .body("size", equalTo(2))
                .body("items.code", contains("YONGHE"));
    }

    @Test
    void aTownSeesOnlyItsOwnVillages() {
        TestTown yongan = fixtures.townLikeYongan();
        TestTown other = fixtures.town("G" + Fixtures.randomLetters(6), Fixtures.uniqueTicketPrefix(), "官渡测试镇");
        fixtures.village(other.id(), "ZHULIAN", "竹联村", 28.4689, 114.0524);

        given().header("Authorization", fixtures.staff(other.id(), null, "dispatcher").bearer())
                .when().get("/api/v1/villages")
                .then().statusCode(200)
                .body("items.code", containsInAnyOrder("ZHULIAN"))
                .body("items.id", not(hasItem(yongan.village("XINYUAN").id().toString())));
        given().header("Authorization", fixtures.staff(other.id(), null, "dispatcher").bearer())
                .when().get("/api/v1/service-types")
                .then().statusCode(200)
                .body("items", hasSize(0))
                .body("total", equalTo(0));
    }

    @Test
    void everyRoleReadsTheCatalogue() {
        TestTown town = fixtures.townLikeYongan();
        for (String role : java.util.List.of("operator", "dispatcher", "supervisor", "admin")) {
            given().header("Authorization", fixtures.staff(town, role).bearer())
                    .when().get("/api/v1/villages")
                    .then().statusCode(200).body("total", equalTo(3));
        }
        given().header("Authorization", fixtures.fieldAgent(town).bearer())
                .when().get("/api/v1/service-types")
                .then().statusCode(200).body("total", equalTo(5));
    }

    @Test
    void theCatalogueNeedsAToken() {
        given().when().get("/api/v1/villages")
                .then().statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", org.hamcrest.Matchers.startsWith("Bearer"))
                .body("type", equalTo("urn:doorstep:problem:unauthorized"))
                .body("status", equalTo(401));
    }
}
