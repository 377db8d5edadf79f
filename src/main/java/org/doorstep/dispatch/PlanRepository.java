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

    /** The town's plans still being solved (or waiting for a solver thread). */
    long solving(UUID townId, java.time.Instant now) {
        return count("townId = ?1 and status = ?2 and solveBy > ?3", townId, PlanApi.Status.SOLVING, now);
    }

    Optional<Plan> lockInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
