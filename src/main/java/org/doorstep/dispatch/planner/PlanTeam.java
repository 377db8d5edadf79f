package org.doorstep.dispatch.planner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import org.optaplanner.core.api.domain.entity.PlanningEntity;
import org.optaplanner.core.api.domain.lookup.PlanningId;
import org.optaplanner.core.api.domain.variable.PlanningListVariable;

/**
 * A team's day as the solver sees it: the villages it covers, its working windows (minutes of the
 * day, lunch break between them), the visits it keeps, how many more it may take, and the ordered
 * list of visits the solver gives it. One extra "team", the holding list, collects the visits the
 * plan leaves out: OptaPlanner's list variable places every value somewhere.
 */
@PlanningEntity
public class PlanTeam {

    /** The id of the holding list for visits left out. */
    public static final UUID UNPLACED = new UUID(0, 0);

    @PlanningId
    private UUID id;
    private String name;
    private boolean[] covers;
    private int[][] windows;
    private List<Block> fixed;
    private int maxVisits;
    private TravelTimes travel;

    @PlanningListVariable(valueRangeProviderRefs = "visits")
    private List<PlanVisit> visits = new ArrayList<>();

    private transient List<PlanVisit> timedFor;
    private transient Timeline.Route timed;

    PlanTeam() {
    }

    /**
     * @param covers by village index, whether the team goes there
     * @param windows sorted, disjoint {@code [start, end)} ranges of minutes of the day it works
     * @param fixed visits it keeps, in any order
     * @param maxVisits the most visits it makes that day, the fixed ones included
     */
    public PlanTeam(UUID id, String name, boolean[] covers, int[][] windows, List<Block> fixed, int maxVisits,
            TravelTimes travel) {
        this.id = id;
        this.name = name;
        this.covers = covers.clone();
        this.windows = Arrays.stream(windows).map(int[]::clone).sorted(Comparator.comparingInt(w -> w[0]))
                .toArray(int[][]::new);
        this.fixed = fixed.stream().sorted(Comparator.comparingInt(Block::start)).toList();
        this.maxVisits = maxVisits;
        this.travel = travel;
    }

    /** The holding list for visits the plan leaves out. */
    public static PlanTeam unplaced() {
        PlanTeam holding = new PlanTeam();
        holding.id = UNPLACED;
        holding.name = "unplaced";
        holding.covers = new boolean[0];
        holding.windows = new int[0][];
        holding.fixed = List.of();
        return holding;
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public boolean isHolding() {
        return UNPLACED.equals(id);
    }

    public boolean covers(int village) {
        return village < covers.length && covers[village];
    }

    public int[][] windows() {
        return windows;
    }

    public List<Block> fixed() {
        return fixed;
    }

    public int maxVisits() {
        return maxVisits;
    }

    TravelTimes travel() {
        return travel;
    }

    public List<PlanVisit> visits() {
        return visits;
    }

    /** Visits over the team's daily maximum, the fixed ones counted. */
    public int overMaximum() {
        return isHolding() ? 0 : Math.max(0, visits.size() + fixed.size() - maxVisits);
    }

    /** The sum of what the visits in this list cost when left out (only the holding list's counts). */
    public long unplacedWeight() {
        long sum = 0;
        for (PlanVisit v : visits) {
            sum += v.unplacedWeight();
        }
        return sum;
    }

    /** The timed route of the current list, remembered until the list changes. */
    public Timeline.Route route() {
        if (timed == null || !sameVisits(timedFor, visits)) {
            timed = Timeline.route(this, visits);
            timedFor = List.copyOf(visits);
        }
        return timed;
    }

    private static boolean sameVisits(List<PlanVisit> a, List<PlanVisit> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return name;
    }
}
