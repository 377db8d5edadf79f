package org.doorstep.supervision;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class FilingRepository implements PanacheRepositoryBase<Filing, UUID> {

    /** A claimed filing: which, and the attempt this claim is for. */
    record Claim(UUID id, UUID visitId, int attempt) {
    }

    /**
     * Claims due filings for this instance: pending ones whose time has come, and sending ones whose
     * claim ran out (their instance died mid-send). Instances skip each other's locked rows.
     */
    @SuppressWarnings("unchecked")
    List<Claim> claim(Instant now, Instant until, int limit) {
        List<Object[]> rows = getEntityManager().createNativeQuery("UPDATE filing f SET status = 'SENDING',"
                + " attempts = f.attempts + 1, claimed_until = ?2, updated_at = ?1 WHERE f.id IN (SELECT id FROM filing"
                + " WHERE ((status = 'PENDING' AND next_attempt_at <= ?1) OR (status = 'SENDING' AND claimed_until < ?1))"
                // a capture still being uploaded (a late one, within the grace) goes with the filing: wait for it
                + " AND NOT EXISTS (SELECT 1 FROM capture c WHERE c.visit_id = filing.visit_id AND c.status = 'UPLOADING'"
                + " AND c.expires_at > ?1)"
                + " ORDER BY next_attempt_at LIMIT ?3 FOR UPDATE SKIP LOCKED) RETURNING f.id, f.visit_id, f.attempts")
                .setParameter(1, now).setParameter(2, until).setParameter(3, limit).getResultList();
        return rows.stream().map(r -> new Claim((UUID) r[0], (UUID) r[1], ((Number) r[2]).intValue())).toList();
    }

    Optional<Filing> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    List<Filing> page(UUID townId, Filing.Status status, PageRequest page) {
        return status == null
                ? find("townId", Sort.by("createdAt").descending(), townId).page(page.page(), page.size()).list()
                : find("townId = ?1 and status = ?2", Sort.by("createdAt").descending(), townId, status)
                        .page(page.page(), page.size()).list();
    }

    long count(UUID townId, Filing.Status status) {
        return status == null ? count("townId", townId) : count("townId = ?1 and status = ?2", townId, status);
    }
}
