package org.doorstep.dispatch.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The baseline the solver is measured against: each team in turn takes, from where it is, the
 * nearest village's visit that still fits at the end of its route (the most urgent one to start
 * with and on ties), until no team can take any more. What a dispatcher does by hand.
 */
public final class GreedyPlanner {

    private GreedyPlanner() {
    }

    /** Fills the problem's team lists in place; what is left goes to the holding list. */
    public static DayPlan plan(DayPlan problem) {
        List<PlanVisit> remaining = new ArrayList<>(problem.visits());
        remaining.sort(Comparator.comparingInt(PlanVisit::unplacedWeight).reversed());
        List<PlanTeam> teams = problem.teams().stream().filter(t -> !t.isHolding()).toList();
        boolean progress = true;
        while (progress && !remaining.isEmpty()) {
            progress = false;
            for (PlanTeam team : teams) {
                PlanVisit next = nearestFitting(team, remaining);
                if (next != null) {
                    team.visits().add(next);
                    remaining.remove(next);
                    progress = true;
                }
            }
        }
        problem.holding().visits().addAll(remaining);
        return problem;
    }

    private static PlanVisit nearestFitting(PlanTeam team, List<PlanVisit> remaining) {
        if (team.visits().size() + team.fixed().size() >= team.maxVisits()) {
            return null;
        }
        List<PlanVisit> route = team.visits();
        int from = route.isEmpty() ? -1 : route.get(route.size() - 1).village();
        PlanVisit best = null;
        int bestMinutes = Integer.MAX_VALUE;
        for (PlanVisit v : remaining) {
            if (!team.covers(v.village())) {
                continue;
            }
            int minutes = from < 0 ? 0 : team.travel().between(from, v.village());
            if (minutes >= bestMinutes) {
                continue;
            }
            List<PlanVisit> longer = new ArrayList<>(route);
            longer.add(v);
            if (Timeline.route(team, longer).unfit().isEmpty()) {
                best = v;
                bestMinutes = minutes;
            }
        }
        return best;
    }
}
