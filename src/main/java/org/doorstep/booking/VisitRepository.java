package org.doorstep.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class VisitRepository implements PanacheRepositoryBase<Visit, UUID> {

    /** The filters of the visit list; null means "any". */
    public record Filter(Set<VisitStatus> statuses, LocalDate date, UUID villageId, UUID teamId, Boolean overdue,
            FollowUp followUp) {

        /**
         * Where the follow-up call (回访, the follow_up table of supervision) stands: PENDING, a closed
         * visit (COMPLETED, SUBMITTED or FAILED) whose resident no call has reached yet; DONE, one
         * whose resident was reached.
         */
        public enum FollowUp {
            PENDING,
            DONE
        }
    }

    Optional<Visit> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    Optional<Visit> findOpen(UUID residentId, UUID serviceTypeId) {
        return find("residentId = ?1 and serviceTypeId = ?2 and status in ?3", residentId, serviceTypeId,
                VisitStatus.OPEN).firstResultOptional();
    }

    List<Visit> page(UUID townId, Filter filter, Instant now, PageRequest page) {
        Query q = query(townId, filter, now);
        return find(q.where, Sort.by("preferredDate").and("ticketNumber"), q.params)
                .page(Page.of(page.page(), page.size())).list();
    }

    long count(UUID townId, Filter filter, Instant now) {
        Query q = query(townId, filter, now);
        return count(q.where, q.params);
    }

    List<Visit> scheduledBetween(UUID townId, Instant from, Instant to) {
        return list("townId = ?1 and teamId is not null and slotStart < ?3 and slotEnd > ?2 and status in ?4",
                Sort.by("slotStart"), townId, from, to, VisitStatus.HOLDING_A_SLOT);
    }

    List<Visit> unassigned(UUID townId, LocalDate day, LocalDate today, Instant now) {
        return list("townId = ?1 and status = ?2 and (preferredDate = ?3 or (preferredDate < ?3 and preferredDate < ?4)"
                + " or dueAt < ?5)", Sort.by("dueAt").and("ticketNumber"), townId, VisitStatus.REQUESTED, day, today, now);
    }

    /** A team's visits with a slot in [from, to) that are not cancelled, in slot order. */
    List<Visit> teamBetween(UUID townId, UUID teamId, Instant from, Instant to) {
        return list("townId = ?1 and teamId = ?2 and slotStart < ?4 and slotEnd > ?3 and status <> ?5",
                Sort.by("slotStart"), townId, teamId, from, to, VisitStatus.CANCELLED);
    }

    /**
     * What a team's tablets keep: its open visits, and those it closed since {@code closedSince} (for
     * late uploads and the day's record), in slot order; of the given ids only, when ids is not null.
     */
    List<Visit> keptByTeam(UUID townId, UUID teamId, Instant closedSince, java.util.Collection<UUID> ids) {
        String query = "townId = ?1 and teamId = ?2 and (status in ?3 or (status in ?4 and closedAt >= ?5))";
        if (ids == null) {
            return list(query, Sort.by("slotStart"), townId, teamId, VisitStatus.WITH_A_TEAM, VisitStatus.CLOSED,
                    closedSince);
        }
        if (ids.isEmpty()) {
            return List.of();
        }
        return list(query + " and id in ?6", Sort.by("slotStart"), townId, teamId, VisitStatus.WITH_A_TEAM,
                VisitStatus.CLOSED, closedSince, ids);
    }

    List<Visit> openWithProvisionalDeadlines() {
        return list("dueAtProvisional = true and status in ?1", VisitStatus.OPEN);
    }

    Optional<Visit> rebookingOf(UUID previousVisitId) {
        return find("previousVisitId", previousVisitId).firstResultOptional();
    }

    List<VisitEvent> events(UUID visitId) {
        return getEntityManager().createQuery("from VisitEvent where visitId = :v order by id", VisitEvent.class)
                .setParameter("v", visitId).getResultList();
    }

    /** Some of the town's visits, by id (those of another town are left out). */
    List<Visit> inTown(UUID townId, java.util.Collection<UUID> ids) {
        return ids.isEmpty() ? List.of() : list("townId = ?1 and id in ?2", townId, ids);
    }

    /** The visit, share-locked until the caller's transaction ends, and read again. */
    Optional<Visit> lockSharedInTown(UUID townId, UUID id) {
        Optional<Visit> visit = find("townId = ?1 and id = ?2", townId, id)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_READ).firstResultOptional();
        visit.ifPresent(getEntityManager()::refresh);
        return visit;
    }

    /** Locks the visit for the caller's transaction and reads it again, as another may have changed it. */
    /**
     * Locks the visit's row and re-reads it as it is once the lock is held. (Not {@code lock()} and then
     * {@code refresh()}: locking a loaded entity checks the version it was loaded with, so a request that
     * waited for another one's change to the same visit failed as a conflict instead of seeing it.)
     */
    void lock(Visit visit) {
        getEntityManager().refresh(visit, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    boolean hasEvent(UUID visitId, VisitAction action) {
        return getEntityManager().createQuery("select count(e) from VisitEvent e where e.visitId = ?1 and e.type = ?2",
                Long.class).setParameter(1, visitId).setParameter(2, action.name()).getSingleResult() > 0;
    }

    /** When the visit was completed (its last COMPLETE), or null. */
    Instant completedAt(UUID visitId) {
        return getEntityManager().createQuery("select max(e.recordedAt) from VisitEvent e where e.visitId = ?1"
                + " and e.type = 'COMPLETE'", Instant.class).setParameter(1, visitId).getSingleResult();
    }

    void persist(VisitEvent event) {
        getEntityManager().persist(event);
    }

    private record Query(String where, Map<String, Object> params) {
    }

    private static Query query(UUID townId, Filter filter, Instant now) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("townId = :town");
        params.put("town", townId);
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            where.add("status in :statuses");
            params.put("statuses", filter.statuses());
        }
        if (filter.date() != null) {
            where.add("preferredDate = :date");
            params.put("date", filter.date());
        }
        if (filter.villageId() != null) {
            where.add("villageId = :village");
            params.put("village", filter.villageId());
        }
        if (filter.teamId() != null) {
            where.add("teamId = :team");
            params.put("team", filter.teamId());
        }
        if (filter.overdue() != null) {
            where.add(filter.overdue() ? "(status in :open and dueAt < :now)" : "(status not in :open or dueAt >= :now)");
            params.put("open", VisitStatus.OPEN);
            params.put("now", now);
        }
        if (filter.followUp() != null) {
            where.add("status in :followUpDue and " + (filter.followUp() == Filter.FollowUp.PENDING ? "not " : "")
                    + "exists (from FollowUp f where f.visitId = this.id and f.reached = true)");
            params.put("followUpDue", VisitStatus.CLOSED);
        }
        return new Query(String.join(" and ", where), params);
    }
}
