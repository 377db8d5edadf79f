package org.doorstep.capture;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.doorstep.catalog.CaptureKind;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class CaptureRepository implements PanacheRepositoryBase<Capture, UUID> {

    Optional<Capture> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    /** The capture, locked for the caller's transaction (refreshed if it was read before). */
    Optional<Capture> lock(UUID id) {
        Optional<Capture> found = find("id", id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
        found.ifPresent(c -> getEntityManager().refresh(c));
        return found;
    }

    /** The visit's captures (complete or purged), in the order they were taken. */
    List<Capture> ofVisit(UUID visitId, int page, int size) {
        return find("visitId = ?1 and status in ?2", Sort.by("capturedAt").and("id"), visitId,
                List.of(CaptureStatus.COMPLETE, CaptureStatus.PURGED)).page(page, size).list();
    }

    long countOfVisit(UUID visitId) {
        return count("visitId = ?1 and status in ?2", visitId, List.of(CaptureStatus.COMPLETE, CaptureStatus.PURGED));
    }

    List<Capture> complete(UUID visitId) {
        return list("visitId = ?1 and status = ?2", visitId, CaptureStatus.COMPLETE);
    }

    List<Capture> complete(java.util.Collection<UUID> visitIds) {
        return visitIds.isEmpty() ? List.of() : list("visitId in ?1 and status = ?2", visitIds, CaptureStatus.COMPLETE);
    }

    /** What an agent and a visit hold open now, under a lock per agent, so two creations cannot both pass a quota. */
    record Open(long agentUploads, long agentBytes, long visitUploads, long visitKindCaptures) {
    }

    Open lockOpen(UUID agent, UUID visitId, CaptureKind kind, Instant now) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('capture-quota:' || ?1, 0))")
                .setParameter(1, agent.toString()).getSingleResult();
        Object[] row = (Object[]) getEntityManager().createNativeQuery("SELECT"
                + " count(*) FILTER (WHERE status = 'UPLOADING' AND created_by = ?1 AND expires_at > ?4),"
                + " coalesce(sum(size) FILTER (WHERE status = 'UPLOADING' AND created_by = ?1 AND expires_at > ?4), 0),"
                + " count(*) FILTER (WHERE status = 'UPLOADING' AND visit_id = ?2 AND expires_at > ?4),"
                + " count(*) FILTER (WHERE status <> 'UPLOADING' AND visit_id = ?2 AND kind = ?3)"
                + " FROM capture WHERE created_by = ?1 OR visit_id = ?2")
                .setParameter(1, agent).setParameter(2, visitId).setParameter(3, kind.name()).setParameter(4, now)
                .getSingleResult();
        return new Open(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                ((Number) row[3]).longValue());
    }

    List<CapturePart> parts(UUID captureId) {
        return getEntityManager().createQuery("from CapturePart where captureId = ?1 order by startOffset", CapturePart.class)
                .setParameter(1, captureId).getResultList();
    }

    void addPart(CapturePart part) {
        getEntityManager().persist(part);
    }

    /**
     * Deletes the parts' rows and, in the same transaction, puts their blobs on the list of blobs to delete
     * ({@link BlobDeletions}); returns their keys, to drain once the transaction has committed.
     */
    List<String> deleteParts(UUID captureId) {
        List<String> keys = parts(captureId).stream().map(CapturePart::blobKey).toList();
        getEntityManager().createNativeQuery("INSERT INTO blob_deletion (blob_key) SELECT blob_key FROM capture_part"
                + " WHERE capture_id = ?1 ON CONFLICT DO NOTHING").setParameter(1, captureId).executeUpdate();
        getEntityManager().createQuery("delete from CapturePart where captureId = ?1").setParameter(1, captureId)
                .executeUpdate();
        return keys;
    }

    /** Uploads past their expiry, locked; those another instance is sweeping are skipped. */
    List<Capture> expiredUploads(Instant now, int limit) {
        return getEntityManager().createQuery("from Capture where status = ?1 and expiresAt <= ?2 order by expiresAt",
                Capture.class).setParameter(1, CaptureStatus.UPLOADING).setParameter(2, now)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .setMaxResults(limit).getResultList();
    }

    /**
     * Visits that ended (submitted, failed or cancelled) before the cutoff and still keep complete
     * biometric captures, the longest ended first, with when they ended. One query, so that visits
     * still within their retention or not ended yet never crowd the due ones out of a batch.
     */
    @SuppressWarnings("unchecked")
    java.util.Map<UUID, Instant> visitsDueForPurge(Instant cutoff, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("SELECT v.id, coalesce(max(e.recorded_at), v.updated_at)"
                + " AS ended FROM visit v LEFT JOIN visit_event e ON e.visit_id = v.id AND e.to_status = v.status"
                + " WHERE v.status IN ('SUBMITTED', 'FAILED', 'CANCELLED') AND EXISTS (SELECT 1 FROM capture c"
                + " WHERE c.visit_id = v.id AND c.biometric AND c.status = 'COMPLETE')"
                + " GROUP BY v.id, v.updated_at HAVING coalesce(max(e.recorded_at), v.updated_at) < ?1"
                + " ORDER BY ended LIMIT ?2").setParameter(1, cutoff).setParameter(2, limit).getResultList();
        java.util.Map<UUID, Instant> due = new java.util.LinkedHashMap<>();
        for (Object[] row : rows) {
            due.put((UUID) row[0], row[1] instanceof Instant i ? i : ((java.sql.Timestamp) row[1]).toInstant());
        }
        return due;
    }

    /** The complete biometric captures of these visits, locked; those being purged elsewhere are skipped. */
    List<Capture> biometricsToPurge(Collection<UUID> visitIds) {
        return getEntityManager().createQuery("from Capture where biometric = true and status = ?1 and visitId in ?2",
                Capture.class).setParameter(1, CaptureStatus.COMPLETE).setParameter(2, visitIds)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .setHint("jakarta.persistence.lock.timeout", -2)
                .getResultList();
    }

    /** The uploads still under way on these visits (face images only, or all), locked. */
    List<Capture> uploads(Collection<UUID> visitIds, boolean biometricOnly) {
        return ofVisits(visitIds, CaptureStatus.UPLOADING, biometricOnly);
    }

    /** The complete captures of these visits (face images only, or all), locked, waiting for any PATCH finishing one. */
    List<Capture> completeOf(Collection<UUID> visitIds, boolean biometricOnly) {
        return ofVisits(visitIds, CaptureStatus.COMPLETE, biometricOnly);
    }

    private List<Capture> ofVisits(Collection<UUID> visitIds, CaptureStatus status, boolean biometricOnly) {
        return getEntityManager().createQuery("from Capture where status = ?1 and visitId in ?2"
                + (biometricOnly ? " and biometric = true" : ""), Capture.class).setParameter(1, status)
                .setParameter(2, visitIds).setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
    }

    /** Which of these blob keys a part row refers to, or the list of blobs to delete holds already. */
    @SuppressWarnings("unchecked")
    Set<String> referencedOrQueued(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Set.of();
        }
        return Set.copyOf(getEntityManager().createNativeQuery("SELECT blob_key FROM capture_part WHERE blob_key IN (:keys)"
                + " UNION SELECT blob_key FROM blob_deletion WHERE blob_key IN (:keys)").setParameter("keys", keys)
                .getResultList());
    }

    /** Where the walk of this name stopped ({@code ""}: at the start), locked until the transaction ends. */
    String lockCursor(String name) {
        getEntityManager().createNativeQuery("INSERT INTO janitor_cursor (name, position, updated_at)"
                + " VALUES (?1, '', clock_timestamp()) ON CONFLICT DO NOTHING").setParameter(1, name).executeUpdate();
        return (String) getEntityManager().createNativeQuery("SELECT position FROM janitor_cursor WHERE name = ?1 FOR UPDATE")
                .setParameter(1, name).getSingleResult();
    }

    void moveCursor(String name, String position) {
        getEntityManager().createNativeQuery("UPDATE janitor_cursor SET position = ?2, updated_at = clock_timestamp()"
                + " WHERE name = ?1").setParameter(1, name).setParameter(2, position).executeUpdate();
    }

    /** Takes the capture janitor's lock for this transaction, unless another instance holds it. */
    boolean tryJanitorLock() {
        Object got = getEntityManager().createNativeQuery("SELECT pg_try_advisory_xact_lock(?1)")
                .setParameter(1, JANITOR_LOCK).getSingleResult();
        return Boolean.TRUE.equals(got);
    }

    /** An arbitrary, fixed advisory-lock key for the capture janitor. */
    private static final long JANITOR_LOCK = 0x446f6f7243617074L;

    /** The purged captures of these visits keep no file name (it may name the person). */
    void forgetFileNames(java.util.Collection<UUID> visitIds) {
        if (!visitIds.isEmpty()) {
            update("fileName = 'erased' where visitId in ?1 and status = ?2", visitIds, CaptureStatus.PURGED);
        }
    }
}
