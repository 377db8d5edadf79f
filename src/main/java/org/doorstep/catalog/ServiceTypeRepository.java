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
public class ServiceTypeRepository implements PanacheRepositoryBase<ServiceType, UUID> {

    public List<ServiceType> pageOfActiveInTown(UUID townId, PageRequest page) {
        return find("townId = ?1 and active = true", Sort.by("code"), townId)
                .page(Page.of(page.page(), page.size())).list();
    }

    public long countActiveInTown(UUID townId) {
        return count("townId = ?1 and active = true", townId);
    }

    public Optional<ServiceType> findByCode(UUID townId, String code) {
        return find("townId = ?1 and code = ?2", townId, code).firstResultOptional();
    }
}
