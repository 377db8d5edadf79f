package org.doorstep.supervision;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.catalog.CatalogService;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * The trend over a range of days: each day's booked, completed, overdue at its end and follow-up
 * satisfaction, as the daily summary counts them, in one query for the whole range.
 */
@ApplicationScoped
public class TrendService {

    /** The longest range a trend covers: a year, leap or not. */
    static final int MAX_DAYS = 366;
    /** The range when none is asked for: the last 30 days, today included. */
    static final int DEFAULT_DAYS = 30;

    private final TrendQuery query;
    private final DailySummaryQuery snapshot;
    private final CatalogService catalog;
    private final Clock clock;

    public TrendService(TrendQuery query, DailySummaryQuery snapshot, CatalogService catalog, Clock clock) {
        this.query = query;
        this.snapshot = snapshot;
        this.catalog = catalog;
        this.clock = clock;
    }

    @Transactional
    public TrendApi.Trend trend(Caller caller, LocalDate from, LocalDate to) {
        snapshot.oneSnapshot();
        ZoneId zone = catalog.town(caller.townId()).zone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate last = to == null ? today : to;
        LocalDate first = from == null ? last.minusDays(DEFAULT_DAYS - 1) : from;
        List<org.doorstep.shared.Problem.FieldError> errors = new ArrayList<>();
        if (last.isAfter(today)) {
            errors.add(new org.doorstep.shared.Problem.FieldError("to", "not-after-today", "must be today or earlier"));
        }
        if (first.isAfter(last)) {
            errors.add(new org.doorstep.shared.Problem.FieldError("from", "not-after-to", "must be on or before to"));
        } else if (ChronoUnit.DAYS.between(first, last) + 1 > MAX_DAYS) {
            errors.add(new org.doorstep.shared.Problem.FieldError("from", "range-days",
                    "must be at most " + MAX_DAYS + " days before to", java.util.Map.of("days", MAX_DAYS)));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        Instant start = first.atStartOfDay(zone).toInstant();
        Instant end = last.plusDays(1).atStartOfDay(zone).toInstant();
        List<TrendQuery.Day> days = query.days(caller.townId(), zone.getId(), first, last, start, end,
                first.plusDays(1).atStartOfDay(zone).toInstant());
        List<TrendApi.Day> out = new ArrayList<>(days.size());
        for (TrendQuery.Day d : days) {
            // While today lasts, its overdue work is what stands now, as in today's daily summary.
            long overdue = d.date().equals(today) ? query.overdueAt(caller.townId(), now) : d.overdue();
            out.add(new TrendApi.Day(d.date(), d.booked(), d.completed(), overdue, d.followUpsReached(),
                    d.averageSatisfaction()));
        }
        return new TrendApi.Trend(first, last, out);
    }
}
