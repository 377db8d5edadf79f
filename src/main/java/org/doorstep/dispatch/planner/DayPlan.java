package org.doorstep.dispatch.planner;

import java.util.List;

import org.optaplanner.core.api.domain.solution.PlanningEntityCollectionProperty;
import org.optaplanner.core.api.domain.solution.PlanningScore;
import org.optaplanner.core.api.domain.solution.PlanningSolution;
import org.optaplanner.core.api.domain.solution.ProblemFactCollectionProperty;
import org.optaplanner.core.api.domain.valuerange.ValueRangeProvider;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;

/** One town's day to plan: the teams (and the holding list for left-out visits), and the visits. */
@PlanningSolution
public class DayPlan {

    @PlanningEntityCollectionProperty
    private List<PlanTeam> teams;

    @ValueRangeProvider(id = "visits")
    @ProblemFactCollectionProperty
    private List<PlanVisit> visits;

    @PlanningScore
    private HardMediumSoftLongScore score;

    DayPlan() {
    }

    /** The teams given here get the holding list added as the last one. */
    public DayPlan(List<PlanTeam> teams, List<PlanVisit> visits) {
        this.teams = new java.util.ArrayList<>(teams);
        this.teams.add(PlanTeam.unplaced());
        this.visits = List.copyOf(visits);
    }

    public List<PlanTeam> teams() {
        return teams;
    }

    public List<PlanVisit> visits() {
        return visits;
    }

    public HardMediumSoftLongScore score() {
        return score;
    }

    /** The holding list of the visits left out. */
    public PlanTeam holding() {
        return teams.stream().filter(PlanTeam::isHolding).findFirst().orElseThrow();
    }
}
