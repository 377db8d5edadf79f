package org.doorstep.supervision;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The trend over a range of days as the API returns it. */
public final class TrendApi {

    private TrendApi() {
    }

    @Schema(name = "Trend", description = "Each day of the range, oldest first, counted as the daily summary counts it")
    public record Trend(@Schema(examples = "2026-11-07") LocalDate from, @Schema(examples = "2026-12-06") LocalDate to,
            List<Day> days) {
    }

    @Schema(name = "TrendDay")
    public record Day(@Schema(examples = "2026-11-27") LocalDate date,
            @Schema(description = "Visits booked that day", examples = "14") long booked,
            @Schema(description = "Visits completed that day (COMPLETE)", examples = "9") long completed,
            @Schema(description = "Visits open and past their deadline when the day ended (now, for today)", examples = "2") long overdue,
            @Schema(description = "Follow-up calls that reached the resident that day", examples = "6") long followUpsReached,
            @Schema(description = "Their mean satisfaction (1 to 10), to two places; absent when none did", examples = "8.75") BigDecimal averageSatisfaction) {
    }
}
