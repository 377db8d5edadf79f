package org.doorstep.dispatch.planner;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.doorstep.dispatch.Travel;

/**
 * Made-up but realistic days for the planner: a town of twelve villages within about eight km,
 * teams working 08:30–12:00 and 14:30–17:30 covering overlapping groups of villages, and visits of
 * 30 to 60 minutes, half of them wanting a part of the day, some overdue. Seeded, so repeatable.
 */
final class SyntheticDays {

    static final double[][] VILLAGES = {
            { 28.2712, 113.8641 }, { 28.2835, 113.8519 }, { 28.2598, 113.8786 }, { 28.2950, 113.8702 },
            { 28.2481, 113.8455 }, { 28.2655, 113.8320 }, { 28.3021, 113.8433 }, { 28.2390, 113.8690 },
            { 28.2779, 113.8905 }, { 28.2544, 113.9012 }, { 28.2890, 113.9108 }, { 28.3105, 113.8850 } };

    private SyntheticDays() {
    }

    static TravelTimes travel() {
        int n = VILLAGES.length;
        int[][] minutes = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                minutes[i][j] = i == j ? 0
                        : Travel.minutes(VILLAGES[i][0], VILLAGES[i][1], VILLAGES[j][0], VILLAGES[j][1], 1.4, 30);
            }
        }
        return new TravelTimes(minutes);
    }

    static final int[][] HOURS = { { 8 * 60 + 30, 12 * 60 }, { 14 * 60 + 30, 17 * 60 + 30 } };

    /** {@code teams} teams, each covering a run of villages around the ring (neighbours overlap). */
    static List<PlanTeam> teams(int teams, int maxVisits, TravelTimes travel) {
        List<PlanTeam> list = new ArrayList<>();
        int n = VILLAGES.length;
        int span = Math.max(3, (n + teams - 1) / teams + 1);
        for (int t = 0; t < teams; t++) {
            boolean[] covers = new boolean[n];
            int first = t * n / teams;
            for (int k = 0; k < span; k++) {
                covers[(first + k) % n] = true;
            }
            list.add(new PlanTeam(new UUID(1, t + 1), "队" + (t + 1), covers, HOURS, List.of(), maxVisits, travel));
        }
        return list;
    }

    static List<PlanVisit> visits(int count, long seed) {
        Random random = new Random(seed);
        List<PlanVisit> list = new ArrayList<>();
        int[] durations = { 30, 30, 30, 40, 60 };
        for (int i = 0; i < count; i++) {
            int period = random.nextInt(4);
            int earliest = period == 1 ? 0 : period == 2 ? 12 * 60 : 0;
            int latest = period == 1 ? 12 * 60 : Timeline.DAY;
            int weight = random.nextInt(10) == 0 ? 120 : 30 - 5 * random.nextInt(6);
            list.add(new PlanVisit(new UUID(2, i + 1), "V" + (i + 1), random.nextInt(VILLAGES.length),
                    durations[random.nextInt(durations.length)], earliest, latest, weight, false));
        }
        return list;
    }
}
