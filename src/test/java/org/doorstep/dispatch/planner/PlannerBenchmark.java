package org.doorstep.dispatch.planner;

import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The planner against the greedy nearest-village baseline on the same made-up days (see
 * {@link SyntheticDays}): 50, 200 and 500 visits over 3, 6 and 12 teams. Prints a Markdown table.
 * Run with {@code bench/planner/run.sh}; both results are checked against the rules first.
 */
public final class PlannerBenchmark {

    private PlannerBenchmark() {
    }

    public static void main(String[] args) {
        int limitSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        int unimprovedSeconds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int maxVisits = 10;
        DayPlanner planner = new DayPlanner(Duration.ofSeconds(unimprovedSeconds));
        TravelTimes travel = SyntheticDays.travel();
        System.out.printf(Locale.ROOT, "time limit %d s, stop after %d s without improvement, at most %d visits a team%n%n",
                limitSeconds, unimprovedSeconds, maxVisits);
        System.out.println("| visits | teams | solve s | placed (greedy) | left out (greedy) | urgency left out (greedy)"
                + " | travel min (greedy) | travel min per visit (greedy) |");
        System.out.println("|---:|---:|---:|---|---|---|---|---|");
        for (int visits : new int[] { 50, 200, 500 }) {
            for (int teams : new int[] { 3, 6, 12 }) {
                List<PlanVisit> day = SyntheticDays.visits(visits, 1000L * visits + teams);
                List<PlanTeam> solverTeams = SyntheticDays.teams(teams, maxVisits, travel);
                long started = System.nanoTime();
                Proposal solved = planner.plan(new DayPlan(solverTeams, day), Duration.ofSeconds(limitSeconds));
                double seconds = (System.nanoTime() - started) / 1e9;
                List<PlanTeam> greedyTeams = SyntheticDays.teams(teams, maxVisits, travel);
                Proposal greedy = planner.describe(GreedyPlanner.plan(new DayPlan(greedyTeams, day)));
                check(solverTeams, day, solved);
                check(greedyTeams, day, greedy);
                System.out.printf(Locale.ROOT, "| %d | %d | %.1f | %d (%d) | %d (%d) | %d (%d) | %d (%d) | %.1f (%.1f) |%n",
                        visits, teams, seconds, solved.placed(), greedy.placed(), solved.unplaced().size(),
                        greedy.unplaced().size(), urgency(solved), urgency(greedy), solved.travelMinutes(),
                        greedy.travelMinutes(), perVisit(solved), perVisit(greedy));
            }
        }
    }

    private static void check(List<PlanTeam> teams, List<PlanVisit> visits, Proposal proposal) {
        List<String> violations = PlanChecks.violations(teams, visits, proposal);
        if (!violations.isEmpty()) {
            throw new IllegalStateException("A plan breaks the rules: " + violations);
        }
    }

    private static long urgency(Proposal p) {
        return p.unplaced().stream().mapToLong(l -> l.visit().unplacedWeight()).sum();
    }

    private static double perVisit(Proposal p) {
        return p.placed() == 0 ? 0 : (double) p.travelMinutes() / p.placed();
    }
}
