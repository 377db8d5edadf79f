package org.doorstep.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

        // the columns a person can read: ciphertexts, indexes and ids are hex, where four digits turn up by chance
        String row = fixtures.query("SELECT (row_to_json(r)::jsonb - 'id_number_enc' - 'id_number_index' - 'phone_enc'"
                + " - 'phone_index' - 'id_number_index_key' - 'phone_index_key' - 'id' - 'town_id' - 'village_id'"
                + " - 'created_by')::text FROM resident r WHERE id = ?::uuid", residentId).get(0).get(0).toString();
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

    private static ValidatableResponse correct(TestStaff operator, String residentId, String etag, Map<String, Object> body) {
        var request = given().header("Authorization", operator.bearer()).contentType("application/json").body(body);
        if (etag != null) {
            request = request.header("If-Match", etag);
        }
        return request.when().patch("/api/v1/residents/" + residentId).then();
    }

    @Test
    void anOperatorCorrectsAResidentAndTheAuditNamesTheFieldsNotTheValues() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String oldPhone = mobile();
        String residentId = register(operator, resident(town, IdNumbers.random("19520101"), oldPhone)).statusCode(201)
                .extract().path("id");
        String newPhone = mobile();
        Map<String, Object> change = new HashMap<>();
        change.put("name", "胡淑琨");
        change.put("phone", newPhone);
        change.put("villageId", town.village("FURONG").id().toString());
        change.put("address", "芙蓉村新屋组 3 号");
        change.put("group", "");
        correct(operator, residentId, "\"0\"", change).statusCode(200)
                .header("ETag", "\"1\"")
                .body("name", equalTo("胡淑琨"))
                .body("phoneMasked", equalTo(newPhone.substring(0, 3) + "****" + newPhone.substring(7)))
                .body("villageId", equalTo(town.village("FURONG").id().toString()))
                .body("address", equalTo("芙蓉村新屋组 3 号"))
                .body("$", not(hasKey("group")));

        // found by the new number, not by the old one
        given().header("Authorization", operator.bearer()).queryParam("phone", newPhone).when().get("/api/v1/residents")
                .then().statusCode(200).body("items.id", equalTo(List.of(residentId)));
        given().header("Authorization", operator.bearer()).queryParam("phone", oldPhone).when().get("/api/v1/residents")
                .then().statusCode(200).body("items", equalTo(List.of()));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + residentId + "/contact")
                .then().statusCode(200).body("phone", equalTo(newPhone));

        List<List<Object>> audit = fixtures
                .query("SELECT details::text, actor_id FROM audit_entry WHERE action = 'RESIDENT_CORRECTED'"
                        + " AND target_id = ?", residentId);
        assertEquals(1, audit.size());
        String details = (String) audit.get(0).get(0);
        assertEquals(operator.id(), audit.get(0).get(1));
        for (String field : List.of("name", "phone", "village", "address", "group")) {
            assertTrue(details.contains("\"" + field + "\""), details);
        }
        for (String value : List.of("胡淑琨", newPhone, oldPhone, "芙蓉村", "新屋组", "石桥组", newPhone.substring(7))) {
            assertFalse(details.contains(value), "the audit entry holds a value: " + details);
        }

        // sending what is already there changes nothing and writes nothing
        correct(operator, residentId, "\"1\"", Map.of("name", "胡淑琨", "phone", newPhone)).statusCode(200)
                .header("ETag", "\"1\"");
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'RESIDENT_CORRECTED' AND target_id = ?",
                residentId));
    }

    @Test
    void aCorrectionIsCheckedLikeARegistrationAndChangesNothingWhenRefused() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String residentId = register(operator, resident(town, IdNumbers.random("19530101"), mobile())).statusCode(201)
                .extract().path("id");
        correct(operator, residentId, null, Map.of("address", "新地址")).statusCode(428);
        correct(operator, residentId, "\"7\"", Map.of("address", "新地址")).statusCode(412);
        correct(operator, residentId, "\"0\"", Map.of("phone", "12345")).statusCode(400)
                .body("errors[0].field", equalTo("phone"));
        correct(operator, residentId, "\"0\"", Map.of("name", "  ", "address", "")).statusCode(400)
                .body("errors.field", equalTo(List.of("name", "address")));
        correct(operator, residentId, "\"0\"", Map.of("name", "x".repeat(51))).statusCode(400);
        correct(operator, residentId, "\"0\"",
                Map.of("villageId", fixtures.townLikeYongan().village("XINYUAN").id().toString()))
                .statusCode(422).body("type", equalTo("urn:doorstep:problem:unknown-village"));
        correct(operator, residentId, "\"0\"", Map.of("idNumber", IdNumbers.random("19530101"), "address", "新地址"))
                .statusCode(422).body("type", equalTo("urn:doorstep:problem:id-number-not-correctable"));
        given().header("Authorization", operator.bearer()).when().get("/api/v1/residents/" + residentId).then()
                .statusCode(200).header("ETag", "\"0\"").body("address", equalTo("心源村石桥组 12 号"));

        // only an operator of the resident's town corrects
        correct(fixtures.staff(town, "dispatcher"), residentId, "\"0\"", Map.of("address", "新地址")).statusCode(403);
        correct(fixtures.staff(fixtures.townLikeYongan(), "operator"), residentId, "\"0\"", Map.of("address", "新地址"))
                .statusCode(404);
        assertEquals(0, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'RESIDENT_CORRECTED' AND target_id = ?",
                residentId));
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

    private static ValidatableResponse search(TestStaff staff, Map<String, Object> body) {
        return given().header("Authorization", staff.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents/search").then();
    }

    @Test
    void aLookupWithTheNumberInTheBodyFindsWhatTheDeprecatedAddressLookupFinds() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String idNumber = IdNumbers.random();
        String phone = "139" + String.format("%08d", (long) (Math.random() * 1e8));
        Map<String, Object> body = new HashMap<>(Map.of("idNumber", idNumber, "name", "胡淑坤", "phone", phone,
                "villageId", town.village("XINYUAN").id().toString(), "address", "心源村"));
        String id = given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then().statusCode(201).extract().path("id");

        search(operator, Map.of("idNumber", idNumber.toLowerCase())).statusCode(200).body("items.id", equalTo(List.of(id)))
                .body("items[0].idNumberMasked", equalTo(idNumber.substring(0, 6) + "********" + idNumber.substring(14)));
        search(fixtures.staff(town, "dispatcher"), Map.of("phone", phone)).statusCode(200)
                .body("items.id", equalTo(List.of(id)));
        given().header("Authorization", operator.bearer()).queryParam("phone", phone).when().get("/api/v1/residents")
                .then().statusCode(200).body("items.id", equalTo(List.of(id)));
        search(operator, Map.of("idNumber", idNumber, "phone", phone)).statusCode(400)
                .body("type", equalTo("urn:doorstep:problem:lookup-needs-one-key"));
        search(operator, Map.of()).statusCode(400).body("type", equalTo("urn:doorstep:problem:lookup-needs-one-key"));
        search(operator, Map.of("idNumber", "430181195503121021")).statusCode(400);
        search(fixtures.staff(town, "supervisor"), Map.of("phone", phone)).statusCode(403);
        search(fixtures.staff(fixtures.townLikeYongan(), "operator"), Map.of("phone", phone)).statusCode(200)
                .body("items", hasSize(0));
        // the contract marks the address lookup deprecated
        given().accept("application/json").when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/residents'.get.deprecated", equalTo(true))
                .body("paths.'/api/v1/residents/search'.post.operationId", equalTo("searchResidents"));
    }

    private String book(TestStaff operator, String resident, String service) {
        return given().header("Authorization", operator.bearer()).contentType("application/json")
                .body(Map.of("residentId", resident, "serviceTypeCode", service, "channel", "TOWN_PHONE",
                        "caller", Map.of("relation", "SELF"), "preferredPeriod", "ANY", "preferredDate",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(2).toString()))
                .when().post("/api/v1/visits").then().statusCode(201).extract().path("id");
    }

    @Test
    void aNewAddressTakesTheOpenVisitsNotYetReachedAlongOnlyWhenTheOperatorSaysSo() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String id = register(operator, resident(town, IdNumbers.random(), mobile())).statusCode(201).extract().path("id");
        String waiting = book(operator, id, "SOCIAL_SECURITY_CARD");
        String atTheDoor = book(operator, id, "RETIREMENT_CERTIFICATION");
        fixtures.update("UPDATE visit SET status = 'ON_SITE' WHERE id = ?::uuid", atTheDoor);
        String path = "/api/v1/residents/" + id;

        given().header("Authorization", operator.bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of("address", "心源村新屋组 3 号")).when().patch(path).then().statusCode(200)
                .header("Doorstep-Visits-Moved", "0");
        assertEquals("心源村石桥组 12 号", fixtures.query("SELECT address FROM visit WHERE id = ?::uuid", waiting).get(0).get(0));

        given().header("Authorization", operator.bearer()).header("If-Match", "\"1\"").contentType("application/json")
                .body(Map.of("address", "心源村新屋组 5 号", "moveOpenVisits", true)).when().patch(path).then().statusCode(200)
                .header("Doorstep-Visits-Moved", "1");
        assertEquals("心源村新屋组 5 号", fixtures.query("SELECT address FROM visit WHERE id = ?::uuid", waiting).get(0).get(0));
        assertEquals("心源村石桥组 12 号", fixtures.query("SELECT address FROM visit WHERE id = ?::uuid", atTheDoor).get(0).get(0),
                "the team at the door stays where it is");
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'VISIT_ADDRESS_CORRECTED'"
                + " AND target_id = ?", waiting));
    }
}
