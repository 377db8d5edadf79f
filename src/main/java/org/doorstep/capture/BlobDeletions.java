package org.doorstep.capture;

import java.io.IOException;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The durable list of blobs to delete from the store. A blob is put on it in the transaction that
 * removes the last rows referring to it, and taken off only once the store has deleted it; the rows of
 * the list are claimed with {@code SKIP LOCKED}, so with several instances each blob is deleted by one of
 * them, once. A store that fails is asked again later, less and less often.
 */
@ApplicationScoped
public class BlobDeletions {

    private static final Logger LOG = Logger.getLogger(BlobDeletions.class);

    private final EntityManager em;
    private final BlobStore store;
    private final Counter deleted;

    public BlobDeletions(EntityManager em, BlobStore store, MeterRegistry meters) {
        this.em = em;
        this.store = store;
        this.deleted = deletedCounter(meters, "deletion-list");
    }

    /** Blobs deleted from the store, by what deleted them: operations see the store shrink, and how. */
    static Counter deletedCounter(MeterRegistry meters, String by) {
        return Counter.builder("doorstep.capture.blobs.deleted").description("Blobs deleted from the capture store")
                .tag("by", by).register(meters);
    }

    /** Blobs written that no row will ever refer to (a PATCH refused after its bytes were stored): deleted now. */
    void abandoned(Collection<String> keys) {
        if (keys.isEmpty()) {
            return;
        }
        QuarkusTransaction.requiringNew().run(() -> keys.forEach(key -> em
                .createNativeQuery("INSERT INTO blob_deletion (blob_key) VALUES (?1) ON CONFLICT DO NOTHING")
                .setParameter(1, BlobStore.requireKey(key)).executeUpdate()));
        drain(keys);
    }

    /** Deletes these blobs if they are due and no other instance is deleting them; returns how many went. */
    int drain(Collection<String> keys) {
        return keys.isEmpty() ? 0 : run("blob_key IN (:keys) AND due_at <= clock_timestamp()", keys, keys.size());
    }

    /** Deletes up to {@code limit} due blobs, the longest waiting first; returns how many went. */
    public int drainDue(int limit) {
        return run("due_at <= clock_timestamp()", null, limit);
    }

    /** How many blobs wait to be deleted (for the readiness of operations and for tests). */
    public long waiting() {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM blob_deletion").getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    private int run(String where, Collection<String> keys, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            var query = em.createNativeQuery("SELECT d.blob_key, EXISTS (SELECT 1 FROM capture_part p WHERE p.blob_key"
                    + " = d.blob_key) FROM blob_deletion d WHERE " + where
                    + " ORDER BY d.due_at LIMIT :limit FOR UPDATE OF d SKIP LOCKED");
            if (keys != null) {
                query.setParameter("keys", keys);
            }
            List<Object[]> due = query.setParameter("limit", limit).getResultList();
            int deleted = 0;
            for (Object[] row : due) {
                String key = (String) row[0];
                if (!Boolean.TRUE.equals(row[1])) {
                    try {
                        store.delete(key);
                        this.deleted.increment();
                        deleted++;
                    } catch (IOException | RuntimeException e) {
                        LOG.warnf("Could not delete blob %s (%s); it is tried again later", key, e.getMessage());
                        em.createNativeQuery("UPDATE blob_deletion SET attempts = attempts + 1, last_error = left(?2, 500),"
                                + " due_at = clock_timestamp() + make_interval(secs => least(3600, power(2, attempts + 4)))"
                                + " WHERE blob_key = ?1").setParameter(1, key)
                                .setParameter(2, String.valueOf(e.getMessage())).executeUpdate();
                        continue;
                    }
                }
                // a blob that a row refers to again is not deleted; either way it leaves the list
                em.createNativeQuery("DELETE FROM blob_deletion WHERE blob_key = ?1").setParameter(1, key).executeUpdate();
            }
            return deleted;
        });
    }
}
