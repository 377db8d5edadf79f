package org.doorstep.capture;

import java.time.Duration;
import java.util.UUID;

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
     * In the caller's transaction, marks the upload as being received by the PATCH holding the token, unless
     * another PATCH holds it (then false: {@link #await} it outside the transaction and mark with force).
     * The transaction's commit does not wait for the database's disk: a mark is a hint that saves a client
     * from sending bytes again, never a record of them (a crash of the database may forget the last few,
     * which only makes a HEAD wait less).
     */
    boolean mark(UUID id, UUID token, boolean force) {
        commitWithoutWaitingForDisk();
        return em
                .createNativeQuery(
                        MARK + (force ? "" : " AND (receiving_until IS NULL OR receiving_until <= clock_timestamp())"))
                .setParameter(1, id).setParameter(2, token).executeUpdate() == 1;
    }

    /**
     * Marks an upload created in the caller's transaction as being received by the creation request holding the
     * token. Unlike {@link #mark}, the commit still waits for the disk: the transaction records the creation.
     */
    void markNew(UUID id, UUID token) {
        em.createNativeQuery(MARK).setParameter(1, id).setParameter(2, token).executeUpdate();
    }

    /** Renews the mark while the PATCH's bytes keep coming (its own short transaction). */
    void renew(UUID id, UUID token) {
        QuarkusTransaction.requiringNew().run(() -> {
            commitWithoutWaitingForDisk();
            em.createNativeQuery(MARK + " AND receiving_token = ?2").setParameter(1, id).setParameter(2, token)
                    .executeUpdate();
        });
    }

    /** Ends the PATCH's mark, in the caller's transaction (the one that records its part). */
    void release(UUID id, UUID token) {
        em.createNativeQuery("UPDATE capture SET receiving_token = NULL, receiving_until = NULL WHERE id = ?1"
                + " AND receiving_token = ?2").setParameter(1, id).setParameter(2, token).executeUpdate();
    }

    /** Ends the PATCH's mark in a transaction of its own, when it ended without recording a part. */
    void releaseAlone(UUID id, UUID token) {
        QuarkusTransaction.requiringNew().run(() -> {
            commitWithoutWaitingForDisk();
            release(id, token);
        });
    }

    /** The current transaction only carries marks, which are hints: its commit need not wait for the disk. */
    private void commitWithoutWaitingForDisk() {
        em.createNativeQuery("SET LOCAL synchronous_commit = off").executeUpdate();
    }

    private static final String MARK = "UPDATE capture SET receiving_token = ?2, receiving_until = clock_timestamp()"
            + " + make_interval(secs => " + HOLD.toSeconds() + ") WHERE id = ?1";

    private boolean marked(UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> Boolean.TRUE.equals(em.createNativeQuery(
                "SELECT coalesce(receiving_until > clock_timestamp(), false) FROM capture WHERE id = ?1")
                .setParameter(1, id).getResultStream().findFirst().orElse(false)));
    }
}
