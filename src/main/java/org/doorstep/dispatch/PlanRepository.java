package org.doorstep.dispatch;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class PlanRepository implements PanacheRepositoryBase<Plan, UUID> {

    Optional<Plan> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    /** The town's plans, of one day when given, newest first. */
    List<Plan> page(UUID townId, LocalDate date, PageRequest page) {
        Sort newest = Sort.by("requestedAt").descending();
        return (date == null ? find("townId", newest, townId) : find("townId = ?1 and date = ?2", newest, townId, date))
                .page(page.page(), page.size()).list();
    }

    long count(UUID townId, LocalDate date) {
        return date == null ? count("townId", townId) : count("townId = ?1 and date = ?2", townId, date);
    }

    /** The town's plans still being solved (or waiting for a solver thread). */
    long solving(UUID townId, java.time.Instant now) {
        return count("townId = ?1 and status = ?2 and solveBy > ?3", townId, PlanApi.Status.SOLVING, now);
    }

    Optional<Plan> lockInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }
}
