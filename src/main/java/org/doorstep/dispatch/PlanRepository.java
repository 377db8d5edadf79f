package org.doorstep.dispatch;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    Optional<Plan> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    Optional<Plan> lockInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
