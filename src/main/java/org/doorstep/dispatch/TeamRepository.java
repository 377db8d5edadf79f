package org.doorstep.dispatch;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class TeamRepository implements PanacheRepositoryBase<Team, UUID> {

    Optional<Team> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    List<Team> pageOfTown(UUID townId, PageRequest page) {
        return find("townId", Sort.by("name"), townId).page(Page.of(page.page(), page.size())).list();
    }

    List<Team> activeOfTown(UUID townId) {
        return list("townId = ?1 and active = true", Sort.by("name"), townId);
    }

    long countInTown(UUID townId) {
        return count("townId", townId);
    }

    boolean nameTaken(UUID townId, String name, UUID except) {
        return count("townId = ?1 and name = ?2 and id <> ?3", townId, name, except) > 0;
    }

    @SuppressWarnings("unchecked")
    List<UUID> villages(UUID teamId) {
        return getEntityManager()
                .createNativeQuery("SELECT village_id FROM team_village WHERE team_id = ?1 ORDER BY village_id",
                        UUID.class)
                .setParameter(1, teamId).getResultList();
    }

    void coverVillages(UUID townId, UUID teamId, List<UUID> villages) {
        getEntityManager().createNativeQuery("DELETE FROM team_village WHERE team_id = ?1").setParameter(1, teamId)
                .executeUpdate();
        for (UUID village : villages) {
            getEntityManager().createNativeQuery("INSERT INTO team_village (town_id, team_id, village_id) VALUES (?1, ?2, ?3)")
                    .setParameter(1, townId).setParameter(2, teamId).setParameter(3, village).executeUpdate();
        }
    }

    boolean covers(UUID teamId, UUID villageId) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM team_village WHERE team_id = ?1 AND village_id = ?2")
                .setParameter(1, teamId).setParameter(2, villageId).getResultList().isEmpty();
    }

    /** Villages covered and members of several teams, in two queries rather than two per team. */
    @SuppressWarnings("unchecked")
    java.util.Map<UUID, List<UUID>> villagesOf(java.util.Collection<UUID> teamIds) {
        return group(getEntityManager().createNativeQuery(
                "SELECT team_id, village_id FROM team_village WHERE team_id = ANY (?1) ORDER BY village_id")
                .setParameter(1, teamIds.toArray(UUID[]::new)).getResultList());
    }

    @SuppressWarnings("unchecked")
    java.util.Map<UUID, List<UUID>> membersOf(java.util.Collection<UUID> teamIds) {
        return group(getEntityManager().createNativeQuery(
                "SELECT team_id, id FROM staff WHERE team_id = ANY (?1) AND active ORDER BY username")
                .setParameter(1, teamIds.toArray(UUID[]::new)).getResultList());
    }

    private static java.util.Map<UUID, List<UUID>> group(List<Object[]> rows) {
        java.util.Map<UUID, List<UUID>> grouped = new java.util.HashMap<>();
        for (Object[] row : rows) {
            grouped.computeIfAbsent((UUID) row[0], k -> new java.util.ArrayList<>()).add((UUID) row[1]);
        }
        return grouped;
    }

    @SuppressWarnings("unchecked")
    List<UUID> members(UUID teamId) {
        return getEntityManager().createNativeQuery("SELECT id FROM staff WHERE team_id = ?1 AND active ORDER BY username",
                UUID.class).setParameter(1, teamId).getResultList();
    }
}
