package org.doorstep.supervision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.doorstep.booking.VisitStatus;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The daily summary (一日一汇总) as the API returns it. */
public final class DailySummaryApi {

    private DailySummaryApi() {
    }

    @Schema(name = "DailySummary", description = "One day of one town. booked, scheduled, completed, failed and cancelled"
            + " count what happened that day (town time); open, overdue and pending follow-ups count what stood at asOf")
    public record Summary(@Schema(examples = "2026-11-27") LocalDate date,
            @Schema(description = "When the day ends, or now while it has not ended: open, overdue and pending are counted"
                    + " as they stood then") Instant asOf,
            DailySummaryApi.Totals totals,
            @Schema(description = "The visits open at asOf by the status they had then") OpenByStatus openByStatus,
            @Schema(description = "Every village of the town, the same counts restricted to its visits") List<VillageRow> byVillage,
            @Schema(description = "Every team of the town, the same counts restricted to the visits it has now; the"
                    + " row without teamId counts the visits with no team") List<TeamRow> byTeam,
            @Schema(description = "Work orders open at asOf and past their deadline, the latest first") List<Overdue> overdue,
            FollowUps followUps,
            @Schema(description = "Median hours from booking to completion of the visits completed that day; absent when"
                    + " none was", examples = "26.5") BigDecimal medianHoursToComplete) {
    }

    @Schema(name = "DailyTotals")
    public record Totals(
            @Schema(description = "Visits booked that day") long booked,
            @Schema(description = "Visits given to a team that day (ASSIGN; each visit once, a change of slot is not"
                    + " counted again)") long scheduled,
            @Schema(description = "Visits completed that day (COMPLETE)") long completed,
            @Schema(description = "Visits failed that day (FAIL)") long failed,
            @Schema(description = "Visits cancelled that day (CANCEL)") long cancelled,
            @Schema(description = "Visits open at asOf (REQUESTED, SCHEDULED, EN_ROUTE, ON_SITE)") long open,
            @Schema(description = "Of the open ones, those past their deadline at asOf") long overdue) {
    }

    @Schema(name = "DailyOpenByStatus")
    public record OpenByStatus(long requested, long scheduled, long enRoute, long onSite) {
    }

    /** A row of byVillage or byTeam: the totals' counts for some of the visits. */
    public interface Row {
        UUID id();

        String name();

        long booked();

        long scheduled();

        long completed();

        long failed();

        long cancelled();

        long open();

        long overdue();

        BigDecimal medianHoursToComplete();
    }

    @Schema(name = "DailyVillageRow")
    public record VillageRow(UUID villageId, @Schema(examples = "心源村") String name, long booked, long scheduled,
            long completed, long failed, long cancelled, long open, long overdue,
            BigDecimal medianHoursToComplete) implements Row {

        @Override
        @com.fasterxml.jackson.annotation.JsonIgnore
        public UUID id() {
            return villageId;
        }
    }

    @Schema(name = "DailyTeamRow")
    public record TeamRow(@Schema(description = "Absent on the row of the visits with no team") UUID teamId,
            @Schema(examples = "永安一队") String name, long booked, long scheduled, long completed, long failed,
            long cancelled, long open, long overdue, BigDecimal medianHoursToComplete) implements Row {

        @Override
        @com.fasterxml.jackson.annotation.JsonIgnore
        public UUID id() {
            return teamId;
        }
    }

    @Schema(name = "DailyOverdue")
    public record Overdue(UUID visitId, @Schema(examples = "YA-20261120-0003") String ticketNumber, UUID villageId,
            @Schema(examples = "芙蓉村") String villageName, UUID teamId, @Schema(examples = "永安一队") String teamName,
            @Schema(description = "Its status at asOf") VisitStatus status, Instant dueAt,
            @Schema(description = "Whole hours past the deadline at asOf", examples = "30") long hoursOverdue,
            @Schema(description = "Whole days past the deadline at asOf", examples = "1") long daysOverdue) {
    }

    @Schema(name = "DailyFollowUps")
    public record FollowUps(
            @Schema(description = "Calls that reached the resident that day") long done,
            @Schema(description = "All calls that day, reached or not") long attempts,
            @Schema(description = "Of the calls that reached the resident that day, those where the matter is resolved") long resolved,
            @Schema(description = "Visits closed (COMPLETED, SUBMITTED, FAILED) by asOf whose resident no call had"
                    + " reached by then") long pending,
            @Schema(description = "Mean satisfaction (1 to 10) of the calls that reached the resident that day, to two"
                    + " places; absent when none did", examples = "8.75") BigDecimal averageSatisfaction,
            @Schema(description = "How many of those calls gave each satisfaction: ten counts, for 1 to 10", examples = "[0, 0, 0, 0, 0, 0, 1, 1, 2, 2]") List<Long> satisfactionCounts) {
    }
}
