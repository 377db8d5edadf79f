package org.doorstep.dispatch.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class DayPlannerTest {

    private final TravelTimes travel = SyntheticDays.travel();

    @Test
    void aPlannedDayBreaksNoRule() {
        List<PlanTeam> teams = SyntheticDays.teams(3, 10, travel);
        List<PlanVisit> visits = SyntheticDays.visits(40, 7);
        Proposal proposal = new DayPlanner(Duration.ofSeconds(1)).plan(new DayPlan(teams, visits), Duration.ofSeconds(2));

        assertEquals(List.of(), PlanChecks.violations(teams, visits, proposal));
        assertTrue(proposal.feasible(), proposal.score());
        assertTrue(proposal.placed() >= 20, "more than the greedy baseline's 17 at least; placed " + proposal.placed());
    }

    @Test
    void visitsNoTeamCoversAreLeftOutWithTheReason() {
        boolean[] none = new boolean[travel.villages()];
        none[0] = true;
        List<PlanTeam> teams = List.of(new PlanTeam(UUID.randomUUID(), "一队", none, SyntheticDays.HOURS, List.of(), 8, travel));
        PlanVisit elsewhere = new PlanVisit(UUID.randomUUID(), "A", 5, 30, 0, Timeline.DAY, 10, false);
        PlanVisit here = new PlanVisit(UUID.randomUUID(), "B", 0, 30, 0, Timeline.DAY, 10, false);
        Proposal proposal = new DayPlanner(Duration.ofSeconds(1)).plan(new DayPlan(teams, List.of(elsewhere, here)),
                Duration.ofSeconds(1));

        assertEquals(1, proposal.unplaced().size());
        assertEquals(elsewhere, proposal.unplaced().get(0).visit());
        assertEquals(Proposal.Reason.NO_TEAM_COVERS_VILLAGE, proposal.unplaced().get(0).reason());
        assertEquals(1, proposal.placed());
    }

    @Test
    void aFixedVisitIsWorkedAroundWithTheTravelToAndFromIt() {
        boolean[] all = new boolean[travel.villages()];
        java.util.Arrays.fill(all, true);
        Block fixed = new Block(UUID.randomUUID(), "F", 9 * 60, 10 * 60, 6);
        PlanTeam team = new PlanTeam(UUID.randomUUID(), "一队", all, SyntheticDays.HOURS, List.of(fixed), 8, travel);
        PlanVisit morning = new PlanVisit(UUID.randomUUID(), "M", 9, 60, 0, 12 * 60, 10, false);
        Timeline.Route route = Timeline.route(team, List.of(morning));

        assertEquals(List.of(), route.unfit());
        Timeline.Stop stop = route.stops().stream().filter(s -> !s.fixed()).findFirst().orElseThrow();
        assertTrue(stop.start() >= 10 * 60 + travel.between(6, 9), "starts " + stop.start());
        assertEquals(0, stop.start() % Timeline.GRID);
    }

    @Test
    void aVisitLongerThanAnyWindowDoesNotFit() {
        boolean[] all = new boolean[travel.villages()];
        java.util.Arrays.fill(all, true);
        PlanTeam team = new PlanTeam(UUID.randomUUID(), "一队", all, SyntheticDays.HOURS, List.of(), 8, travel);
        PlanVisit tooLong = new PlanVisit(UUID.randomUUID(), "L", 0, 4 * 60, 0, Timeline.DAY, 10, false);

        assertEquals(List.of(tooLong), Timeline.route(team, List.of(tooLong)).unfit());
    }

    @Test
    void theGreedyBaselineAlsoBreaksNoRule() {
        List<PlanTeam> teams = SyntheticDays.teams(3, 10, travel);
        List<PlanVisit> visits = SyntheticDays.visits(40, 7);
        DayPlan greedy = GreedyPlanner.plan(new DayPlan(teams, visits));
        Proposal asProposal = new DayPlanner(Duration.ofSeconds(1)).describe(greedy);

        assertEquals(List.of(), PlanChecks.violations(teams, visits, asProposal));
    }
}
