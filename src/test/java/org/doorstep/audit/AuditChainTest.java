package org.doorstep.audit;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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

/** The audit trail is append-only and chained. */
@QuarkusTest
class AuditChainTest {

    @Inject
    Fixtures fixtures;

    @Inject
    DataSource dataSource;

    private static void failedSignIn(String username) {
        given().contentType("application/json").body(Map.of("username", username, "password", "not the password"))
                .when().post("/api/v1/auth/login").then().statusCode(401);
    }

    /** A new entry of the trail (a failed sign-in for a username nobody has), by id. */
    private long newEntry() {
        String username = "nobody-" + Fixtures.randomLetters(12).toLowerCase(Locale.ROOT);
        failedSignIn(username);
        return ((Number) fixtures.query("SELECT id FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND target_id = ?",
                username).get(0).get(0)).longValue();
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
    void fiftyConcurrentWritersLeaveOneUnbrokenChain() throws Exception {
        TestTown town = fixtures.townLikeYongan();
        TestStaff operator = fixtures.staff(town, "operator");
        String resident = AuditTrailTest.registerResident(town, operator);
        String racers = "racer-" + Fixtures.randomLetters(8).toLowerCase(Locale.ROOT) + "-";
        ExecutorService pool = Executors.newFixedThreadPool(50);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> writers = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                int n = i;
                writers.add(pool.submit(() -> {
                    start.await();
                    if (n % 2 == 0) {
                        failedSignIn(racers + n);
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

        assertEquals(25, fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'SIGN_IN_FAILED' AND target_id LIKE ?",
                racers + "%"));
        assertEquals(25,
                fixtures.count("SELECT count(*) FROM audit_entry WHERE action = 'PERSONAL_DATA_READ' AND target_id = ?",
                        resident));
        assertEquals(0, fixtures.count("SELECT count(*) FROM (SELECT prev_hash FROM audit_entry GROUP BY prev_hash"
                + " HAVING count(*) > 1) AS forks"));
        assertEquals(0, fixtures.count("SELECT count(*) FROM (SELECT prev_hash, lag(hash) OVER (ORDER BY id) AS before"
                + " FROM audit_entry) AS links WHERE before IS NOT NULL AND prev_hash <> before"));
    }
}
