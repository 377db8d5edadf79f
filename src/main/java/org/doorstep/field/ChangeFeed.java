package org.doorstep.field;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import io.quarkus.scheduler.Scheduled;

/**
 * Reads the change feed the database triggers write (see V8__sync_feed.sql): which visits changed
 * for a team between two watermarks. A watermark is the oldest transaction still running when it
 * was taken; every change below it has committed or never will.
 */
@ApplicationScoped
public class ChangeFeed {

    private final EntityManager em;
    private final Clock clock;

    public ChangeFeed(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    /** Take it before reading what it covers: changes below it are final. */
    String watermark() {
        return (String) em.createNativeQuery("SELECT pg_snapshot_xmin(pg_current_snapshot())::text").getSingleResult();
    }

    @SuppressWarnings("unchecked")
    List<UUID> changed(UUID teamId, String from, String to) {
        return em.createNativeQuery("SELECT DISTINCT visit_id FROM visit_change WHERE team_id = ?1"
                + " AND tx >= CAST(?2 AS xid8) AND tx < CAST(?3 AS xid8)", UUID.class)
                .setParameter(1, teamId).setParameter(2, from).setParameter(3, to).getResultList();
    }

    /** Forgets changes older than any cursor still accepted. Safe on several instances at once. */
    @Scheduled(every = "1h", delay = 7, delayUnit = java.util.concurrent.TimeUnit.MINUTES, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        Instant before = clock.instant().minus(SyncCursor.LIFETIME).minus(Duration.ofDays(1));
        em.createNativeQuery("DELETE FROM visit_change WHERE changed_at < ?1").setParameter(1, before).executeUpdate();
    }
}
