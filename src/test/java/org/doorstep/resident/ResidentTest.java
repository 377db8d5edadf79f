package org.doorstep.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
class ResidentTest {

    @Inject
    Fixtures fixtures;

    private static Map<String, Object> resident(TestTown town, String idNumber, String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("idNumber", idNumber);
        body.put("name", "胡淑坤");
        body.put("phone", phone);
        body.put("villageId", town.village("XINYUAN").id().toString());
        body.put("address", "心源村石桥组 12 号");
        body.put("group", "石桥组");
        body.put("notes", "术后行动不便");
        return body;
    }

    private static ValidatableResponse register(TestStaff operator, Map<String, Object> body) {
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then();
    }

    private static String mobile() {
        return "139" + String.format("%08d", java.util.concurrent.ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void anOperatorRegistersAResidentAndGetsItBackMasked() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = IdNumbers.withCheck("43018119550312"
                + String.format("%03d", 2 * java.util.concurrent.ThreadLocalRandom.current().nextInt(400) + 100));
        String phone = mobile();

        register(operator, resident(town, id, phone)).statusCode(201)
                .header("Location", org.hamcrest.Matchers.containsString("/api/v1/residents/"))
                .body("idNumberMasked", equalTo("430181********" + id.substring(14)))
                .body("phoneMasked", equalTo(phone.substring(0, 3) + "****" + phone.substring(7)))
                .body("birthDate", equalTo(null))
                .body("birthYear", equalTo(1955))
                .body("sex", equalTo("FEMALE"))
                .body("name", equalTo("胡淑坤"))
                .body("group", equalTo("石桥组"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a wrong check character|430181195503121021",
            "an impossible date|43018119550230102X",
            "a date in the future|430181203001011021",
            "too short|4301811955031210",
            "letters|4301811955O312102X",
            "empty|''" })
    void aBadIdNumberIsRefusedWithAFieldError(String what, String idNumber) {
        TestTown town = fixtures.townLikeYongan();
        register(fixtures.staff(town, "operator"), resident(town, idNumber, mobile())).statusCode(400)
                .contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:validation"))
                .body("errors.field", hasItem("idNumber"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = { "10 digits|1380731004", "starts with 2|23807310042",
            "no area code|83010001", "letters|138abcd0042" })
    void aBadPhoneNumberIsRefusedWithAFieldError(String what, String phone) {
        TestTown town = fixtures.townLikeYongan();
        register(fixtures.staff(town, "operator"), resident(town, IdNumbers.random("19600101"), phone)).statusCode(400)
                .body("errors.field", hasItem("phone"));
    }

    @Test
    void theDatabaseHoldsNoNumberInClearText() {
        TestTown town = fixtures.townLikeYongan();
        String id = IdNumbers.random("19480704");
        String phone = mobile();
        String residentId = register(fixtures.staff(town, "operator"), resident(town, id, phone)).statusCode(201)
                .extract().path("id");

        String row = fixtures.query("SELECT row_to_json(r)::text FROM resident r WHERE id = ?::uuid", residentId).get(0)
                .get(0).toString();
        assertFalse(row.contains(id), row);
        assertFalse(row.contains(id.substring(0, 14)), row);
        assertFalse(row.contains(phone), row);
        assertFalse(row.contains(phone.substring(3, 7)), row);
    }

    @Test
    void anIdNumberTypedWithFullWidthCharactersAndSpacesIsRead() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = IdNumbers.randomEndingInX("19531111");
        StringBuilder typed = new StringBuilder();
        for (char c : id.toCharArray()) {
            typed.append(c == 'X' ? 'ｘ' : (char) (c - '0' + '０'));
        }
        typed.insert(6, "\u3000").insert(15, ' ');
        String residentId = register(operator, resident(town, typed.toString(), mobile())).statusCode(201).extract().path("id");
        given().header("Authorization", operator.bearer()).queryParam("idNumber", id).when().get("/api/v1/residents")
                .then().statusCode(200).body("items[0].id", equalTo(residentId));
    }

    @Test
    void lookupByIdNumberFindsTheResidentWhateverTheCaseOfX() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = IdNumbers.randomEndingInX("19520815");
        String residentId = register(operator, resident(town, id, mobile())).statusCode(201).extract().path("id");

        for (String typed : List.of(id, id.toLowerCase())) {
            given().header("Authorization", operator.bearer()).queryParam("idNumber", typed)
                    .when().get("/api/v1/residents")
                    .then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].id", equalTo(residentId));
        }
        given().header("Authorization", fixtures.staff(town, "dispatcher").bearer()).queryParam("idNumber", id)
                .when().get("/api/v1/residents").then().statusCode(200).body("total", equalTo(1));
    }

    @Test
    void lookupByPhoneFindsTheResident() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String phone = mobile();
        String residentId = register(operator, resident(town, IdNumbers.random("19500101"), phone)).statusCode(201)
                .extract().path("id");

        given().header("Authorization", operator.bearer()).queryParam("phone", "+86 " + phone)
                .when().get("/api/v1/residents")
                .then().statusCode(200)
                .body("items.id", equalTo(List.of(residentId)));
    }

    @Test
    void aLookupNeedsExactlyOneKey() {
        TestStaff operator = fixtures.staff(fixtures.townLikeYongan(), "operator");
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents")
                .then().statusCode(400).body("type", equalTo("urn:doorstep:problem:lookup-needs-one-key"));
    }

    @Test
    void registeringTheSameResidentTwiceAnswersWithTheExistingId() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = IdNumbers.randomEndingInX("19580202");
        String first = register(operator, resident(town, id, mobile())).statusCode(201).extract().path("id");

        register(operator, resident(town, id.toLowerCase(), mobile())).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:resident-exists"))
                .body("existingId", equalTo(first));
    }

    @Test
    void theSamePersonMayLiveInTheRecordsOfTwoTowns() {
        String id = IdNumbers.random("19580203");
        TestTown one = fixtures.townLikeYongan();
        TestTown two = fixtures.townLikeYongan();
        register(fixtures.staff(one, "operator"), resident(one, id, mobile())).statusCode(201);
        register(fixtures.staff(two, "operator"), resident(two, id, mobile())).statusCode(201);
    }

    @Test
    void anotherTownsResidentIsNotFound() {
        TestTown yongan = fixtures.townLikeYongan();
        TestTown guandu = fixtures.townLikeYongan();
        String id = IdNumbers.random("19470101");
        String residentId = register(fixtures.staff(yongan, "operator"), resident(yongan, id, mobile())).statusCode(201)
                .extract().path("id");
        TestStaff guanduOperator = fixtures.staff(guandu, "operator");

        given().header("Authorization", guanduOperator.bearer()).when().get("/api/v1/residents/" + residentId)
                .then().statusCode(404);
        given().header("Authorization", guanduOperator.bearer()).queryParam("idNumber", id)
                .when().get("/api/v1/residents").then().statusCode(200).body("total", equalTo(0));
        given().header("Authorization", guanduOperator.bearer()).when().get("/api/v1/residents/" + residentId + "/contact")
                .then().statusCode(404);
    }

    @Test
    void aVillageOfAnotherTownIsRefused() {
        TestTown town = fixtures.townLikeYongan();
        TestTown other = fixtures.townLikeYongan();
        Map<String, Object> body = resident(town, IdNumbers.random("19470102"), mobile());
        body.put("villageId", other.village("XINYUAN").id().toString());
        register(fixtures.staff(town, "operator"), body).statusCode(422)
                .body("type", equalTo("urn:doorstep:problem:unknown-village"));
    }

    @Test
    void readingTheFullPhoneNumberIsAudited() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String phone = mobile();
        String residentId = register(operator, resident(town, IdNumbers.random("19490101"), phone)).statusCode(201)
                .extract().path("id");

        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + residentId + "/contact")
                .then().statusCode(200).body("phone", equalTo(phone));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + residentId + "/contact")
                .then().statusCode(200);

        assertEquals(2, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_READ'"
                + " AND target_id = ? AND actor_id = ?", residentId, operator.id()));
    }

    @Test
    void rolesThatDoNotRegisterResidentsAreRefused() {
        TestTown town = fixtures.townLikeYongan();
        for (TestStaff other : List.of(fixtures.staff(town, "dispatcher"), fixtures.staff(town, "supervisor"),
                fixtures.staff(town, "admin"))) {
            register(other, resident(town, IdNumbers.random("19490102"), mobile())).statusCode(403);
        }
        given().header("Authorization", "Bearer " + fixtures.fieldAgent(town).token(java.util.UUID.randomUUID()))
                .contentType("application/json").body(resident(town, IdNumbers.random("19490103"), mobile()))
                .when().post("/api/v1/residents").then().statusCode(403);
    }
}
