package org.doorstep.dispatch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.booking.DispatchVisits.DispatchView;
import org.doorstep.booking.Period;
import org.doorstep.booking.VisitStatus;
import org.doorstep.dispatch.planner.PlanTeam;
import org.doorstep.dispatch.planner.PlanVisit;
import org.doorstep.dispatch.planner.TravelTimes;
import org.junit.jupiter.api.Test;

/** How a town's day becomes the solver's problem, rule by rule. */
class DayPlanAssemblyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final UUID XINYUAN = UUID.randomUUID();
    private static final UUID FURONG = UUID.randomUUID();
    private static final UUID SERVICE = UUID.randomUUID();
    private static final TravelTimes TRAVEL = new TravelTimes(new int[][] { { 0, 12 }, { 12, 0 } });

    private static Team team(String name, List<WorkingHours> hours) {
        return new Team(UUID.randomUUID(), name, 8, hours, Instant.EPOCH);
    }

    private static List<WorkingHours> weekdays() {
        return java.util.stream.IntStream.rangeClosed(1, 5).boxed().flatMap(d -> java.util.stream.Stream.of(
                new WorkingHours(d, LocalTime.of(8, 30), LocalTime.of(12, 0)),
                new WorkingHours(d, LocalTime.of(14, 30), LocalTime.of(17, 30)))).toList();
    }

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(hour, minute).atZone(ZONE).toInstant();
    }

    private static DispatchView visit(UUID village, Period period, Instant due, VisitStatus status, UUID team, Instant start,
            Instant end) {
        return new DispatchView(UUID.randomUUID(), UUID.randomUUID(), status, 3, village, SERVICE, MONDAY, period, due,
                team, start, end, "T-" + UUID.randomUUID().toString().substring(0, 4));
    }

    private static DayPlanAssembly.Assembled assemble(LocalDate date, Instant now, boolean replan, List<Team> teams,
            List<DispatchView> scheduled, List<DispatchView> waiting) {
        Map<UUID, List<UUID>> covered = new java.util.HashMap<>();
        teams.forEach(t -> covered.put(t.id(), List.of(XINYUAN)));
        return DayPlanAssembly.assemble(new DayPlanAssembly.Day(date, ZONE, now, replan, List.of(XINYUAN, FURONG), teams,
                covered, scheduled, waiting, Map.of(SERVICE, 30), TRAVEL));
    }

    @Test
    void aTeamWorksItsHoursOfTheDayWithTheLunchBreakLeftOutAndCoversItsVillages() {
        DayPlanAssembly.Assembled day = assemble(MONDAY, at(MONDAY.minusDays(3), 9, 0), false,
                List.of(team("一队", weekdays())), List.of(), List.of());
        PlanTeam team = day.problem().teams().get(0);
        assertArrayEquals(new int[][] { { 510, 720 }, { 870, 1050 } }, team.windows());
        assertEquals(true, team.covers(0));
        assertEquals(false, team.covers(1));
    }

    @Test
    void todayNothingStartsSoonerThanATeamCanSetOut() {
        DayPlanAssembly.Assembled day = assemble(MONDAY, at(MONDAY, 13, 0), false, List.of(team("一队", weekdays())), List.of(),
                List.of());
        assertArrayEquals(new int[][] { { 870, 1050 } }, day.problem().teams().get(0).windows(),
                "the morning is over; the afternoon starts at 14:30, after 13:15");
        DayPlanAssembly.Assembled late = assemble(MONDAY, at(MONDAY, 15, 0), false, List.of(team("一队", weekdays())),
                List.of(), List.of());
        assertArrayEquals(new int[][] { { 915, 1050 } }, late.problem().teams().get(0).windows(), "from 15:15");
    }

    @Test
    void aMakeUpWorkingSaturdayWorksMondaysHoursAndATeamOffThatDayIsLeftOut() {
        LocalDate saturday = MONDAY.plusDays(5);
        Team weekdaysOnly = team("一队", weekdays());
        Team mondaysOff = team("二队", weekdays().stream().filter(h -> h.weekday() != 1).toList());
        DayPlanAssembly.Assembled day = assemble(saturday, at(MONDAY, 9, 0), false, List.of(weekdaysOnly, mondaysOff),
                List.of(), List.of());
        assertEquals(List.of("一队"), day.problem().teams().stream().filter(t -> !t.isHolding()).map(PlanTeam::name).toList());
        assertEquals(2, day.teamVersions().size(), "both teams' versions are kept, to refuse a stale apply");
    }

    @Test
    void scheduledVisitsAreFixedUnlessReplanningMovesThoseNotYetStartedAtAHighCost() {
        Team team = team("一队", weekdays());
        Instant now = at(MONDAY, 9, 0);
        DispatchView started = visit(XINYUAN, Period.ANY, at(MONDAY, 17, 30), VisitStatus.EN_ROUTE, team.id(),
                at(MONDAY, 8, 30), at(MONDAY, 9, 0));
        DispatchView later = visit(XINYUAN, Period.MORNING, at(MONDAY.plusDays(2), 17, 30), VisitStatus.SCHEDULED, team.id(),
                at(MONDAY, 10, 0), at(MONDAY, 10, 30));
        DayPlanAssembly.Assembled kept = assemble(MONDAY, now, false, List.of(team), List.of(started, later), List.of());
        assertEquals(2, kept.problem().teams().get(0).fixed().size());
        assertEquals(List.of(), kept.problem().visits());

        DayPlanAssembly.Assembled moved = assemble(MONDAY, now, true, List.of(team), List.of(started, later), List.of());
        assertEquals(1, moved.problem().teams().get(0).fixed().size(), "the visit under way stays");
        PlanVisit movable = moved.problem().visits().get(0);
        assertEquals(later.id(), movable.id());
        assertEquals(true, movable.wasScheduled());
        assertTrue(movable.unplacedWeight() > 1000, "leaving out a visit that was scheduled costs the most");
        assertEquals(3L, moved.visitVersions().get(later.id()));
    }

    @Test
    void aVisitIsPlacedInItsPreferredPartOfTheDayAndOverdueOnesCostMostToLeaveOut() {
        DispatchView morning = visit(XINYUAN, Period.MORNING, at(MONDAY.plusDays(4), 17, 30), VisitStatus.REQUESTED, null,
                null, null);
        DispatchView afternoon = visit(FURONG, Period.AFTERNOON, at(MONDAY.plusDays(1), 17, 30), VisitStatus.REQUESTED, null,
                null, null);
        DispatchView overdue = visit(XINYUAN, Period.ANY, at(MONDAY.minusDays(2), 17, 30), VisitStatus.REQUESTED, null, null,
                null);
        List<PlanVisit> visits = assemble(MONDAY, at(MONDAY.minusDays(1), 9, 0), false, List.of(team("一队", weekdays())),
                List.of(), List.of(morning, afternoon, overdue)).problem().visits();
        assertEquals(List.of(0, 720), List.of(visits.get(0).earliest(), visits.get(0).latest()));
        assertEquals(List.of(720, 1440), List.of(visits.get(1).earliest(), visits.get(1).latest()));
        assertEquals(List.of(0, 1440), List.of(visits.get(2).earliest(), visits.get(2).latest()));
        assertEquals(List.of(0, 1, 0), visits.stream().map(PlanVisit::village).toList());
        assertTrue(visits.get(2).unplacedWeight() > visits.get(1).unplacedWeight()
                && visits.get(1).unplacedWeight() > visits.get(0).unplacedWeight(),
                "overdue first, then the sooner deadline: " + visits.stream().map(PlanVisit::unplacedWeight).toList());
        assertEquals(30, visits.get(0).durationMinutes());
    }
}
