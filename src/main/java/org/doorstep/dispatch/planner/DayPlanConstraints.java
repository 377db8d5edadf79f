package org.doorstep.dispatch.planner;

import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.stream.Constraint;
import org.optaplanner.core.api.score.stream.ConstraintFactory;
import org.optaplanner.core.api.score.stream.ConstraintProvider;

/**
 * What makes a day plan good. Hard: a team only goes to villages it covers, every visit fits its
 * working windows (lunch break included), the resident's preferred part of the day, the travel from
 * the visit before and clear of the fixed ones (the timeline fits visits that way or reports them),
 * and no team goes over its daily maximum. Medium: as few visits left out as possible, the overdue
 * and nearly due ones weighing most. Soft: least travel, then a balanced load.
 */
public class DayPlanConstraints implements ConstraintProvider {

    public static final String NOT_COVERED = "Village not covered";
    public static final String NO_TIME = "No time for the visit";
    public static final String OVER_MAXIMUM = "Over the daily maximum";
    public static final String LEFT_OUT = "Visits left out";
    public static final String TRAVEL = "Travel time";
    public static final String BALANCE = "Balanced load";

    @Override
    public Constraint[] defineConstraints(ConstraintFactory factory) {
        return new Constraint[] {
                factory.forEach(PlanTeam.class).filter(t -> t.route().uncovered() > 0)
                        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, t -> t.route().uncovered()).asConstraint(NOT_COVERED),
                factory.forEach(PlanTeam.class).filter(t -> !t.route().unfit().isEmpty())
                        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, t -> t.route().unfit().size()).asConstraint(NO_TIME),
                factory.forEach(PlanTeam.class).filter(t -> t.overMaximum() > 0)
                        .penalizeLong(HardMediumSoftLongScore.ONE_HARD, PlanTeam::overMaximum).asConstraint(OVER_MAXIMUM),
                factory.forEach(PlanTeam.class).filter(t -> t.isHolding() && !t.visits().isEmpty())
                        .penalizeLong(HardMediumSoftLongScore.ONE_MEDIUM, PlanTeam::unplacedWeight).asConstraint(LEFT_OUT),
                factory.forEach(PlanTeam.class).filter(t -> t.route().travelMinutes() > 0)
                        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, t -> t.route().travelMinutes()).asConstraint(TRAVEL),
                factory.forEach(PlanTeam.class).filter(t -> !t.isHolding() && !t.visits().isEmpty())
                        .penalizeLong(HardMediumSoftLongScore.ONE_SOFT, t -> {
                            long n = t.visits().size() + t.fixed().size();
                            return n * n;
                        }).asConstraint(BALANCE)
        };
    }
}
