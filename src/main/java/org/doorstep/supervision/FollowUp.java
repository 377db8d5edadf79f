package org.doorstep.supervision;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * One follow-up call (回访) to the resident after a visit closed. A call that did not reach the
 * resident records only that it was made; one that did carries the resident's satisfaction and
 * whether the matter is resolved, and there is at most one such call per visit.
 */
@Entity
@Table(name = "follow_up")
public class FollowUp {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "visit_id")
    private UUID visitId;
    private boolean reached;
    private Integer satisfaction;
    private Boolean resolved;
    private String comment;
    @Column(name = "called_by")
    private UUID calledBy;
    @Column(name = "called_at")
    private Instant calledAt;

    protected FollowUp() {
    }

    /** A call that reached nobody. */
    static FollowUp unreached(UUID townId, UUID visitId, String comment, UUID operator, Instant now) {
        return new FollowUp(townId, visitId, false, null, null, comment, operator, now);
    }

    /** A call that reached the resident, who rated the visit. */
    static FollowUp reached(UUID townId, UUID visitId, int satisfaction, boolean resolved, String comment, UUID operator,
            Instant now) {
        if (satisfaction < 1 || satisfaction > 10) {
            throw new IllegalArgumentException("satisfaction out of range: " + satisfaction);
        }
        return new FollowUp(townId, visitId, true, satisfaction, resolved, comment, operator, now);
    }

    private FollowUp(UUID townId, UUID visitId, boolean reached, Integer satisfaction, Boolean resolved, String comment,
            UUID operator, Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.visitId = visitId;
        this.reached = reached;
        this.satisfaction = satisfaction;
        this.resolved = resolved;
        this.comment = comment;
        this.calledBy = operator;
        this.calledAt = now;
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

    public boolean reached() {
        return reached;
    }

    public Integer satisfaction() {
        return satisfaction;
    }

    public Boolean resolved() {
        return resolved;
    }

    public String comment() {
        return comment;
    }

    public UUID calledBy() {
        return calledBy;
    }

    public Instant calledAt() {
        return calledAt;
    }
}
