package org.doorstep.dispatch;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the day planner. */
public final class PlanApi {

    private PlanApi() {
    }

    @Schema(name = "PlanRequest")
    public record Ask(@NotNull @Schema(examples = "2026-11-30") LocalDate date,
            @Min(1) @Max(120) @Schema(description = "How long to search, seconds (default 10)", examples = "10") Integer timeLimitSeconds,
            @Schema(description = "Also move visits already scheduled that day and not yet started (default false)") Boolean replanScheduled) {
    }

    @Schema(name = "PlanStatus")
    public enum Status {
        /** The solver is at work: ask again (GET) after Retry-After seconds. */
        SOLVING,
        /** The proposal is ready to look at and apply. */
        PROPOSED,
        /** The proposal has become assignments. */
        APPLIED,
        /** Solving failed or was interrupted: ask for a new plan. */
        FAILED
    }

    @Schema(name = "PlanStop", description = "One visit of a team's route; fixed ones stay where they are")
    public record Stop(UUID visitId, @Schema(examples = "YA-20261127-0007") String ticketNumber, UUID villageId,
            @Schema(examples = "心源村") String villageName, Instant start, Instant end,
            @Schema(description = "From the stop before, minutes (0 for the first)") int travelMinutesFromPrevious,
            @Schema(description = "Already scheduled and kept (started, or re-planning not asked for)") boolean fixed,
            @Schema(description = "Was scheduled elsewhere or at another time before this plan") boolean moved) {
    }

    @Schema(name = "PlanRoute")
    public record Route(UUID teamId, @Schema(examples = "永安一队") String teamName, int maxVisits, int visits,
            int travelMinutes, List<Stop> route) {
    }

    @Schema(name = "PlanLeftOut", description = "A visit the plan could not place, and why")
    public record LeftOut(UUID visitId, String ticketNumber, UUID villageId, String villageName,
            LeftOutReason reason,
            String detail,
            @Schema(description = "It was scheduled before; applying the plan unassigns it") boolean wasScheduled) {
    }

    /**
     * The planner's reasons, by name, as the contract lists them (the planner itself stays free of
     * the contract; a test keeps the two lists the same).
     */
    @Schema(name = "PlanLeftOutReason", description = "Why the plan leaves a visit out")
    public enum LeftOutReason {
        NO_TEAM_COVERS_VILLAGE,
        TEAMS_FULL,
        NO_TIME_LEFT
    }

    @Schema(name = "PlanScorePart", description = "One rule's share of the score")
    public record Part(@Schema(examples = "Travel time") String constraint,
            @Schema(examples = "0hard/0medium/-42soft") String score,
            int matches) {
    }

    @Schema(name = "PlanProposal")
    public record Proposal(List<Route> teams, List<LeftOut> unplaced,
            @Schema(description = "hard/medium/soft: hard 0 means no rule is broken; medium counts visits left out by"
                    + " urgency; soft is travel minutes and load balance", examples = "0hard/-25medium/-118soft") String score,
            boolean feasible, List<Part> explanation) {
    }

    @Schema(name = "PlanSummary", description = "A plan in a list: where it stands, without its routes")
    public record Summary(UUID id, LocalDate date, Status status, boolean replanScheduled, Instant requestedAt,
            Instant solvedAt, Instant appliedAt, @Schema(examples = "0hard/-25medium/-118soft") String score,
            @Schema(description = "Visits the proposal places (once PROPOSED)") Integer placed,
            @Schema(description = "Visits it leaves out (once PROPOSED)") Integer leftOut) {

        @Schema(name = "PlanPage")
        public static final class Paged extends org.doorstep.shared.openapi.PageSchema<Summary> {
        }
    }

    @Schema(name = "PlanProgress", description = "How far the solver has got: while SOLVING it grows as the best solution"
            + " improves; once solved, where it stopped")
    public record Progress(@Schema(description = "When a solver thread took the plan up") Instant startedAt,
            @Schema(description = "Seconds of solving so far (until it stopped, once solved)", examples = "3.5") double elapsedSeconds,
            @Schema(examples = "10") int timeLimitSeconds,
            @Schema(description = "Visits the plan is to place", examples = "12") int visitsToPlace,
            @Schema(description = "Visits the best solution so far places; absent until it has one", examples = "11") Integer visitsPlaced,
            @Schema(description = "The best solution's score so far (hard/medium/soft)", examples = "0hard/-20medium/-185soft") String bestScore,
            @Schema(description = "When the best solution so far was found") Instant bestFoundAt) {
    }

    @Schema(name = "Plan")
    public record View(UUID id, LocalDate date, Status status, boolean replanScheduled, int timeLimitSeconds,
            Instant requestedAt, Instant solvedAt, Instant appliedAt,
            @Schema(description = "Present once a solver has taken the plan up") Progress progress,
            @Schema(description = "Present once PROPOSED") Proposal proposal,
            @Schema(description = "Present when FAILED") String failure) {
    }
}
