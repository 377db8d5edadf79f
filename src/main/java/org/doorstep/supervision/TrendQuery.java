package org.doorstep.supervision;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The trend: a range of days counted by the database in one statement, with the daily summary's
 * meanings. Booked, completed and the follow-up calls are grouped by the town-time day they happened
 * on. Overdue is what stood open and past its deadline at each day's end: every visit is open and
 * overdue over one run of days (from the day its deadline passed, or it was booked if later, to the day
 * before it closed), so a running sum of those runs' starts and ends counts every day at once instead
 * of testing each visit against each day.
 */
@ApplicationScoped
public class TrendQuery {

    private static final String TREND = """
            WITH days AS (
                SELECT CAST(d AS date) AS day
                FROM generate_series(CAST(:firstDay AS date), CAST(:lastDay AS date), interval '1 day') AS d
            ), booked AS (
                SELECT CAST(created_at AT TIME ZONE :zone AS date) AS day, count(*) AS n
                FROM visit
                WHERE town_id = :town AND created_at >= :from AND created_at < :to
                GROUP BY 1
            ), completed AS (
                SELECT CAST(e.recorded_at AT TIME ZONE :zone AS date) AS day, count(DISTINCT e.visit_id) AS n
                FROM visit_event e
                JOIN visit v ON v.id = e.visit_id AND v.town_id = :town
                WHERE e.type = 'COMPLETE' AND e.recorded_at >= :from AND e.recorded_at < :to
                GROUP BY 1
            ), calls AS (
                SELECT CAST(called_at AT TIME ZONE :zone AS date) AS day,
                       count(*) FILTER (WHERE reached) AS reached,
                       round(avg(satisfaction) FILTER (WHERE reached), 2) AS satisfaction
                FROM follow_up
                WHERE town_id = :town AND called_at >= :from AND called_at < :to
                GROUP BY 1
            ), runs AS (
                SELECT CAST(greatest(due_at, created_at) AT TIME ZONE :zone AS date) AS first_day,
                       CAST(closed_at AT TIME ZONE :zone AS date) - 1 AS last_day
                FROM visit
                WHERE town_id = :town AND due_at < :to AND created_at < :to
                  AND (closed_at IS NULL OR closed_at >= :firstEnd)
            ), steps AS (
                SELECT first_day AS day, 1 AS delta FROM runs WHERE last_day IS NULL OR last_day >= first_day
                UNION ALL
                SELECT last_day + 1, -1 FROM runs WHERE last_day >= first_day
            ), running AS (
                SELECT day, sum(sum(delta)) OVER (ORDER BY day) AS n
                FROM steps
                GROUP BY day
            )
            SELECT d.day, coalesce(b.n, 0), coalesce(c.n, 0),
                   coalesce((SELECT r.n FROM running r WHERE r.day <= d.day ORDER BY r.day DESC LIMIT 1), 0),
                   coalesce(f.reached, 0), f.satisfaction
            FROM days d
            LEFT JOIN booked b ON b.day = d.day
            LEFT JOIN completed c ON c.day = d.day
            LEFT JOIN calls f ON f.day = d.day
            ORDER BY d.day
            """;

    /** Open and past their deadline at one moment: today's count, while today lasts. */
    private static final String OVERDUE_NOW = """
            SELECT count(*) FROM visit
            WHERE town_id = :town AND created_at < :asOf AND due_at < :asOf AND (closed_at IS NULL OR closed_at >= :asOf)
            """;

    public record Day(LocalDate date, long booked, long completed, long overdue, long followUpsReached,
            BigDecimal averageSatisfaction) {
    }

    private final EntityManager em;

    public TrendQuery(EntityManager em) {
        this.em = em;
    }

    /**
     * The days from {@code firstDay} to {@code lastDay}; {@code from} and {@code to} bound them in time,
     * {@code firstEnd} is the first day's end, and the zone is the town's.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Day> days(UUID town, String zone, LocalDate firstDay, LocalDate lastDay, Instant from, Instant to,
            Instant firstEnd) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(TREND).setParameter("town", town).setParameter("zone", zone)
                .setParameter("firstDay", firstDay).setParameter("lastDay", lastDay).setParameter("from", from)
                .setParameter("to", to).setParameter("firstEnd", firstEnd).getResultList();
        return rows.stream().map(r -> new Day(toDate(r[0]), count(r[1]), count(r[2]), count(r[3]), count(r[4]),
                (BigDecimal) r[5])).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public long overdueAt(UUID town, Instant asOf) {
        return count(em.createNativeQuery(OVERDUE_NOW).setParameter("town", town).setParameter("asOf", asOf)
                .getSingleResult());
    }

    private static LocalDate toDate(Object value) {
        return value instanceof LocalDate d ? d : ((java.sql.Date) value).toLocalDate();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
