package org.doorstep.dispatch.planner;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * When each visit of a team's ordered list happens: every visit starts as early as it can after the
 * one before it and the travel from there, on a five-minute grid, inside one of the team's working
 * windows and the resident's preferred part of the day, and clear of the team's fixed visits with
 * the travel to and from them. A visit that cannot be fitted is reported, and the next one is timed
 * as if it were not there. So a route is feasible by construction, except for the visits it reports.
 */
public final class Timeline {

    /** Minutes in a day. */
    public static final int DAY = 24 * 60;
    /** Starts fall on this grid, in minutes. */
    public static final int GRID = 5;

    private Timeline() {
    }

    /** A stop of a route; {@code visitId} and {@code ticket} are those of a fixed block when {@code fixed}. */
    public record Stop(UUID visitId, String ticket, PlanVisit visit, int village, int start, int end,
            int travelFromPrevious, boolean fixed) {
    }

    /**
     * The timed route: the stops in time order, the fixed blocks among them; the visits that did not
     * fit; how many visits lie in villages the team does not cover; the total travel between stops.
     */
    public record Route(List<Stop> stops, List<PlanVisit> unfit, int uncovered, int travelMinutes) {

        public int placed() {
            return (int) stops.stream().filter(s -> !s.fixed()).count();
        }
    }

    public static Route route(PlanTeam team, List<PlanVisit> visits) {
        if (team.isHolding()) {
            return new Route(List.of(), List.of(), 0, 0);
        }
        TravelTimes travel = team.travel();
        List<Stop> placed = new ArrayList<>();
        List<PlanVisit> unfit = new ArrayList<>();
        int uncovered = 0;
        int previousEnd = 0;
        int previousVillage = -1;
        for (PlanVisit v : visits) {
            if (!team.covers(v.village())) {
                uncovered++;
            }
            int earliest = previousVillage < 0 ? 0 : previousEnd + travel.between(previousVillage, v.village());
            int start = fit(team, v, earliest);
            if (start < 0) {
                unfit.add(v);
                continue;
            }
            placed.add(new Stop(v.id(), v.ticket(), v, v.village(), start, start + v.durationMinutes(), 0, false));
            previousEnd = start + v.durationMinutes();
            previousVillage = v.village();
        }
        for (Block b : team.fixed()) {
            placed.add(new Stop(b.visitId(), b.ticket(), null, b.village(), b.start(), b.end(), 0, true));
        }
        placed.sort(Comparator.comparingInt(Stop::start));
        List<Stop> stops = new ArrayList<>(placed.size());
        int total = 0;
        for (int i = 0; i < placed.size(); i++) {
            Stop s = placed.get(i);
            int minutes = i == 0 ? 0 : travel.between(placed.get(i - 1).village(), s.village());
            total += minutes;
            stops.add(new Stop(s.visitId(), s.ticket(), s.visit(), s.village(), s.start(), s.end(), minutes, s.fixed()));
        }
        return new Route(List.copyOf(stops), List.copyOf(unfit), uncovered, total);
    }

    /**
     * The earliest start at or after {@code earliest} for the visit in the team's day, or -1 when there
     * is none.
     */
    static int fit(PlanTeam team, PlanVisit v, int earliest) {
        int d = v.durationMinutes();
        int s = gridUp(Math.max(earliest, v.earliest()));
        TravelTimes travel = team.travel();
        while (true) {
            s = inWindow(team.windows(), s, d);
            if (s < 0 || s + d > v.latest()) {
                return -1;
            }
            int pushed = s;
            for (Block b : team.fixed()) {
                boolean doneBefore = s + d + travel.between(v.village(), b.village()) <= b.start();
                int readyAfter = b.end() + travel.between(b.village(), v.village());
                if (!doneBefore && s < readyAfter) {
                    pushed = gridUp(readyAfter);
                    break;
                }
            }
            if (pushed == s) {
                return s;
            }
            s = pushed;
        }
    }

    /** The first start at or after {@code s} on the grid where {@code d} minutes fit in one window. */
    private static int inWindow(int[][] windows, int s, int d) {
        for (int[] w : windows) {
            int start = gridUp(Math.max(s, w[0]));
            if (start + d <= w[1]) {
                return start;
            }
        }
        return -1;
    }

    static int gridUp(int minute) {
        return Math.floorDiv(minute + GRID - 1, GRID) * GRID;
    }
}
