package org.doorstep.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.hibernate.annotations.ColumnTransformer;

/**
 * A day plan: asked for, solved (or failed), perhaps applied. JSON columns hold what it was made from and the
 * proposal. While it is SOLVING it is a job that {@link PlanRunner} claims and updates with guarded SQL
 * ({@link PlanRepository}); the entity is written only when it is made, answered at once, or applied.
 */
@Entity
@Table(name = "dispatch_plan")
public class Plan {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "plan_date")
    private LocalDate date;
    @Enumerated(EnumType.STRING)
    private PlanApi.Status status;
    @Column(name = "replan_scheduled")
    private boolean replanScheduled;
    @Column(name = "time_limit_seconds")
    private int timeLimitSeconds;
    @Column(name = "requested_by")
    private UUID requestedBy;
    @Column(name = "requested_at")
    private Instant requestedAt;
    @Column(name = "solved_at")
    private Instant solvedAt;
    @Column(name = "applied_by")
    private UUID appliedBy;
    @Column(name = "applied_at")
    private Instant appliedAt;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String snapshot;
    @Column(columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String proposal;
    private String failure;
    @Column(name = "started_at")
    private Instant startedAt;
    @Column(name = "to_place")
    private Integer toPlace;
    @Column(name = "best_placed")
    private Integer bestPlaced;
    @Column(name = "best_score")
    private String bestScore;
    @Column(name = "best_at")
    private Instant bestAt;
    @Version
    private long version;

    protected Plan() {
    }

    Plan(UUID townId, LocalDate date, boolean replanScheduled, int timeLimitSeconds, UUID requestedBy, String snapshot,
            Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.date = date;
        this.status = PlanApi.Status.SOLVING;
        this.replanScheduled = replanScheduled;
        this.timeLimitSeconds = timeLimitSeconds;
        this.requestedBy = requestedBy;
        this.requestedAt = now;
        this.snapshot = snapshot;
    }

    void proposed(String proposal, Instant now) {
        if (status != PlanApi.Status.SOLVING) {
            return;
        }
        this.status = PlanApi.Status.PROPOSED;
        this.proposal = proposal;
        this.solvedAt = now;
    }

    /** Checks that the plan can be applied, then marks it applied. */
    void apply(UUID by, Instant now) {
        switch (status) {
            case SOLVING ->
                throw DispatchProblem.PLAN_NOT_READY.exception("The planner is still at work; ask again in a moment");
            case FAILED -> throw DispatchProblem.PLAN_FAILED.exception("Ask for a new plan: " + failure);
            case APPLIED -> throw DispatchProblem.PLAN_ALREADY_APPLIED.exception("It was applied at " + appliedAt);
            case PROPOSED -> {
                this.status = PlanApi.Status.APPLIED;
                this.appliedBy = by;
                this.appliedAt = now;
            }
        }
    }

    public Instant startedAt() {
        return startedAt;
    }

    public Integer toPlace() {
        return toPlace;
    }

    public Integer bestPlaced() {
        return bestPlaced;
    }

    public String bestScore() {
        return bestScore;
    }

    public Instant bestAt() {
        return bestAt;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public LocalDate date() {
        return date;
    }

    public PlanApi.Status status() {
        return status;
    }

    public boolean replanScheduled() {
        return replanScheduled;
    }

    public int timeLimitSeconds() {
        return timeLimitSeconds;
    }

    public Instant requestedAt() {
        return requestedAt;
    }

    public Instant solvedAt() {
        return solvedAt;
    }

    public Instant appliedAt() {
        return appliedAt;
    }

    String snapshot() {
        return snapshot;
    }

    String proposal() {
        return proposal;
    }

    public String failure() {
        return failure;
    }
}
