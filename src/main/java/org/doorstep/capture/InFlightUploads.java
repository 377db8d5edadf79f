package org.doorstep.capture;

import java.time.Duration;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * PATCHes being received, by upload, whichever instance receives them. A client whose connection broke
 * asks HEAD at once, often before the server has noticed the break and kept what came, and the HEAD may
 * land on another instance; so a PATCH marks its upload in the database while its bytes arrive (until a
 * time by the database's clock, renewed as they keep coming, cleared when it ends), and HEAD (and a
 * PATCH) first waits briefly for that mark to go, so the client resumes from what was kept instead of
 * sending it again. The mark only saves bytes: the offset check when a part is recorded still decides.
 */
@ApplicationScoped
class InFlightUploads {

    /** How long HEAD and PATCH wait for a PATCH of the same upload still being received. */
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How long a mark holds without being renewed (an instance that stopped mid-PATCH leaves one). */
    static final Duration HOLD = Duration.ofSeconds(60);
    /** How often a PATCH whose bytes keep arriving renews its mark. */
    static final Duration RENEW = Duration.ofSeconds(15);
    private static final long POLL_MILLIS = 50;

    private final EntityManager em;

    InFlightUploads(EntityManager em) {
        this.em = em;
    }

    /** Waits (a little) for a PATCH of the upload still being received, here or on another instance. */
    void await(UUID id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (marked(id) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Runs a PATCH of the upload with the upload marked as receiving; the PATCH is given what renews the
     * mark, to call while its bytes keep coming. The mark is taken in one statement when no other PATCH
     * holds it (the usual case); otherwise after waiting for that one, at most {@link #WAIT}.
     */
    <T> T receiving(UUID id, Function<Runnable, T> patch) {
        UUID token = UUID.randomUUID();
        if (update(MARK + " AND (receiving_until IS NULL OR receiving_until <= clock_timestamp())", id, token) == 0) {
            await(id);
            update(MARK, id, token);
        }
        try {
            return patch.apply(() -> update(MARK + " AND receiving_token = ?2", id, token));
        } finally {
            update("UPDATE capture SET receiving_token = NULL, receiving_until = NULL WHERE id = ?1"
                    + " AND receiving_token = ?2", id, token);
        }
    }

    private static final String MARK = "UPDATE capture SET receiving_token = ?2, receiving_until = clock_timestamp()"
            + " + make_interval(secs => " + HOLD.toSeconds() + ") WHERE id = ?1";

    private boolean marked(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Boolean.TRUE.equals(em.createNativeQuery(
                "SELECT coalesce(receiving_until > clock_timestamp(), false) FROM capture WHERE id = ?1")
                .setParameter(1, id).getResultStream().findFirst().orElse(false)));
    }

    /**
     * A mark is a hint that saves a client from sending bytes again, never a record of them: its
     * transactions do not wait for the database's disk (a crash of the database may forget the last few
     * marks, which then only make a HEAD wait less or a little longer), so that a PATCH costs one disk
     * flush of the database, for its part, rather than three.
     */
    private int update(String sql, UUID id, UUID token) {
        return QuarkusTransaction.requiringNew().call(() -> {
            em.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
            return em.createNativeQuery(sql).setParameter(1, id).setParameter(2, token).executeUpdate();
        });
    }
}
