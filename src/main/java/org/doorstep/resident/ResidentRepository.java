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

    /** The resident whose ID number index is one of these (one value's indexes under the configured keys). */
    Optional<Resident> findByIdNumberIndex(UUID townId, List<byte[]> indexes) {
        return find("townId = ?1 and idNumberIndex in ?2", townId, indexes).firstResultOptional();
    }

    List<Resident> findByPhoneIndex(UUID townId, List<byte[]> indexes, int limit) {
        return find("townId = ?1 and phoneIndex in ?2", Sort.by("name").and("id"), townId, indexes).range(0, limit - 1)
                .list();
    }
}
