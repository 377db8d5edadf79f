package org.doorstep.dispatch;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.doorstep.booking.DispatchVisits.DispatchView;
import org.doorstep.booking.Period;
import org.doorstep.booking.VisitStatus;
import org.doorstep.dispatch.planner.Block;
import org.doorstep.dispatch.planner.DayPlan;
import org.doorstep.dispatch.planner.PlanTeam;
import org.doorstep.dispatch.planner.PlanVisit;
import org.doorstep.dispatch.planner.Timeline;
import org.doorstep.dispatch.planner.TravelTimes;

/**
 * Turns a town's day (its teams, villages, scheduled visits and visits to place) into the solver's
 * problem: minutes of the day, village indexes, working windows, fixed blocks and the cost of leaving
 * each visit out. Pure, so each of those rules is tested on its own.
 */
final class DayPlanAssembly {

    /** Today, nothing sooner than a team can set out. */
    static final Duration LEAD_TIME = Duration.ofMinutes(15);

    private DayPlanAssembly() {
    }

    /**
     * Everything the day is made of, read by the service: the villages' ids in the solver's order (the
     * travel times' too), each service's minutes.
     */
    record Day(LocalDate date, ZoneId zone, Instant now, boolean replanScheduled, List<UUID> villages,
            List<Team> teams, Map<UUID, List<UUID>> villagesOfTeam, List<DispatchView> scheduled,
            List<DispatchView> unassigned, Map<UUID, Integer> serviceMinutes, TravelTimes travel) {
    }

    /**
     * The solver's problem, and what turns its answer back into visits: the teams it may use, the scheduled
     * visits it may move, and the versions of everything it was made from.
     */
    record Assembled(DayPlan problem, Map<UUID, Team> teams, Map<UUID, DispatchView> movable, Map<UUID, Long> visitVersions,
            Map<UUID, Long> teamVersions) {
    }

    static Assembled assemble(Day day) {
        LocalDate date = day.date();
        ZoneId zone = day.zone();
        Map<UUID, Integer> index = new HashMap<>();
        for (int i = 0; i < day.villages().size(); i++) {
            index.put(day.villages().get(i), i);
        }
        Map<UUID, DispatchView> movable = new LinkedHashMap<>();
        if (day.replanScheduled()) {
            day.scheduled().stream().filter(v -> v.status() == VisitStatus.SCHEDULED && v.slotStart().isAfter(day.now()))
                    .forEach(v -> movable.put(v.id(), v));
        }
        int notBefore = date.equals(LocalDate.ofInstant(day.now(), zone)) ? minuteOf(day.now().plus(LEAD_TIME), date, zone)
                : 0;

        Map<UUID, Team> teamsById = new LinkedHashMap<>();
        Map<UUID, Long> teamVersions = new LinkedHashMap<>();
        List<PlanTeam> planTeams = new ArrayList<>();
        for (Team team : day.teams()) {
            teamVersions.put(team.id(), team.version());
            // the plan is made for a working day (the planner refuses others before it gets here)
            int[][] windows = SlotPolicy.hoursOn(team.hours(), date, true).stream()
                    .map(h -> new int[] { Math.max(h.start().toSecondOfDay() / 60, notBefore), h.end().toSecondOfDay() / 60 })
                    .filter(w -> w[0] < w[1]).toArray(int[][]::new);
            if (windows.length == 0) {
                continue;
            }
            boolean[] covers = new boolean[day.villages().size()];
            day.villagesOfTeam().getOrDefault(team.id(), List.of()).stream().map(index::get)
                    .filter(java.util.Objects::nonNull).forEach(v -> covers[v] = true);
            List<Block> fixed = day.scheduled().stream()
                    .filter(v -> team.id().equals(v.teamId()) && !movable.containsKey(v.id()))
                    .map(v -> new Block(v.id(), v.ticketNumber(), minuteOf(v.slotStart(), date, zone),
                            minuteOf(v.slotEnd(), date, zone), index.get(v.villageId())))
                    .toList();
            teamsById.put(team.id(), team);
            planTeams.add(new PlanTeam(team.id(), team.name(), covers, windows, fixed, team.maxVisitsPerDay(), day.travel()));
        }

        List<DispatchView> toPlace = new ArrayList<>(day.unassigned());
        toPlace.addAll(movable.values());
        List<PlanVisit> visits = new ArrayList<>();
        for (DispatchView v : toPlace) {
            int[] period = period(v.preferredPeriod());
            boolean wasScheduled = movable.containsKey(v.id());
            visits.add(new PlanVisit(v.id(), v.ticketNumber(), index.get(v.villageId()),
                    day.serviceMinutes().get(v.serviceTypeId()), period[0], period[1],
                    urgency(v.dueAt(), date, zone, wasScheduled), wasScheduled));
        }
        Map<UUID, Long> visitVersions = new LinkedHashMap<>();
        day.scheduled().forEach(v -> visitVersions.put(v.id(), v.version()));
        toPlace.forEach(v -> visitVersions.put(v.id(), v.version()));
        return new Assembled(new DayPlan(planTeams, visits), teamsById, movable, visitVersions, teamVersions);
    }

    /**
     * What leaving a visit out costs: overdue ones the most (more the later they are), then by how
     * soon they are due; a visit that was scheduled before costs far more, so re-planning keeps it.
     */
    static int urgency(Instant dueAt, LocalDate date, ZoneId zone, boolean wasScheduled) {
        long days = ChronoUnit.DAYS.between(date, dueAt.atZone(zone).toLocalDate());
        int weight = days < 0 ? 100 + (int) Math.min(-days, 30) * 10 : (int) Math.max(1, 30 - 5 * days);
        return wasScheduled ? weight + 1000 : weight;
    }

    /** The minutes of the day a resident's preferred part of it spans. */
    static int[] period(Period period) {
        int noon = SlotPolicy.NOON.toSecondOfDay() / 60;
        return switch (period) {
            case MORNING -> new int[] { 0, noon };
            case AFTERNOON -> new int[] { noon, Timeline.DAY };
            case ANY -> new int[] { 0, Timeline.DAY };
        };
    }

    /** The minute of the date an instant falls on, kept within the day. */
    static int minuteOf(Instant instant, LocalDate date, ZoneId zone) {
        ZonedDateTime start = date.atStartOfDay(zone);
        long minutes = Duration.between(start.toInstant(), instant).toMinutes();
        return (int) Math.max(0, Math.min(Timeline.DAY, minutes));
    }
}
