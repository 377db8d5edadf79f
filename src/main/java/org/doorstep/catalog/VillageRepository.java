package org.doorstep.catalog;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class VillageRepository implements PanacheRepositoryBase<Village, UUID> {

    public List<Village> pageOfTown(UUID townId, PageRequest page) {
        return find("townId", Sort.by("code").and("id"), townId).page(Page.of(page.page(), page.size())).list();
    }

    public long countInTown(UUID townId) {
        return count("townId", townId);
    }

    public Optional<Village> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }
}
