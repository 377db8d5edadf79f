package org.doorstep.supervision;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;

import org.doorstep.booking.VisitStatus;

/**
 * The daily summary's numbers, counted by the database (GROUP BY, FILTER) over the visit tables:
 * no visit is loaded into memory. A day is [from, to) in town time; asOf is when the open work is
 * looked at (the end of the day, or now while it lasts).
 */
@ApplicationScoped
public class DailySummaryQuery {

    /** The status a visit had at asOf: that of its last event before then. */
    private static String statusThen(String visit) {
        return "(SELECT e.to_status FROM visit_event e WHERE e.visit_id = " + visit + ".id AND e.recorded_at < :asOf"
                + " ORDER BY e.recorded_at DESC, e.id DESC LIMIT 1)";
    }

    /** What one visit did on the day and where it stood at asOf, for the visits that matter to the day. */
    private static final String FACTS = """
            WITH day_events AS (
                SELECT e.visit_id,
                       bool_or(e.type = 'ASSIGN') AS scheduled,
                       min(e.recorded_at) FILTER (WHERE e.type = 'COMPLETE') AS completed_at,
                       bool_or(e.type = 'FAIL') AS failed,
                       bool_or(e.type = 'CANCEL') AS cancelled
                FROM visit_event e
                WHERE e.recorded_at >= :from AND e.recorded_at < :to AND e.type IN ('ASSIGN', 'COMPLETE', 'FAIL', 'CANCEL')
                GROUP BY e.visit_id
            ), candidates AS (
                SELECT visit_id AS id FROM day_events
                UNION
                SELECT id FROM visit WHERE town_id = :town AND created_at >= :from AND created_at < :to
                UNION
                SELECT id FROM visit WHERE town_id = :town AND closed_at IS NULL AND created_at < :asOf
                UNION
                SELECT id FROM visit WHERE town_id = :town AND closed_at >= :asOf AND created_at < :asOf
            ), facts AS (
                SELECT v.id, v.village_id, v.team_id, v.due_at,
                       v.created_at >= :from AND v.created_at < :to AS booked,
                       coalesce(d.scheduled, false) AS scheduled,
                       d.completed_at IS NOT NULL AS completed,
                       extract(epoch FROM d.completed_at - v.created_at) / 3600 AS hours_to_complete,
                       coalesce(d.failed, false) AS failed,
                       coalesce(d.cancelled, false) AS cancelled,
                       v.created_at < :asOf AND (v.closed_at IS NULL OR v.closed_at >= :asOf) AS open
                FROM candidates c
                JOIN visit v ON v.id = c.id AND v.town_id = :town
                LEFT JOIN day_events d ON d.visit_id = v.id
            ), stood AS (
                SELECT f.*, CASE WHEN f.open THEN %s END AS status_then
                FROM facts f
            )
            """.formatted(statusThen("f"));

    private static final String COUNTS = FACTS + """
            SELECT CASE WHEN GROUPING(village_id) = 0 THEN 'village' WHEN GROUPING(team_id) = 0 THEN 'team'
                        ELSE 'total' END AS level,
                   village_id, team_id,
                   count(*) FILTER (WHERE booked),
                   count(*) FILTER (WHERE scheduled),
                   count(*) FILTER (WHERE completed),
                   count(*) FILTER (WHERE failed),
                   count(*) FILTER (WHERE cancelled),
                   count(*) FILTER (WHERE open),
                   count(*) FILTER (WHERE open AND due_at < :asOf),
                   round(CAST(percentile_cont(0.5) WITHIN GROUP (ORDER BY hours_to_complete)
                         FILTER (WHERE completed) AS numeric), 1),
                   count(*) FILTER (WHERE status_then = 'REQUESTED'),
                   count(*) FILTER (WHERE status_then = 'SCHEDULED'),
                   count(*) FILTER (WHERE status_then = 'EN_ROUTE'),
                   count(*) FILTER (WHERE status_then = 'ON_SITE')
            FROM stood
            GROUP BY GROUPING SETS ((), (village_id), (team_id))
            """;

    /** The visits open at asOf and past their deadline then. */
    private static final String OVERDUE = """
            SELECT v.id, v.ticket_number, v.village_id, vi.name, v.team_id, t.name, %s, v.due_at
            FROM visit v
            JOIN village vi ON vi.id = v.village_id
            LEFT JOIN team t ON t.id = v.team_id
            WHERE v.town_id = :town AND v.created_at < :asOf AND (v.closed_at IS NULL OR v.closed_at >= :asOf)
              AND v.due_at < :asOf
            ORDER BY v.due_at, v.ticket_number
            """.formatted(statusThen("v"));

    private static final String FOLLOW_UPS = """
            SELECT count(*) FILTER (WHERE reached),
                   count(*),
                   count(*) FILTER (WHERE reached AND resolved),
                   round(avg(satisfaction) FILTER (WHERE reached), 2),
                   %s
            FROM follow_up
            WHERE town_id = :town AND called_at >= :from AND called_at < :to
            """.formatted(java.util.stream.IntStream.rangeClosed(1, 10)
            .mapToObj(n -> "count(*) FILTER (WHERE reached AND satisfaction = " + n + ")")
            .collect(java.util.stream.Collectors.joining(", ")));

    private static final String PENDING_FOLLOW_UPS = """
            SELECT count(*)
            FROM visit v
            WHERE v.town_id = :town AND v.status IN ('COMPLETED', 'SUBMITTED', 'FAILED') AND v.closed_at < :asOf
              AND NOT EXISTS (SELECT 1 FROM follow_up f
                              WHERE f.visit_id = v.id AND f.reached AND f.called_at < :asOf)
            """;

    private static final String TEAMS = "SELECT id, name, active FROM team WHERE town_id = :town ORDER BY created_at, name";

    /** The bounds of the day and the moment the open work is looked at. */
    public record Window(UUID townId, Instant from, Instant to, Instant asOf) {
    }

    /** One row of counts: the town's, a village's, a team's (teamId null: the visits with no team). */
    public record Counts(String level, UUID villageId, UUID teamId, long booked, long scheduled, long completed,
            long failed, long cancelled, long open, long overdue, BigDecimal medianHoursToComplete, long requested,
            long scheduledThen, long enRoute, long onSite) {
    }

    public record OverdueVisit(UUID id, String ticketNumber, UUID villageId, String villageName, UUID teamId,
            String teamName, VisitStatus status, Instant dueAt) {
    }

    public record FollowUpCounts(long done, long attempts, long resolved, long pending, BigDecimal averageSatisfaction,
            List<Long> satisfactionCounts) {
    }

    public record TeamName(UUID id, String name, boolean active) {
    }

    private final EntityManager em;

    public DailySummaryQuery(EntityManager em) {
        this.em = em;
    }

    /**
     * Makes the rest of the caller's transaction read one snapshot, so that the sections of a summary
     * agree with each other while visits go on changing. Must come before any other statement.
     * <p>
     * And without PostgreSQL's JIT compiler: the planner prices the status lookups per open visit
     * high enough to switch it on, and compiling took 70 to 120 ms for queries that run in 15 to 25
     * (docs/benchmarks.md).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void oneSnapshot() {
        em.createNativeQuery("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").executeUpdate();
        em.createNativeQuery("SET LOCAL jit = off").executeUpdate();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<Counts> counts(Window w) {
        return rows(bind(em.createNativeQuery(COUNTS), w)).stream()
                .map(r -> new Counts((String) r[0], uuid(r[1]), uuid(r[2]), count(r[3]), count(r[4]), count(r[5]),
                        count(r[6]), count(r[7]), count(r[8]), count(r[9]), (BigDecimal) r[10], count(r[11]),
                        count(r[12]), count(r[13]), count(r[14])))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<OverdueVisit> overdue(Window w) {
        return rows(em.createNativeQuery(OVERDUE).setParameter("town", w.townId()).setParameter("asOf", w.asOf())).stream()
                .map(r -> new OverdueVisit(uuid(r[0]), (String) r[1], uuid(r[2]), (String) r[3], uuid(r[4]),
                        (String) r[5], VisitStatus.valueOf((String) r[6]), instant(r[7])))
                .toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public FollowUpCounts followUps(Window w) {
        Object[] day = rows(em.createNativeQuery(FOLLOW_UPS).setParameter("town", w.townId()).setParameter("from", w.from())
                .setParameter("to", w.to())).get(0);
        long pending = count(em.createNativeQuery(PENDING_FOLLOW_UPS).setParameter("town", w.townId())
                .setParameter("asOf", w.asOf()).getSingleResult());
        List<Long> bySatisfaction = java.util.stream.IntStream.rangeClosed(4, 13).mapToObj(i -> count(day[i])).toList();
        return new FollowUpCounts(count(day[0]), count(day[1]), count(day[2]), pending, (BigDecimal) day[3],
                bySatisfaction);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<TeamName> teams(UUID townId) {
        return rows(em.createNativeQuery(TEAMS).setParameter("town", townId)).stream()
                .map(r -> new TeamName(uuid(r[0]), (String) r[1], (Boolean) r[2])).toList();
    }

    private static Query bind(Query query, Window w) {
        return query.setParameter("town", w.townId()).setParameter("from", w.from()).setParameter("to", w.to())
                .setParameter("asOf", w.asOf());
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> rows(Query query) {
        return query.getResultList();
    }

    private static long count(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }

    private static UUID uuid(Object value) {
        return value == null || value instanceof UUID ? (UUID) value : UUID.fromString(value.toString());
    }

    private static Instant instant(Object value) {
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof OffsetDateTime o) {
            return o.toInstant();
        }
        return ((Timestamp) value).toInstant();
    }
}
