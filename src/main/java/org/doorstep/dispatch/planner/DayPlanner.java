package org.doorstep.dispatch.planner;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

import org.optaplanner.core.api.score.ScoreExplanation;
import org.optaplanner.core.api.score.buildin.hardmediumsoftlong.HardMediumSoftLongScore;
import org.optaplanner.core.api.score.constraint.ConstraintMatchTotal;
import org.optaplanner.core.api.score.stream.ConstraintStreamImplType;
import org.optaplanner.core.api.solver.SolutionManager;
import org.optaplanner.core.api.solver.Solver;
import org.optaplanner.core.api.solver.SolverFactory;
import org.optaplanner.core.config.solver.SolverConfig;
import org.optaplanner.core.config.solver.termination.TerminationConfig;

/**
 * Plans a day with OptaPlanner (construction heuristic, then local search over the teams' lists),
 * then makes the result safe to apply: any visit the best solution still has in a hard violation
 * (a short time limit can end the search early) is moved to the left-out ones, and the routes are
 * timed again. Blocks the calling thread for up to the time limit: call it from a worker.
 */
public final class DayPlanner {

    private final Duration unimprovedLimit;
    private final Map<Long, SolverFactory<DayPlan>> factories = new ConcurrentHashMap<>();

    /** @param unimprovedLimit the search stops early when the best score has not improved for this long */
    public DayPlanner(Duration unimprovedLimit) {
        this.unimprovedLimit = unimprovedLimit;
    }

    /** What the search has found so far: its best solution's placed visits and score, and the time it took. */
    public record Progress(int placed, String score, Duration spent) {
    }

    public Proposal plan(DayPlan problem, Duration limit) {
        return plan(problem, limit, progress -> {
        });
    }

    /** Solves, telling {@code progress} each time the best solution improves (on the solving thread). */
    public Proposal plan(DayPlan problem, Duration limit, Consumer<Progress> progress) {
        DayPlan solved = problem;
        SolverFactory<DayPlan> factory = factory(limit);
        if (!problem.visits().isEmpty() && problem.teams().size() > 1) {
            Solver<DayPlan> solver = factory.buildSolver();
            solver.addEventListener(event -> progress.accept(new Progress(placed(event.getNewBestSolution()),
                    event.getNewBestScore().toString(), Duration.ofMillis(event.getTimeMillisSpent()))));
            solved = solver.solve(problem);
        } else {
            solved.holding().visits().addAll(problem.visits());
        }
        clearHardViolations(solved);
        return proposal(solved, factory);
    }

    private static int placed(DayPlan plan) {
        return plan.teams().stream().filter(team -> !team.isHolding()).mapToInt(team -> team.visits().size()).sum();
    }

    /** The proposal for lists filled by other means (the greedy baseline), without solving. */
    public Proposal describe(DayPlan filled) {
        clearHardViolations(filled);
        return proposal(filled, factory(Duration.ofSeconds(1)));
    }

    private SolverFactory<DayPlan> factory(Duration limit) {
        long millis = Math.max(1, limit.toMillis());
        return factories.computeIfAbsent(millis, ms -> SolverFactory.create(new SolverConfig()
                .withSolutionClass(DayPlan.class).withEntityClasses(PlanTeam.class)
                .withConstraintProviderClass(DayPlanConstraints.class)
                .withConstraintStreamImplType(ConstraintStreamImplType.BAVET)
                .withTerminationConfig(new TerminationConfig().withSpentLimit(Duration.ofMillis(ms))
                        .withUnimprovedSpentLimit(unimprovedLimit.compareTo(Duration.ofMillis(ms)) < 0 ? unimprovedLimit
                                : Duration.ofMillis(ms)))));
    }

    /** Moves every visit in a hard violation to the holding list, until the routes have none. */
    static void clearHardViolations(DayPlan plan) {
        PlanTeam holding = plan.holding();
        for (PlanTeam team : plan.teams()) {
            if (team.isHolding()) {
                continue;
            }
            List<PlanVisit> list = team.visits();
            boolean changed = true;
            while (changed) {
                changed = false;
                Timeline.Route route = Timeline.route(team, list);
                List<PlanVisit> out = new ArrayList<>(route.unfit());
                list.stream().filter(v -> !team.covers(v.village())).forEach(out::add);
                if (!out.isEmpty()) {
                    list.removeAll(out);
                    holding.visits().addAll(out);
                    changed = true;
                    continue;
                }
                if (team.overMaximum() > 0) {
                    PlanVisit cheapest = list.stream().min(Comparator.comparingInt(PlanVisit::unplacedWeight)).orElseThrow();
                    list.remove(cheapest);
                    holding.visits().add(cheapest);
                    changed = true;
                }
            }
        }
    }

    private static Proposal proposal(DayPlan plan, SolverFactory<DayPlan> factory) {
        HardMediumSoftLongScore score = HardMediumSoftLongScore.ZERO;
        List<Proposal.ConstraintScore> parts = new ArrayList<>();
        if (!plan.visits().isEmpty()) { // OptaPlanner refuses an empty value range, and there is nothing to explain
            SolutionManager<DayPlan, HardMediumSoftLongScore> scoring = SolutionManager.create(factory);
            ScoreExplanation<DayPlan, HardMediumSoftLongScore> explained = scoring.explain(plan);
            score = explained.getScore();
            for (ConstraintMatchTotal<HardMediumSoftLongScore> total : explained.getConstraintMatchTotalMap().values()) {
                if (total.getConstraintMatchCount() > 0) {
                    parts.add(new Proposal.ConstraintScore(total.getConstraintName(), total.getScore().toString(),
                            total.getConstraintMatchCount()));
                }
            }
            parts.sort(Comparator.comparing(Proposal.ConstraintScore::constraint));
        }
        List<Proposal.TeamRoute> routes = new ArrayList<>();
        for (PlanTeam team : plan.teams()) {
            if (!team.isHolding()) {
                Timeline.Route route = Timeline.route(team, team.visits());
                routes.add(new Proposal.TeamRoute(team.id(), team.name(), route.stops(), route.travelMinutes()));
            }
        }
        List<Proposal.LeftOut> left = plan.holding().visits().stream()
                .sorted(Comparator.comparingInt(PlanVisit::unplacedWeight).reversed())
                .map(v -> new Proposal.LeftOut(v, reason(plan, v))).toList();
        return new Proposal(routes, left, score.toString(), score.isFeasible(), parts);
    }

    static Proposal.Reason reason(DayPlan plan, PlanVisit visit) {
        List<PlanTeam> covering = plan.teams().stream().filter(t -> !t.isHolding() && t.covers(visit.village())).toList();
        if (covering.isEmpty()) {
            return Proposal.Reason.NO_TEAM_COVERS_VILLAGE;
        }
        if (covering.stream().allMatch(t -> t.visits().size() + t.fixed().size() >= t.maxVisits())) {
            return Proposal.Reason.TEAMS_FULL;
        }
        return Proposal.Reason.NO_TIME_LEFT;
    }
}
