package org.doorstep.supervision;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The daily summary as a spreadsheet opens it: UTF-8 with a byte order mark (without one, Excel
 * reads the file in the local code page and the village and team names come out garbled), RFC
 * 4180 quoting and CRLF line ends. The sections of the JSON follow each other, each with its own
 * header row and a blank row between them; the first column of every row names its section, so a
 * program (or a spreadsheet filter) can pick one out.
 */
final class DailySummaryCsv {

    static final String MEDIA_TYPE = "text/csv";

    private DailySummaryCsv() {
    }

    static String fileName(DailySummaryApi.Summary summary) {
        return "daily-" + summary.date() + ".csv";
    }

    static byte[] write(DailySummaryApi.Summary s, ZoneId zone) {
        StringWriter out = new StringWriter();
        out.write('\uFEFF');
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.RFC4180)) {
            csv.printRecord("section", "date", "asOf", "booked", "scheduled", "completed", "failed", "cancelled", "open",
                    "overdue", "medianHoursToComplete");
            DailySummaryApi.Totals t = s.totals();
            csv.printRecord("totals", s.date(), time(s.asOf(), zone), t.booked(), t.scheduled(), t.completed(),
                    t.failed(), t.cancelled(), t.open(), t.overdue(), number(s.medianHoursToComplete()));
            csv.println();

            csv.printRecord("section", "requested", "scheduled", "enRoute", "onSite");
            DailySummaryApi.OpenByStatus o = s.openByStatus();
            csv.printRecord("openByStatus", o.requested(), o.scheduled(), o.enRoute(), o.onSite());
            csv.println();

            rows(csv, "village", "villageId", s.byVillage());
            rows(csv, "team", "teamId", s.byTeam());

            csv.printRecord("section", "visitId", "ticketNumber", "villageName", "teamName", "status", "dueAt",
                    "hoursOverdue", "daysOverdue");
            for (DailySummaryApi.Overdue v : s.overdue()) {
                csv.printRecord("overdue", v.visitId(), v.ticketNumber(), text(v.villageName()), text(v.teamName()),
                        v.status(), time(v.dueAt(), zone), v.hoursOverdue(), v.daysOverdue());
            }
            csv.println();

            csv.printRecord("section", "done", "attempts", "resolved", "pending", "averageSatisfaction");
            DailySummaryApi.FollowUps f = s.followUps();
            csv.printRecord("followUps", f.done(), f.attempts(), f.resolved(), f.pending(),
                    number(f.averageSatisfaction()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void rows(CSVPrinter csv, String section, String id, List<? extends DailySummaryApi.Row> rows)
            throws IOException {
        csv.printRecord("section", id, "name", "booked", "scheduled", "completed", "failed", "cancelled", "open",
                "overdue", "medianHoursToComplete");
        for (DailySummaryApi.Row r : rows) {
            csv.printRecord(section, r.id(), text(r.name()), r.booked(), r.scheduled(), r.completed(), r.failed(),
                    r.cancelled(), r.open(), r.overdue(), number(r.medianHoursToComplete()));
        }
        csv.println();
    }

    private static String time(Instant instant, ZoneId zone) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, zone).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    }

    private static String number(BigDecimal value) {
        return value == null ? null : value.toPlainString();
    }

    /**
     * A name as text, never as a formula: a spreadsheet runs a cell that starts with = + - or @
     * (OWASP's CSV injection), so such a name gets a leading apostrophe, which it shows as text.
     */
    static String text(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }
}
