package org.doorstep.resident;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Predicate;

import jakarta.inject.Inject;

import org.doorstep.resident.LegacyResidents.Legacy;
import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The index key rotated while residents are on record with the old one: they are found, and not registered
 * twice, before, during and after the re-index that moves them to the new key. The re-index is one for the
 * whole database, so the tests run in order, each with residents of its own town.
 */
@QuarkusTest
@TestProfile(IndexKeyRotationProfile.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IndexKeyRotationTest {

    private static final String REINDEX = "/api/v1/admin/blind-index/reindex";
    private static final String NEW_KEY_ID = "91436619f2b42c36";
    private static final String OLD_KEY_ID = "0320615e8ea18685";

    @Inject
    Fixtures fixtures;
    @Inject
    LegacyResidents legacy;
    @Inject
    PersonalDataCipher cipher;

    @Test
    @Order(1)
    void onlyACountyAdminMayRunTheReindex() {
        TestTown town = fixtures.townLikeYongan();
        for (String role : List.of("operator", "admin", "supervisor", "dispatcher")) {
            TestStaff staff = fixtures.staff(town, role);
            given().header("Authorization", staff.bearer()).get(REINDEX).then().statusCode(403)
                    .body("type", equalTo("urn:doorstep:problem:forbidden"));
            given().header("Authorization", staff.bearer()).post(REINDEX).then().statusCode(403);
            given().header("Authorization", staff.bearer()).post(REINDEX + "/pause").then().statusCode(403);
        }
        TestStaff county = fixtures.staff(town, "county_admin");
        given().header("Authorization", county.bearer()).get(REINDEX).then().statusCode(200)
                .body("state", equalTo("NOT_STARTED"))
                .body("indexKeyId", equalTo(NEW_KEY_ID))
                .body("previousIndexKeyId", equalTo(OLD_KEY_ID));
        given().header("Authorization", county.bearer()).post(REINDEX + "/pause").then().statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:reindex-not-running"));
        assertEquals(OLD_KEY_ID, legacy.oldKeyId());
        assertEquals(NEW_KEY_ID, cipher.indexKeyId());
    }

    @Test
    @Order(2)
    void residentsOnTheOldKeyAreFoundAndNotRegisteredAgainBeforeDuringAndAfterAPausedAndResumedReindex() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff county = fixtures.staff(town, "county_admin");
        List<Legacy> people = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            people.add(legacy.register(town, IdNumbers.random(), i == 0 ? null : mobile(), i % 2 == 1));
        }
        int total = people.size();

        // Before: found through the previous key, and a second registration refused.
        people.forEach(p -> assertFound(operator, p));
        refusedAsRegistered(operator, town, people.get(3));
        JsonPath before = progress(county);
        assertEquals("NOT_STARTED", before.getString("state"));
        assertEquals(total, before.getLong("rowsRemaining"));

        given().header("Authorization", county.bearer()).post(REINDEX).then().statusCode(202)
                .body("state", equalTo("RUNNING"));
        await(county, p -> p.getLong("rowsDone") >= IndexKeyRotationProfile.BATCH_SIZE, "a batch done");
        JsonPath paused = given().header("Authorization", county.bearer()).post(REINDEX + "/pause").then()
                .statusCode(200).body("state", equalTo("PAUSED")).extract().jsonPath();
        long doneWhenPaused = paused.getLong("rowsDone");
        assertTrue(paused.getLong("rowsRemaining") > 0, "paused before the end: " + paused.prettify());
        assertEquals(total, doneWhenPaused + paused.getLong("rowsRemaining"));
        assertEquals(doneWhenPaused, fixtures.count("SELECT count(*) FROM resident WHERE town_id = ?"
                + " AND id_number_index_key = ?", town.id(), NEW_KEY_ID));

        // During: some residents carry the new key's indexes and some the old one's; all are found, none twice.
        people.forEach(p -> assertFound(operator, p));
        Legacy moved = people.stream().filter(p -> keyOf(p).equals(NEW_KEY_ID)).findFirst().orElseThrow();
        Legacy notYet = people.stream().filter(p -> !keyOf(p).equals(NEW_KEY_ID)).findFirst().orElseThrow();
        refusedAsRegistered(operator, town, moved);
        refusedAsRegistered(operator, town, notYet);
        String newcomer = IdNumbers.random();
        String newcomerId = register(operator, town, newcomer, mobile()).statusCode(201).extract().path("id");
        assertEquals(List.of(NEW_KEY_ID), fixtures.query("SELECT id_number_index_key FROM resident WHERE id = ?::uuid",
                newcomerId).get(0));
        refusedAsRegistered(operator, town, new Legacy(java.util.UUID.fromString(newcomerId), newcomer, null));
        // The same phone number, indexed with the old key, is not a change of it.
        Legacy withPhone = people.stream().filter(p -> p.phone() != null && !keyOf(p).equals(NEW_KEY_ID)).findFirst()
                .orElseThrow();
        given().header("Authorization", operator.bearer()).header("If-Match", "\"0\"").contentType("application/json")
                .body(Map.of("phone", withPhone.phone(), "address", "心源村石桥组 5 号"))
                .patch("/api/v1/residents/" + withPhone.id()).then().statusCode(200);
        assertEquals("[\"address\"]", fixtures.query("SELECT details->>'fields' FROM audit_entry WHERE action ="
                + " 'RESIDENT_CORRECTED' AND target_id = ?", withPhone.id().toString()).get(0).get(0).toString()
                .replace(" ", ""));
        sleep(Duration.ofMillis(1500));
        assertEquals(doneWhenPaused, progress(county).getLong("rowsDone"), "a paused re-index stays paused");

        // Resumed where it stopped: the residents done before the pause are not done again.
        given().header("Authorization", county.bearer()).post(REINDEX).then().statusCode(202)
                .body("state", equalTo("RUNNING")).body("rowsDone", equalTo((int) doneWhenPaused));
        JsonPath done = await(county, p -> p.getString("state").equals("DONE"), "done");
        assertEquals(total, done.getLong("rowsDone"));
        assertEquals(0, done.getLong("rowsRemaining"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM resident WHERE id_number_index_key IS DISTINCT FROM ?"
                + " OR (phone_index IS NOT NULL AND phone_index_key IS DISTINCT FROM ?)", NEW_KEY_ID, NEW_KEY_ID));
        Legacy someone = people.get(5);
        List<Object> row = fixtures.query("SELECT id_number_index, phone_index FROM resident WHERE id = ?", someone.id())
                .get(0);
        assertTrue(java.util.Arrays.equals(cipher.index(ResidentService.ID_NUMBER, someone.idNumber()), (byte[]) row.get(0)));
        assertTrue(java.util.Arrays.equals(cipher.index(ResidentService.PHONE, someone.phone()), (byte[]) row.get(1)));

        // After: found and refused as before.
        people.forEach(p -> assertFound(operator, p));
        refusedAsRegistered(operator, town, people.get(3));
        assertEquals(total + 1, fixtures.count("SELECT count(*) FROM resident WHERE town_id = ?", town.id()));
        // Nothing left to do: a start says so.
        given().header("Authorization", county.bearer()).post(REINDEX).then().statusCode(200)
                .body("state", equalTo("DONE"));

        // Audited: started, paused, resumed, finished, and never a number.
        List<List<Object>> audit = fixtures.query("SELECT action, details::text FROM audit_entry WHERE action LIKE"
                + " 'BLIND_INDEX_REINDEX_%' ORDER BY id");
        assertEquals(List.of("BLIND_INDEX_REINDEX_STARTED", "BLIND_INDEX_REINDEX_PAUSED", "BLIND_INDEX_REINDEX_STARTED",
                "BLIND_INDEX_REINDEX_FINISHED"), audit.stream().map(r -> r.get(0)).toList());
        assertTrue(audit.get(2).get(1).toString().contains("\"resumed\": true"), audit.get(2).get(1).toString());
        for (List<Object> entry : audit) {
            for (Legacy p : people) {
                assertFalse(entry.get(1).toString().contains(p.idNumber().substring(6, 14)), entry.toString());
            }
        }
    }

    @Test
    @Order(3)
    void registrationsRacingTheReindexCreateNoSecondResident() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff county = fixtures.staff(town, "county_admin");
        List<Legacy> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            people.add(legacy.register(town, IdNumbers.random(), mobile(), i % 3 == 0));
        }

        given().header("Authorization", county.bearer()).post(REINDEX).then().statusCode(202)
                .body("state", equalTo("RUNNING"));
        ExecutorService desks = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<Integer>>> answers = new ArrayList<>();
            for (Legacy p : people) {
                answers.add(desks.submit(() -> {
                    List<Integer> statuses = new ArrayList<>();
                    for (int attempt = 0; attempt < 3; attempt++) {
                        statuses.add(register(operator, town, p.idNumber(), mobile()).extract().statusCode());
                        Thread.sleep(150);
                    }
                    return statuses;
                }));
            }
            for (Future<List<Integer>> answer : answers) {
                assertEquals(List.of(409, 409, 409), answer.get());
            }
        } finally {
            desks.shutdownNow();
        }
        await(county, p -> p.getString("state").equals("DONE"), "done");
        assertEquals(people.size(), fixtures.count("SELECT count(*) FROM resident WHERE town_id = ?", town.id()));
        people.forEach(p -> assertFound(operator, p));
    }

    @Test
    @Order(4)
    void aRunWhoseInstanceStoppedIsTakenOverWhereItStoppedOnceItsLeaseRunsOut() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        TestStaff county = fixtures.staff(town, "county_admin");
        List<Legacy> people = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            people.add(legacy.register(town, IdNumbers.random(), mobile(), false));
        }
        given().header("Authorization", county.bearer()).post(REINDEX).then().statusCode(202);
        await(county, p -> p.getLong("rowsDone") >= IndexKeyRotationProfile.BATCH_SIZE, "a batch done");

        // Another instance takes the run (as one does whose lease this instance let run out), then stops dead.
        fixtures.update("UPDATE blind_index_reindex SET lease_owner = 'another-instance', lease_until = clock_timestamp()"
                + " + interval '1 hour' WHERE index_key = ?", NEW_KEY_ID);
        sleep(Duration.ofMillis(1200));
        long doneBeforeTakeover = progress(county).getLong("rowsDone");
        sleep(Duration.ofMillis(2500));
        JsonPath held = progress(county);
        assertEquals("RUNNING", held.getString("state"));
        assertEquals(doneBeforeTakeover, held.getLong("rowsDone"), "never two instances at once");
        assertTrue(held.getLong("rowsRemaining") > 0, held.prettify());
        people.forEach(p -> assertFound(operator, p));

        // Its lease runs out: this instance goes on from the last batch committed.
        fixtures.update("UPDATE blind_index_reindex SET lease_until = clock_timestamp() - interval '1 second'"
                + " WHERE index_key = ?", NEW_KEY_ID);
        JsonPath done = await(county, p -> p.getString("state").equals("DONE"), "done");
        assertEquals(people.size(), done.getLong("rowsDone"));
        assertEquals(0, done.getLong("rowsRemaining"));
        people.forEach(p -> assertFound(operator, p));
    }

    private void assertFound(TestStaff operator, Legacy p) {
        given().header("Authorization", operator.bearer()).queryParam("idNumber", p.idNumber()).get("/api/v1/residents")
                .then().statusCode(200).body("items.id", equalTo(List.of(p.id().toString())));
        if (p.phone() != null) {
            given().header("Authorization", operator.bearer()).queryParam("phone", p.phone()).get("/api/v1/residents")
                    .then().statusCode(200).body("items.id", hasItem(p.id().toString()));
        }
    }

    private static void refusedAsRegistered(TestStaff operator, TestTown town, Legacy p) {
        register(operator, town, p.idNumber(), mobile()).statusCode(409)
                .body("type", equalTo("urn:doorstep:problem:resident-exists"))
                .body("existingId", equalTo(p.id().toString()));
    }

    private static io.restassured.response.ValidatableResponse register(TestStaff operator, TestTown town, String idNumber,
            String phone) {
        Map<String, Object> body = new HashMap<>();
        body.put("idNumber", idNumber);
        body.put("name", "再登记");
        body.put("phone", phone);
        body.put("villageId", town.village("XINYUAN").id().toString());
        body.put("address", "心源村石桥组 12 号");
        return given().header("Authorization", operator.bearer()).contentType("application/json").body(body)
                .when().post("/api/v1/residents").then();
    }

    private String keyOf(Legacy p) {
        Object key = fixtures.query("SELECT id_number_index_key FROM resident WHERE id = ?", p.id()).get(0).get(0);
        return key == null ? "" : key.toString();
    }

    private static JsonPath progress(TestStaff county) {
        return given().header("Authorization", county.bearer()).get(REINDEX).then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath await(TestStaff county, Predicate<JsonPath> until, String what) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            JsonPath p = progress(county);
            if (until.test(p)) {
                return p;
            }
            assertFalse(p.getString("state").equals("FAILED"), p.prettify());
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not " + what + " in 60 s: " + p.prettify());
            }
            sleep(Duration.ofMillis(50));
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String mobile() {
        return "137" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }
}
