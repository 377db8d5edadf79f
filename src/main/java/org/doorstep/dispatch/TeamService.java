package org.doorstep.dispatch;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogProblem;
import org.doorstep.catalog.CatalogService;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/** The town's field teams: which villages each covers, when it works, and how much it can take a day. */
@ApplicationScoped
public class TeamService {

    private final TeamRepository teams;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;

    public TeamService(TeamRepository teams, CatalogService catalog, AuditService audit, Clock clock) {
        this.teams = teams;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    public record Definition(String name, List<UUID> villageIds, List<WorkingHours> hours, Integer maxVisitsPerDay,
            Boolean active) {
    }

    /** A team with the things kept beside its row. */
    public record Details(Team team, List<UUID> villageIds, List<UUID> memberIds) {
    }

    @Transactional
    public Details create(Caller caller, Definition d) {
        String name = d.name().strip();
        if (teams.nameTaken(caller.townId(), name, new UUID(0, 0))) {
            throw DispatchProblem.TEAM_NAME_TAKEN.exception("Your town has a team called " + name);
        }
        Team team = new Team(caller.townId(), name, d.maxVisitsPerDay() == null ? 8 : d.maxVisitsPerDay(),
                checkedHours(d.hours()), clock.instant());
        teams.persist(team);
        teams.coverVillages(caller.townId(), team.id(), checkedVillages(caller.townId(), d.villageIds()));
        audit.record(AuditEvent.of(AuditAction.TEAM_CREATED).town(caller.townId()).actor(caller.staffId(), caller.username())
                .target("team", team.id()));
        return details(team);
    }

    public Page<Details> list(Caller caller, PageRequest page) {
        List<Team> found = teams.pageOfTown(caller.townId(), page);
        List<UUID> ids = found.stream().map(Team::id).toList();
        java.util.Map<UUID, List<UUID>> villages = teams.villagesOf(ids);
        java.util.Map<UUID, List<UUID>> members = teams.membersOf(ids);
        return Page.of(found.stream().map(t -> new Details(t, villages.getOrDefault(t.id(), List.of()),
                members.getOrDefault(t.id(), List.of()))).toList(), page, teams.countInTown(caller.townId()));
    }

    public Details get(Caller caller, UUID id) {
        return details(team(caller.townId(), id));
    }

    @Transactional
    public Details update(Caller caller, UUID id, String ifMatch, Definition d) {
        Team team = team(caller.townId(), id);
        teams.getEntityManager().refresh(team, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        ETags.require(ifMatch, team.version());
        Instant now = clock.instant();
        if (d.name() != null) {
            String name = d.name().strip();
            if (teams.nameTaken(caller.townId(), name, team.id())) {
                throw DispatchProblem.TEAM_NAME_TAKEN.exception("Your town has a team called " + name);
            }
            team.rename(name, now);
        }
        if (d.maxVisitsPerDay() != null) {
            team.limit(d.maxVisitsPerDay(), now);
        }
        if (d.hours() != null) {
            team.workDuring(checkedHours(d.hours()), now);
        }
        if (d.active() != null) {
            team.activate(d.active(), now);
        }
        if (d.villageIds() != null) {
            teams.coverVillages(caller.townId(), team.id(), checkedVillages(caller.townId(), d.villageIds()));
            team.changed(now);
        }
        teams.flush();
        audit.record(AuditEvent.of(AuditAction.TEAM_UPDATED).town(caller.townId()).actor(caller.staffId(), caller.username())
                .target("team", team.id()));
        return details(team);
    }

    Team team(UUID townId, UUID id) {
        return teams.findInTown(townId, id).orElseThrow(() -> ProblemException.notFound("Team"));
    }

    List<Team> activeTeams(UUID townId) {
        return teams.activeOfTown(townId);
    }

    List<UUID> villagesOf(Team team) {
        return teams.villages(team.id());
    }

    boolean covers(Team team, UUID villageId) {
        return teams.covers(team.id(), villageId);
    }

    private Details details(Team team) {
        return new Details(team, teams.villages(team.id()), teams.members(team.id()));
    }

    private List<UUID> checkedVillages(UUID townId, List<UUID> villageIds) {
        List<UUID> unique = new ArrayList<>(new LinkedHashSet<>(villageIds == null ? List.of() : villageIds));
        for (UUID village : unique) {
            if (catalog.village(townId, village).isEmpty()) {
                throw CatalogProblem.UNKNOWN_VILLAGE.exception("The village " + village
                        + " is not a village of your town");
            }
        }
        return unique;
    }

    /** Ranges of one weekday may not overlap (the database checks it too). */
    private static List<WorkingHours> checkedHours(List<WorkingHours> hours) {
        List<WorkingHours> sorted = new ArrayList<>(hours == null ? List.of() : hours);
        sorted.sort(Comparator.comparingInt(WorkingHours::weekday).thenComparing(WorkingHours::starts));
        for (int i = 0; i < sorted.size(); i++) {
            WorkingHours h = sorted.get(i);
            if (!h.ends().isAfter(h.starts())) {
                throw ProblemException.invalid("hours[" + i + "]", "ends-before-start", "must end after it starts");
            }
            if (i > 0 && sorted.get(i - 1).weekday() == h.weekday() && sorted.get(i - 1).ends().isAfter(h.starts())) {
                throw DispatchProblem.OVERLAPPING_HOURS.exception("Two ranges of weekday " + h.weekday() + " overlap");
            }
        }
        return sorted;
    }
}
