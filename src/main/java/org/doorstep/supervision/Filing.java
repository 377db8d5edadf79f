package org.doorstep.supervision;

import java.time.Duration;
import java.time.Instant;
import java.util.OptionalInt;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The filing of one completed visit to the upstream system: PENDING until a worker claims it
 * (SENDING), then SENT with the upstream's receipt, or back to PENDING after a failure, or FAILED
 * (parked for a supervisor) when it was refused for good (or failed more often than a configured limit).
 */
@Entity
@Table(name = "filing")
public class Filing {

    @Schema(name = "FilingStatus")
    public enum Status {
        PENDING,
        SENDING,
        SENT,
        FAILED
    }

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "visit_id")
    private UUID visitId;
    @jakarta.persistence.Enumerated(jakarta.persistence.EnumType.STRING)
    private Status status;
    private int attempts;
    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;
    @Column(name = "claimed_until")
    private Instant claimedUntil;
    @Column(name = "last_error")
    private String lastError;
    private String receipt;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "sent_at")
    private Instant sentAt;
    @Column(name = "updated_at")
    private Instant updatedAt;
    @Version
    private long version;

    protected Filing() {
    }

    /** Whether this is still the claim made for the given attempt (another instance may have taken over). */
    boolean claimedFor(int attempt) {
        return status == Status.SENDING && attempts == attempt;
    }

    void sent(String receipt, Instant now) {
        this.status = Status.SENT;
        this.receipt = receipt;
        this.sentAt = now;
        this.claimedUntil = null;
        this.lastError = null;
        this.updatedAt = now;
    }

    /**
     * A failed send: wait and try again, or park it when it was refused for good or, if there is a limit,
     * failed that often.
     */
    void failed(String error, boolean permanent, OptionalInt maxAttempts, Duration wait, Instant now) {
        this.lastError = error.length() > 500 ? error.substring(0, 500) : error;
        this.claimedUntil = null;
        this.updatedAt = now;
        if (permanent || (maxAttempts.isPresent() && attempts >= maxAttempts.getAsInt())) {
            this.status = Status.FAILED;
        } else {
            this.status = Status.PENDING;
            this.nextAttemptAt = now.plus(wait);
        }
    }

    /** A supervisor sends a parked filing again: a fresh round of attempts, starting now. */
    void retry(Instant now) {
        if (status != Status.FAILED) {
            throw SupervisionProblem.FILING_NOT_FAILED.exception("Only a FAILED filing can be retried; this one is " + status)
                    .with("currentStatus", status);
        }
        this.status = Status.PENDING;
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public UUID visitId() {
        return visitId;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public String receipt() {
        return receipt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
