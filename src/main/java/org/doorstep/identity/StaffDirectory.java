package org.doorstep.identity;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The names people read beside the ids other features keep: who did it, on which tablet, which team.
 * One query per kind for a whole page, always within one town.
 */
@ApplicationScoped
public class StaffDirectory {

    private final EntityManager em;

    public StaffDirectory(EntityManager em) {
        this.em = em;
    }

    /** Staff members' display names. */
    public Map<UUID, String> staffNames(UUID townId, Collection<UUID> ids) {
        return names("SELECT id, display_name FROM staff WHERE town_id = ?1 AND id = ANY (?2)", townId, ids);
    }

    /** Tablets' labels. */
    public Map<UUID, String> deviceLabels(UUID townId, Collection<UUID> ids) {
        return names("SELECT id, label FROM device WHERE town_id = ?1 AND id = ANY (?2)", townId, ids);
    }

    /** Field teams' names. */
    public Map<UUID, String> teamNames(UUID townId, Collection<UUID> ids) {
        return names("SELECT id, name FROM team WHERE town_id = ?1 AND id = ANY (?2)", townId, ids);
    }

    private Map<UUID, String> names(String sql, UUID townId, Collection<UUID> ids) {
        UUID[] wanted = ids.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
        Map<UUID, String> names = new HashMap<>();
        if (wanted.length == 0) {
            return names;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(sql).setParameter(1, townId).setParameter(2, wanted).getResultList();
        for (Object[] row : rows) {
            names.put((UUID) row[0], (String) row[1]);
        }
        return names;
    }
}
