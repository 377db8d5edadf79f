package org.doorstep.resident;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.security.Caller;

/**
 * Moves the blind indexes of every resident to the index key that writes ({@code doorstep.pii.index-key}),
 * after it replaced {@code doorstep.pii.previous-index-key}: each batch decrypts the ID and phone numbers of
 * the next residents (in the order of their ids) and writes their indexes anew, in one transaction that
 * also records how far it came. A county admin starts, pauses and resumes it; the instances' workers
 * ({@link BlindIndexReindexer}) run it, one at a time through a lease. Lookups and registrations accept
 * both keys meanwhile, so the desks work on while it runs.
 */
@ApplicationScoped
public class BlindIndexRotation {

    /** The states of a re-index as the API shows them; NOT_STARTED has no row. */
    @org.eclipse.microprofile.openapi.annotations.media.Schema(name = "BlindIndexReindexState")
    public enum State {
        NOT_STARTED,
        RUNNING,
        PAUSED,
        DONE,
        FAILED
    }

    /** Where the re-index to the writing key stands. */
    public record Progress(String indexKeyId, String previousIndexKeyId, State state, long rowsDone, long rowsRemaining,
            int batches, Instant startedAt, Instant finishedAt, String failure) {
    }

    /** What a batch came to. */
    enum Step {
        /** More residents to do. */
        MORE,
        /** Nothing left: every index is the writing key's. */
        DONE,
        /** The run stopped: paused, failed, or this instance no longer holds the lease. */
        STOPPED
    }

    /** Fired when a re-index was started or resumed, for the workers to look at once. */
    record Started(String indexKeyId) {
    }

    private static final UUID BEFORE_ALL = new UUID(0, 0);
    /** Residents still indexed with another key; an erased resident has no numbers left to index. */
    private static final String NOT_INDEXED_WITH_KEY = "erased_at IS NULL AND (id_number_index_key IS DISTINCT FROM ?1"
            + " OR (phone_index IS NOT NULL AND phone_index_key IS DISTINCT FROM ?1))";

    private final EntityManager em;
    private final PersonalDataCipher cipher;
    private final AuditService audit;
    private final Event<Started> started;

    public BlindIndexRotation(EntityManager em, PersonalDataCipher cipher, AuditService audit, Event<Started> started) {
        this.em = em;
        this.cipher = cipher;
        this.audit = audit;
        this.started = started;
    }

    /** The re-index to the writing key, with the residents it has yet to do counted now. */
    @Transactional
    public Progress progress() {
        String key = cipher.indexKeyId();
        long remaining = remaining(key);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT state, rows_done, batches, started_at, finished_at, failure"
                + " FROM blind_index_reindex WHERE index_key = ?1").setParameter(1, key).getResultList();
        String previous = cipher.previousIndexKeyId().orElse(null);
        if (rows.isEmpty()) {
            return new Progress(key, previous, State.NOT_STARTED, 0, remaining, 0, null, null, null);
        }
        Object[] r = rows.get(0);
        return new Progress(key, previous, State.valueOf((String) r[0]), ((Number) r[1]).longValue(), remaining,
                ((Number) r[2]).intValue(), instant(r[3]), instant(r[4]), (String) r[5]);
    }

    /**
     * Starts the re-index to the writing key, or resumes it where it stopped (paused or failed). One that is
     * done starts again only when residents were indexed with another key since. Audited.
     */
    @Transactional
    public Progress start(Caller admin) {
        String key = cipher.indexKeyId();
        em.createNativeQuery("INSERT INTO blind_index_reindex (index_key, state, started_at, started_by, updated_at)"
                + " VALUES (?1, 'PAUSED', clock_timestamp(), ?2, clock_timestamp()) ON CONFLICT (index_key) DO NOTHING")
                .setParameter(1, key).setParameter(2, admin.staffId()).executeUpdate();
        Object[] row = (Object[]) em.createNativeQuery("SELECT state, batches FROM blind_index_reindex WHERE index_key = ?1"
                + " FOR UPDATE").setParameter(1, key).getSingleResult();
        String state = (String) row[0];
        long remaining = remaining(key);
        boolean resumed = !state.equals("DONE") && ((Number) row[1]).intValue() > 0;
        switch (state) {
            case "RUNNING" -> {
                return progress();
            }
            case "DONE" -> {
                if (remaining == 0) {
                    return progress();
                }
                // Residents were indexed with an older key after it was done (an instance still configured
                // with it): another pass from the start.
                em.createNativeQuery("UPDATE blind_index_reindex SET state = 'RUNNING', after_id = NULL, rows_done = 0,"
                        + " batches = 0, finished_at = NULL, started_at = clock_timestamp(), started_by = ?2,"
                        + " updated_at = clock_timestamp() WHERE index_key = ?1")
                        .setParameter(1, key).setParameter(2, admin.staffId()).executeUpdate();
            }
            default -> em.createNativeQuery("UPDATE blind_index_reindex SET state = 'RUNNING', failure = NULL,"
                    + " updated_at = clock_timestamp() WHERE index_key = ?1").setParameter(1, key).executeUpdate();
        }
        audit.record(AuditEvent.of(AuditAction.BLIND_INDEX_REINDEX_STARTED).actor(admin.staffId(), admin.username())
                .target("blind-index-key", key).detail("resumed", resumed).detail("rowsRemaining", remaining)
                .detail("adminTown", admin.townId()));
        started.fire(new Started(key));
        return progress();
    }

    /** Pauses a running re-index after the batch in hand; {@link #start} resumes it. Audited. */
    @Transactional
    public Progress pause(Caller admin) {
        String key = cipher.indexKeyId();
        int paused = em.createNativeQuery("UPDATE blind_index_reindex SET state = 'PAUSED', lease_owner = NULL,"
                + " lease_until = NULL, updated_at = clock_timestamp() WHERE index_key = ?1 AND state = 'RUNNING'")
                .setParameter(1, key).executeUpdate();
        if (paused == 0) {
            throw ResidentProblem.REINDEX_NOT_RUNNING.exception("No re-index of the blind indexes is running; its"
                    + " progress says where it stands");
        }
        Progress progress = progress();
        audit.record(AuditEvent.of(AuditAction.BLIND_INDEX_REINDEX_PAUSED).actor(admin.staffId(), admin.username())
                .target("blind-index-key", key).detail("rowsDone", progress.rowsDone())
                .detail("rowsRemaining", progress.rowsRemaining()).detail("adminTown", admin.townId()));
        return progress;
    }

    /** Whether a re-index to the writing key is running (for a worker to look for). */
    @Transactional
    boolean running() {
        return !em.createNativeQuery("SELECT 1 FROM blind_index_reindex WHERE index_key = ?1 AND state = 'RUNNING'")
                .setParameter(1, cipher.indexKeyId()).getResultList().isEmpty();
    }

    /**
     * Takes the running re-index for {@code owner} until {@code lease} from now, unless another instance
     * holds it (its lease not run out); whether it did.
     */
    @Transactional
    boolean claim(String owner, Duration lease) {
        return em.createNativeQuery("UPDATE blind_index_reindex SET lease_owner = ?2, lease_until = clock_timestamp()"
                + " + make_interval(secs => ?3) WHERE index_key = ?1 AND state = 'RUNNING' AND (lease_owner IS NULL"
                + " OR lease_owner = ?2 OR lease_until < clock_timestamp())").setParameter(1, cipher.indexKeyId())
                .setParameter(2, owner).setParameter(3, seconds(lease)).executeUpdate() == 1;
    }

    /** Gives the lease back (a stopping instance, or a run that stopped). */
    @Transactional
    void release(String owner) {
        em.createNativeQuery("UPDATE blind_index_reindex SET lease_owner = NULL, lease_until = NULL WHERE index_key = ?1"
                + " AND lease_owner = ?2").setParameter(1, cipher.indexKeyId()).setParameter(2, owner).executeUpdate();
    }

    /**
     * One batch, in one transaction, while {@code owner} holds the lease (renewed here): the next residents not
     * indexed with the writing key, locked, their numbers decrypted and indexed anew, and how far it came.
     */
    @Transactional
    Step step(String owner, int batchSize, Duration lease) {
        String key = cipher.indexKeyId();
        @SuppressWarnings("unchecked")
        List<Object> held = em.createNativeQuery("UPDATE blind_index_reindex SET lease_until = clock_timestamp()"
                + " + make_interval(secs => ?3) WHERE index_key = ?1 AND lease_owner = ?2 AND state = 'RUNNING'"
                + " RETURNING coalesce(after_id, ?4)").setParameter(1, key).setParameter(2, owner)
                .setParameter(3, seconds(lease)).setParameter(4, BEFORE_ALL).getResultList();
        if (held.isEmpty()) {
            return Step.STOPPED;
        }
        UUID after = (UUID) held.get(0);
        @SuppressWarnings("unchecked")
        List<Object[]> batch = em.createNativeQuery("SELECT id, town_id, id_number_enc, id_number_key, phone_enc,"
                + " phone_key FROM resident WHERE id > ?2 AND " + NOT_INDEXED_WITH_KEY + " ORDER BY id LIMIT ?3"
                + " FOR UPDATE").setParameter(1, key).setParameter(2, after).setParameter(3, batchSize).getResultList();
        UUID last = after;
        int done = 0;
        for (Object[] row : batch) {
            UUID id = (UUID) row[0];
            Optional<String> failure = reindex(key, id, (UUID) row[1], new PersonalDataCipher.Sealed((byte[]) row[2],
                    (String) row[3]), row[4] == null ? null : new PersonalDataCipher.Sealed((byte[]) row[4], (String) row[5]));
            if (failure.isPresent()) {
                advance(key, last, done);
                fail(owner, failure.get());
                return Step.STOPPED;
            }
            last = id;
            done++;
        }
        advance(key, last, done);
        if (batch.size() == batchSize) {
            return Step.MORE;
        }
        long remaining = remaining(key);
        if (remaining > 0) {
            // Indexed with an older key behind this pass (an instance still configured with it): once more.
            em.createNativeQuery("UPDATE blind_index_reindex SET after_id = NULL WHERE index_key = ?1")
                    .setParameter(1, key).executeUpdate();
            return Step.MORE;
        }
        em.createNativeQuery("UPDATE blind_index_reindex SET state = 'DONE', finished_at = clock_timestamp(),"
                + " lease_owner = NULL, lease_until = NULL WHERE index_key = ?1").setParameter(1, key).executeUpdate();
        Progress progress = progress();
        audit.record(AuditEvent.of(AuditAction.BLIND_INDEX_REINDEX_FINISHED).target("blind-index-key", key)
                .detail("rowsDone", progress.rowsDone()).detail("batches", progress.batches()));
        return Step.DONE;
    }

    /** Stops the run with a reason (never personal data), when this instance still holds it. */
    @Transactional
    void fail(String owner, String why) {
        String key = cipher.indexKeyId();
        int failed = em.createNativeQuery("UPDATE blind_index_reindex SET state = 'FAILED', failure = left(?3, 500),"
                + " lease_owner = NULL, lease_until = NULL, updated_at = clock_timestamp() WHERE index_key = ?1"
                + " AND state = 'RUNNING' AND lease_owner = ?2").setParameter(1, key).setParameter(2, owner)
                .setParameter(3, why).executeUpdate();
        if (failed == 1) {
            audit.record(AuditEvent.of(AuditAction.BLIND_INDEX_REINDEX_FAILED).target("blind-index-key", key)
                    .detail("reason", why.length() > 500 ? why.substring(0, 500) : why));
        }
    }

    /** Indexes one resident anew; the reason when it cannot be. */
    private Optional<String> reindex(String key, UUID id, UUID town, PersonalDataCipher.Sealed idNumber,
            PersonalDataCipher.Sealed phone) {
        byte[] idIndex;
        byte[] phoneIndex = null;
        try {
            idIndex = cipher.index(ResidentService.ID_NUMBER, cipher.open(ResidentService.ID_NUMBER, id, idNumber));
            if (phone != null) {
                phoneIndex = cipher.index(ResidentService.PHONE, cipher.open(ResidentService.PHONE, id, phone));
            }
        } catch (IllegalStateException e) {
            return Optional.of("The numbers of resident " + id + " cannot be decrypted (" + e.getMessage()
                    + "); configure the key they were encrypted with in doorstep.pii.keys, then start again");
        }
        @SuppressWarnings("unchecked")
        List<Object> twin = em.createNativeQuery("SELECT id FROM resident WHERE town_id = ?1 AND id_number_index = ?2"
                + " AND id <> ?3 LIMIT 1").setParameter(1, town).setParameter(2, idIndex).setParameter(3, id)
                .getResultList();
        if (!twin.isEmpty()) {
            return Optional.of("Residents " + twin.get(0) + " and " + id + " of one town have the same ID number"
                    + " (registered while the instances had different index keys); erase the wrong registration,"
                    + " then start again");
        }
        // One statement either way: without a phone (the row's phone columns are null) ?4 stands in unused.
        em.createNativeQuery("UPDATE resident SET id_number_index = ?2, id_number_index_key = ?3, phone_index = CASE"
                + " WHEN phone_enc IS NULL THEN NULL ELSE ?4 END, phone_index_key = CASE WHEN phone_enc IS NULL THEN NULL"
                + " ELSE ?3 END WHERE id = ?1").setParameter(1, id).setParameter(2, idIndex).setParameter(3, key)
                .setParameter(4, phoneIndex == null ? idIndex : phoneIndex).executeUpdate();
        return Optional.empty();
    }

    private void advance(String key, UUID last, int done) {
        em.createNativeQuery("UPDATE blind_index_reindex SET after_id = ?2, rows_done = rows_done + ?3,"
                + " batches = batches + 1, updated_at = clock_timestamp() WHERE index_key = ?1")
                .setParameter(1, key).setParameter(2, last).setParameter(3, done).executeUpdate();
    }

    private long remaining(String key) {
        return ((Number) em.createNativeQuery("SELECT count(*) FROM resident WHERE " + NOT_INDEXED_WITH_KEY)
                .setParameter(1, key).getSingleResult()).longValue();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static Instant instant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
