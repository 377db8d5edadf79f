package org.doorstep.shared;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.scheduler.Scheduled;

/**
 * {@code Idempotency-Key} for writes a flaky tablet or a double click may repeat. The first request
 * with a key claims it inside its own transaction; the same key with the same body later gets the
 * first answer again (same status, same body), with another body 422. A second request arriving
 * while the first is still running waits for it on the key's row, then replays its answer.
 */
@ApplicationScoped
public class Idempotency {

    /** A stored answer. */
    public record Answer(int status, String body) {
    }

    private final EntityManager em;
    private final ObjectMapper json;
    private final Clock clock;
    private final java.time.Duration retention;

    public Idempotency(EntityManager em, ObjectMapper json, Clock clock,
            @ConfigProperty(name = "doorstep.booking.idempotency-retention", defaultValue = "PT48H") java.time.Duration retention) {
        this.em = em;
        this.json = json;
        this.clock = clock;
        if (retention.compareTo(java.time.Duration.ofHours(24)) < 0) {
            throw new IllegalStateException("doorstep.booking.idempotency-retention must be at least 24 hours");
        }
        this.retention = retention;
    }

    /**
     * Drops the stored answers that name any of these ids (a resident, their visits): their data is being erased,
     * and a retried request must not bring it back.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(java.util.Collection<UUID> ids) {
        if (!ids.isEmpty()) {
            // ids are hex digits and dashes: an alternation of them is a plain regular expression
            em.createNativeQuery("DELETE FROM idempotency_key WHERE response ~ ?1")
                    .setParameter(1, String.join("|", ids.stream().map(UUID::toString).toList())).executeUpdate();
        }
    }

    /**
     * Claims the key for this request, or returns the answer already given to it. Empty means: go
     * ahead, then {@link #remember} the answer in the same transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Answer> claim(UUID staffId, String key, String operation, Object request) {
        return claim(staffId, key, operation, List.of(request));
    }

    /**
     * As {@link #claim(UUID, String, String, Object)}, for a request that has several fingerprints (one per
     * configured index key, while that key is rotated): the first is kept, and a stored one matching any of
     * them is the same request.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<Answer> claim(UUID staffId, String key, String operation, List<?> sameRequests) {
        if (key == null) {
            return Optional.empty();
        }
        if (key.isBlank() || key.length() > 200) {
            throw ProblemException.invalid("Idempotency-Key", "size", "must be 1 to 200 characters", "min", 1, "max", 200);
        }
        byte[] hash = hash(operation, sameRequests.get(0));
        int inserted = em.createNativeQuery("INSERT INTO idempotency_key (staff_id, key, operation, request_hash, status,"
                + " response, created_at) VALUES (?1, ?2, ?3, ?4, 0, '', ?5) ON CONFLICT (staff_id, key) DO NOTHING")
                .setParameter(1, staffId).setParameter(2, key).setParameter(3, operation).setParameter(4, hash)
                .setParameter(5, clock.instant()).executeUpdate();
        if (inserted == 1) {
            return Optional.empty();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT operation, request_hash, status, response FROM idempotency_key"
                + " WHERE staff_id = ?1 AND key = ?2").setParameter(1, staffId).setParameter(2, key).getResultList();
        Object[] row = rows.get(0);
        if (!operation.equals(row[0]) || sameRequests.stream()
                .noneMatch(request -> MessageDigest.isEqual(hash(operation, request), (byte[]) row[1]))) {
            throw ProblemType.IDEMPOTENCY_KEY_REUSED
                    .exception("This Idempotency-Key was first sent with a different request; use a new key for a new request");
        }
        return Optional.of(new Answer(((Number) row[2]).intValue(), (String) row[3]));
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remember(UUID staffId, String key, int status, Object body) {
        if (key == null) {
            return;
        }
        em.createNativeQuery("UPDATE idempotency_key SET status = ?3, response = ?4 WHERE staff_id = ?1 AND key = ?2")
                .setParameter(1, staffId).setParameter(2, key).setParameter(3, status).setParameter(4, write(body))
                .executeUpdate();
    }

    /**
     * Forgets keys older than the retention (at least the 24 hours a client may retry in). Safe on
     * several instances at once: a delete of what is already gone deletes nothing.
     */
    @Scheduled(every = "1h", delay = 5, delayUnit = java.util.concurrent.TimeUnit.MINUTES, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @Transactional
    void purge() {
        em.createNativeQuery("DELETE FROM idempotency_key WHERE created_at < ?1")
                .setParameter(1, clock.instant().minus(retention)).executeUpdate();
    }

    /** The {@code id} of the object a stored answer's JSON body describes (for its Location). */
    public java.util.UUID idIn(String body) {
        try {
            return java.util.UUID.fromString(json.readTree(body).get("id").asText());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private byte[] hash(String operation, Object request) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(operation.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(json.writeValueAsBytes(request));
            return digest.digest();
        } catch (NoSuchAlgorithmException | JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
