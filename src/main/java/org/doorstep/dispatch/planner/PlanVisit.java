package org.doorstep.dispatch.planner;

import java.util.UUID;

import org.optaplanner.core.api.domain.lookup.PlanningId;

/**
 * A visit to place: the village it is in (an index into the travel matrix), how long it takes, the
 * part of the day the resident asked for as minutes of the day ({@code [earliest, latest]}: the visit
 * starts no earlier and ends no later), and what leaving it unplaced costs.
 */
public final class PlanVisit {

    @PlanningId
    private UUID id;
    private String ticket;
    private int village;
    private int durationMinutes;
    private int earliest;
    private int latest;
    private int unplacedWeight;
    private boolean wasScheduled;

    PlanVisit() {
    }

    public PlanVisit(UUID id, String ticket, int village, int durationMinutes, int earliest, int latest, int unplacedWeight,
            boolean wasScheduled) {
        if (durationMinutes <= 0 || earliest < 0 || latest > Timeline.DAY || earliest >= latest || unplacedWeight <= 0) {
            throw new IllegalArgumentException("A visit takes time within the day and costs something to leave out");
        }
        this.id = id;
        this.ticket = ticket;
        this.village = village;
        this.durationMinutes = durationMinutes;
        this.earliest = earliest;
        this.latest = latest;
        this.unplacedWeight = unplacedWeight;
        this.wasScheduled = wasScheduled;
    }

    public UUID id() {
        return id;
    }

    public String ticket() {
        return ticket;
    }

    public int village() {
        return village;
    }

    public int durationMinutes() {
        return durationMinutes;
    }

    public int earliest() {
        return earliest;
    }

    public int latest() {
        return latest;
    }

    public int unplacedWeight() {
        return unplacedWeight;
    }

    /** Whether the visit had a slot before this plan (it is only here because re-planning was asked for). */
    public boolean wasScheduled() {
        return wasScheduled;
    }

    @Override
    public String toString() {
        return ticket == null ? id.toString() : ticket;
    }
}
