package org.doorstep.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.Village;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * The daily summary (一日一汇总): what happened in the caller's town on one day, and where the open
 * work stood when the day ended (or now, while it lasts).
 */
@ApplicationScoped
public class DailySummaryService {

    private final DailySummaryQuery query;
    private final CatalogService catalog;
    private final Clock clock;

    public DailySummaryService(DailySummaryQuery query, CatalogService catalog, Clock clock) {
        this.query = query;
        this.catalog = catalog;
        this.clock = clock;
    }

    /** The day's summary; today when no date is given. A day still to come has nothing to summarise: 400. */
    @Transactional
    public DailySummaryApi.Summary summary(Caller caller, LocalDate date) {
        query.oneSnapshot();
        ZoneId zone = catalog.town(caller.townId()).zone();
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate day = date == null ? today : date;
        if (day.isAfter(today)) {
            throw ProblemException.invalid("date", "not-after-today", "must be today or earlier");
        }
        Instant from = day.atStartOfDay(zone).toInstant();
        Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
        DailySummaryQuery.Window window = new DailySummaryQuery.Window(caller.townId(), from, to,
                to.isAfter(now) ? now : to);

        Map<UUID, DailySummaryQuery.Counts> byVillage = new HashMap<>();
        Map<UUID, DailySummaryQuery.Counts> byTeam = new HashMap<>();
        DailySummaryQuery.Counts total = null;
        for (DailySummaryQuery.Counts c : query.counts(window)) {
            switch (c.level()) {
                case "village" -> byVillage.put(c.villageId(), c);
                case "team" -> byTeam.put(c.teamId(), c);
                default -> total = c;
            }
        }
        DailySummaryQuery.Counts none = new DailySummaryQuery.Counts("none", null, null, 0, 0, 0, 0, 0, 0, 0, null, 0, 0,
                0, 0);
        DailySummaryQuery.Counts t = total == null ? none : total;

        List<DailySummaryApi.VillageRow> villages = catalog.villagesById(caller.townId()).values().stream()
                .sorted(Comparator.comparing(Village::code))
                .map(v -> villageRow(v, byVillage.getOrDefault(v.id(), none))).toList();

        List<DailySummaryApi.TeamRow> teams = new ArrayList<>();
        for (DailySummaryQuery.TeamName team : query.teams(caller.townId())) {
            DailySummaryQuery.Counts c = byTeam.get(team.id());
            if (team.active() || c != null) {
                teams.add(teamRow(team.id(), team.name(), c == null ? none : c));
            }
        }
        if (byTeam.containsKey(null)) {
            teams.add(teamRow(null, null, byTeam.get(null)));
        }

        List<DailySummaryApi.Overdue> overdue = query.overdue(window).stream().map(o -> {
            long hours = Duration.between(o.dueAt(), window.asOf()).toHours();
            return new DailySummaryApi.Overdue(o.id(), o.ticketNumber(), o.villageId(), o.villageName(), o.teamId(),
                    o.teamName(), o.status(), o.dueAt(), hours, hours / 24);
        }).toList();

        DailySummaryQuery.FollowUpCounts calls = query.followUps(window);
        return new DailySummaryApi.Summary(day, window.asOf(),
                new DailySummaryApi.Totals(t.booked(), t.scheduled(), t.completed(), t.failed(), t.cancelled(), t.open(),
                        t.overdue()),
                new DailySummaryApi.OpenByStatus(t.requested(), t.scheduledThen(), t.enRoute(), t.onSite()), villages,
                teams, overdue,
                new DailySummaryApi.FollowUps(calls.done(), calls.attempts(), calls.resolved(), calls.pending(),
                        calls.averageSatisfaction(), calls.satisfactionCounts()),
                t.medianHoursToComplete());
    }

    /** A summary written as a file. */
    public record File(String name, String mediaType, byte[] content) {
    }

    /** The same summary as CSV, with the times in town time. */
    @Transactional
    public File summaryCsv(Caller caller, LocalDate date) {
        DailySummaryApi.Summary summary = summary(caller, date);
        return new File(DailySummaryCsv.fileName(summary), DailySummaryCsv.MEDIA_TYPE,
                DailySummaryCsv.write(summary, catalog.town(caller.townId()).zone()));
    }

    private static DailySummaryApi.VillageRow villageRow(Village v, DailySummaryQuery.Counts c) {
        return new DailySummaryApi.VillageRow(v.id(), v.name(), c.booked(), c.scheduled(), c.completed(), c.failed(),
                c.cancelled(), c.open(), c.overdue(), c.medianHoursToComplete());
    }

    private static DailySummaryApi.TeamRow teamRow(UUID id, String name, DailySummaryQuery.Counts c) {
        return new DailySummaryApi.TeamRow(id, name, c.booked(), c.scheduled(), c.completed(), c.failed(), c.cancelled(),
                c.open(), c.overdue(), c.medianHoursToComplete());
    }
}
