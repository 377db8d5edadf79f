package org.doorstep.resident;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ResidentRepository implements PanacheRepositoryBase<Resident, UUID> {

    Optional<Resident> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    Optional<Resident> findByIdNumberIndex(UUID townId, byte[] index) {
        return find("townId = ?1 and idNumberIndex = ?2", townId, index).firstResultOptional();
    }

    List<Resident> findByPhoneIndex(UUID townId, byte[] index, int limit) {
        return find("townId = ?1 and phoneIndex = ?2", Sort.by("name").and("id"), townId, index).range(0, limit - 1).list();
    }
}
