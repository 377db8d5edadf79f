package org.doorstep.audit;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import jakarta.inject.Inject;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestStaff;
import org.doorstep.support.Fixtures.TestTown;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * The audit trail is append-only and chained. The tests that break the chain on purpose do it in
 * one transaction with the guard trigger switched off, and put the entry back the same way, so
 * that the rest of the run (which shares the database) always sees a whole chain.
 */
@QuarkusTest
class AuditChainTest {

    private static final String APPEND_ONLY = "audit_entry_append_only";
    private static final String CHAIN = "audit_entry_chain";
    private static final String HEX_HASH = "[0-9a-f]{64}";

    @Inject
    Fixtures fixtures;

    @Inject
    DataSource dataSource;

    private static void failedSignIn(String username) {
        given().contentType("application/json").body(Map.of("username", username, "password", "not the password"))
                .when().post("/api/v1/auth/login").then().statusCode(401);
    }

    /** A new entry of the trail (a failed sign-in of a new account), by id. */
    private long newEntry() {
        TestStaff someone = fixtures.staff(fixtures.townLikeYongan(), "operator");
        failedSignIn(someone.username());
        return ((Number) fixtures.query("SELECT id FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND target_id = ?",
                someone.id().toString()).get(0).get(0)).longValue();
    }

    private JsonPath verify(String adminBearer) {
        return given().header("Authorization", adminBearer).when().get("/api/v1/audit/verify")
                .then().statusCode(200).extract().jsonPath();
    }

    /** Verify's answer, which must name this entry as the first that does not fit, for this reason. */
    private JsonPath verifyBreaksAt(String adminBearer, long firstBrokenId, String reason) {
        JsonPath answer = verify(adminBearer);
        assertEquals(List.of(false, firstBrokenId, reason),
                List.of(answer.getBoolean("valid"), answer.getLong("firstBrokenId"), answer.getString("reason")));
        assertNull(answer.get("head"));
        return answer;
    }

    /** A new county admin, who walks the whole chain (each may check once a minute). */
    private String admin() {
        return fixtures.staff(fixtures.townLikeYongan().id(), null, "admin", "county_admin").bearer();
    }

    /** The SQLSTATE the database refuses the statement with; rolled back in any case. */
    private String refusal(String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.execute();
            } catch (SQLException refused) {
                return refused.getSQLState();
            } finally {
                c.rollback();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return fail("The database accepted: " + sql);
    }

    /** Runs the statement with one trigger of audit_entry off, in a transaction of its own. */
    private void behindTheTriggersBack(String trigger, String sql, Object... args) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try (Statement off = c.createStatement(); PreparedStatement ps = c.prepareStatement(sql)) {
                off.execute("ALTER TABLE audit_entry DISABLE TRIGGER " + trigger);
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                ps.execute();
                off.execute("ALTER TABLE audit_entry ENABLE TRIGGER " + trigger);
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAuditEntryCannotBeUpdated() {
        long id = newEntry();
        assertEquals("42501", refusal("UPDATE audit_entry SET details = '{\"failures\": 0}' WHERE id = ?", id));
        assertEquals("42501", refusal("UPDATE audit_entry SET occurred_at = occurred_at"));
    }

    @Test
    void anAuditEntryCannotBeDeleted() {
        long id = newEntry();
        assertEquals("42501", refusal("DELETE FROM audit_entry WHERE id = ?", id));
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE id = ?", id));
    }

    @Test
    void theAuditTrailCannotBeTruncated() {
        newEntry();
        assertEquals("42501", refusal("TRUNCATE audit_entry"));
    }

    @Test
    void verifyAnswersTheHeadAndTheCheckIsItselfAudited() {
        TestStaff admin = fixtures.staff(fixtures.townLikeYongan().id(), null, "admin", "county_admin");
        newEntry();
        long entries = fixtures.count("SELECT count(*) FROM audit_entry");

        JsonPath answer = verify(admin.bearer());

        assertEquals(true, answer.getBoolean("valid"));
        assertEquals(entries, answer.getLong("entries"));
        assertNull(answer.get("firstBrokenId"));
        String head = answer.getString("head");
        List<Object> check = fixtures.query("SELECT encode(prev_hash, 'hex'), details->>'head', details->>'valid'"
                + " FROM audit_entry WHERE action = 'AUDIT_CHAIN_VERIFIED' AND actor_id = ?", admin.id()).get(0);
        assertEquals(List.of(head, head, "true"), check);
    }

    @Test
    void anEntryChangedBehindTheDatabasesBackIsNamedByVerify() {
        long tampered = newEntry();
        String original = (String) fixtures.query("SELECT details::text FROM audit_entry WHERE id = ?", tampered).get(0).get(0);
        long before = fixtures.count("SELECT count(*) FROM audit_entry WHERE id < ?", tampered);
        try {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = '{\"failures\": 0}' WHERE id = ?", tampered);

            assertEquals(before, verifyBreaksAt(admin(), tampered, "hash mismatch").getLong("entries"));
        } finally {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = ?::jsonb WHERE id = ?", original, tampered);
        }
        assertEquals(true, verify(admin()).getBoolean("valid"));
    }

    @Test
    void anEntryRemovedBehindTheDatabasesBackBreaksTheChainAtTheNextEntry() {
        long removed = newEntry();
        long next = newEntry();
        String row = (String) fixtures.query("SELECT to_jsonb(e)::text FROM audit_entry e WHERE id = ?", removed).get(0).get(0);
        try {
            behindTheTriggersBack(APPEND_ONLY, "DELETE FROM audit_entry WHERE id = ?", removed);

            verifyBreaksAt(admin(), next, "prev mismatch");
        } finally {
            behindTheTriggersBack(CHAIN,
                    "INSERT INTO audit_entry SELECT * FROM jsonb_populate_record(NULL::audit_entry, ?::jsonb)"
                            + " ON CONFLICT DO NOTHING",
                    row);
        }
        assertEquals(true, verify(admin()).getBoolean("valid"));
    }

    @Test
    void fiftyConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = AuditTrailTest.registerResident(town, operator);
        List<TestStaff> racers = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            racers.add(fixtures.staff(town, "dispatcher"));
        }
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                writers.add(pool.submit(() -> {
                    start.await();
                    if (n % 2 == 0) {
                        failedSignIn(racers.get(n / 2).username());
                    } else {
                        AuditTrailTest.readPhone(resident, operator);
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(25, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND town_id = ?",
                town.id()));
        assertEquals(25,
                fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_READ' AND target_id = ?",
                        resident));
        assertEquals(0, fixtures.count("SELECT count(*) FROM (SELECT prev_hash FROM audit_entry GROUP BY prev_hash"
                + " HAVING count(*) > 1) AS forks"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY id) AS before"
                + " FROM audit_entry) AS links WHERE before IS NOT NULL AND prev_hash <> before"));
        assertEquals(true, verify(admin()).getBoolean("valid"));
    }

    @Test
    void onlySupervisorsAndAdminsVerifyTheChain() {
        TestTown town = fixtures.townLikeYongan();
        given().header("Authorization", fixtures.staff(town, "supervisor").bearer()).when().get("/api/v1/audit/verify")
                .then().statusCode(200).body("valid", equalTo(true));
        given().header("Authorization", fixtures.staff(town, "dispatcher").bearer()).when().get("/api/v1/audit/verify")
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:doorstep:problem:forbidden"));
        given().when().get("/api/v1/audit/verify")
                .then().statusCode(401).body("type", equalTo("urn:doorstep:problem:unauthorized"));
    }

    @Test
    void theTrailShowsEachEntrysPlaceInTheChain() {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = AuditTrailTest.registerResident(town, operator);
        AuditTrailTest.readPhone(resident, operator);

        JsonPath trail = given().header("Authorization", fixtures.staff(town, "supervisor").bearer())
                .queryParam("targetId", resident).when().get("/api/v1/audit")
                .then().statusCode(200)
                .body("items.action", equalTo(List.of("PERSONAL_DATA_READ", "RESIDENT_REGISTERED")))
                .body("items[0].hash", matchesPattern(HEX_HASH))
                .body("items[1].prevHash", matchesPattern(HEX_HASH))
                .extract().jsonPath();
        assertEquals(trail.getString("items[1].hash"), trail.getString("items[0].prevHash"));
        assertEquals(fixtures.query("SELECT encode(hash, 'hex') FROM audit_entry WHERE id = ?", trail.getLong("items[0].id"))
                .get(0).get(0), trail.getString("items[0].hash"));
    }

    /** A town's entry of a failed sign-in, by id. */
    private long newEntryOf(TestTown town) {
        TestStaff someone = fixtures.staff(town, "operator");
        failedSignIn(someone.username());
        return ((Number) fixtures.query("SELECT id FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND target_id = ?",
                someone.id().toString()).get(0).get(0)).longValue();
    }

    @Test
    void aTownsCheckCoversItsOwnEntriesAndHearsOfNoOtherTowns() {
        TestTown town = fixtures.townLikeYongan();
        long own = newEntryOf(town);
        long foreign = newEntry();
        long ownEntries = fixtures.count("SELECT count(*) FROM audit_entry WHERE town_id = ?", town.id());
        JsonPath answer = verify(fixtures.staff(town, "supervisor").bearer());
        assertEquals(List.of(true, ownEntries), List.of(answer.getBoolean("valid"), answer.getLong("entries")));

        String original = (String) fixtures.query("SELECT details::text FROM audit_entry WHERE id = ?", foreign).get(0).get(0);
        try {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = '{\"failures\": 0}' WHERE id = ?", foreign);
            // another town's broken entry is the county's to see, not this town's
            assertEquals(true, verify(fixtures.staff(town, "admin").bearer()).getBoolean("valid"));
            verifyBreaksAt(admin(), foreign, "hash mismatch");
        } finally {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = ?::jsonb WHERE id = ?", original, foreign);
        }
        String mine = (String) fixtures.query("SELECT details::text FROM audit_entry WHERE id = ?", own).get(0).get(0);
        try {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = '{\"failures\": 0}' WHERE id = ?", own);
            verifyBreaksAt(fixtures.staff(town, "supervisor").bearer(), own, "hash mismatch");
        } finally {
            behindTheTriggersBack(APPEND_ONLY, "UPDATE audit_entry SET details = ?::jsonb WHERE id = ?", mine, own);
        }
    }

    @Test
    void theChainIsCheckedAtMostOnceAMinuteByOnePerson() {
        TestStaff supervisor = fixtures.staff(fixtures.townLikeYongan(), "supervisor");
        verify(supervisor.bearer());
        given().header("Authorization", supervisor.bearer()).when().get("/api/v1/audit/verify").then().statusCode(429)
                .body("type", equalTo("urn:doorstep:problem:too-many-requests")).header("Retry-After", notNullValue());
        assertEquals(1, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'AUDIT_CHAIN_VERIFIED'"
                + " AND actor_id = ?", supervisor.id()));
    }
}
