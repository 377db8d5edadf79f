package org.doorstep.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<Staff, UUID> {

    public Optional<Staff> findByUsername(String username) {
        return find("lower(username) = ?1", username.toLowerCase(java.util.Locale.ROOT)).firstResultOptional();
    }

    public Optional<Staff> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    public List<Staff> pageOfTown(UUID townId, PageRequest page) {
        return find("townId", Sort.by("username"), townId).page(Page.of(page.page(), page.size())).list();
    }

    public long countInTown(UUID townId) {
        return count("townId", townId);
    }

    public long countActiveAdmins() {
        return ((Number) getEntityManager()
                .createNativeQuery("SELECT count(*) FROM staff WHERE active AND 'admin' = ANY (roles)")
                .getSingleResult()).longValue();
    }

    public String teamName(UUID teamId) {
        return (String) getEntityManager().createNativeQuery("SELECT name FROM team WHERE id = ?1")
                .setParameter(1, teamId).getResultStream().findFirst().orElse(null);
    }

    public boolean teamInTown(UUID townId, UUID teamId) {
        return !getEntityManager().createNativeQuery("SELECT 1 FROM team WHERE town_id = ?1 AND id = ?2")
                .setParameter(1, townId).setParameter(2, teamId).getResultList().isEmpty();
    }
}
