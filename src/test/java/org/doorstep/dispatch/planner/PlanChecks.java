package org.doorstep.dispatch.planner;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Checks a proposal against the rules directly, without the solver's score or the timeline: each
 * visit in a covered village, inside a working window and its preferred part of the day, no
 * overlap, enough travel time between consecutive stops, the daily maximum, and every visit either
 * placed once or left out once.
 */
final class PlanChecks {

    private PlanChecks() {
    }

    static List<String> violations(List<PlanTeam> teams, List<PlanVisit> visits, Proposal proposal) {
        List<String> found = new ArrayList<>();
        Map<UUID, PlanTeam> byId = teams.stream().collect(Collectors.toMap(PlanTeam::id, Function.identity()));
        Map<UUID, PlanVisit> visitsById = visits.stream().collect(Collectors.toMap(PlanVisit::id, Function.identity()));
        Set<UUID> seen = new HashSet<>();
        for (Proposal.TeamRoute route : proposal.teams()) {
            PlanTeam team = byId.get(route.teamId());
            if (route.stops().size() > team.maxVisits()) {
                found.add(team.name() + " has " + route.stops().size() + " visits, more than " + team.maxVisits());
            }
            Timeline.Stop previous = null;
            for (Timeline.Stop stop : route.stops()) {
                if (!stop.fixed()) {
                    PlanVisit v = visitsById.get(stop.visitId());
                    if (!seen.add(v.id())) {
                        found.add(v + " placed twice");
                    }
                    if (!team.covers(v.village())) {
                        found.add(v + " is in a village " + team.name() + " does not cover");
                    }
                    if (stop.end() - stop.start() < v.durationMinutes()) {
                        found.add(v + " is too short");
                    }
                    if (stop.start() < v.earliest() || stop.end() > v.latest()) {
                        found.add(v + " is outside the preferred part of the day");
                    }
                    boolean inWindow = false;
                    for (int[] w : team.windows()) {
                        inWindow |= stop.start() >= w[0] && stop.end() <= w[1];
                    }
                    if (!inWindow) {
                        found.add(v + " at " + stop.start() + "–" + stop.end() + " is outside " + team.name() + "'s hours");
                    }
                }
                if (previous != null) {
                    int travel = SyntheticDays.travel().villages() == team.travel().villages()
                            ? team.travel().between(previous.village(), stop.village())
                            : 0;
                    if (stop.start() < previous.end() + travel) {
                        found.add(stop.ticket() + " starts " + stop.start() + ", before " + previous.ticket() + " ends "
                                + previous.end() + " plus " + travel + " minutes of travel");
                    }
                }
                previous = stop;
            }
        }
        for (Proposal.LeftOut left : proposal.unplaced()) {
            if (!seen.add(left.visit().id())) {
                found.add(left.visit() + " both placed and left out");
            }
        }
        if (seen.size() != visits.size()) {
            found.add((visits.size() - seen.size()) + " visits neither placed nor left out");
        }
        return found;
    }
}
