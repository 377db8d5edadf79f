package org.doorstep.dispatch.planner;

import java.util.List;
import java.util.UUID;

/**
 * A planned day: per team its timed route (fixed visits included), the visits left out each with
 * why, and the score with its parts.
 */
public record Proposal(List<TeamRoute> teams, List<LeftOut> unplaced, String score, boolean feasible,
        List<ConstraintScore> explanation) {

    public record TeamRoute(UUID teamId, String teamName, List<Timeline.Stop> stops, int travelMinutes) {

        public int placed() {
            return (int) stops.stream().filter(s -> !s.fixed()).count();
        }
    }

    /** Why a visit was left out. */
    public enum Reason {
        /** No team working that day covers the visit's village. */
        NO_TEAM_COVERS_VILLAGE,
        /** Every team covering the village has reached its daily maximum. */
        TEAMS_FULL,
        /** No team covering the village has room left, with the travel, in the resident's preferred part of the day. */
        NO_TIME_LEFT
    }

    public record LeftOut(PlanVisit visit, Reason reason) {
    }

    /** One constraint's share of the score and how many teams (or lists) it was counted on. */
    public record ConstraintScore(String constraint, String score, int matches) {
    }

    public int placed() {
        return teams.stream().mapToInt(TeamRoute::placed).sum();
    }

    public int travelMinutes() {
        return teams.stream().mapToInt(TeamRoute::travelMinutes).sum();
    }
}
