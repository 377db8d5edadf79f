package org.doorstep.privacy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class RightsRequestRepository implements PanacheRepositoryBase<RightsRequest, UUID> {

    Optional<RightsRequest> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    /** Open ones by deadline (the overdue first), or closed ones latest first; all when status is null. */
    List<RightsRequest> page(UUID townId, RightsRequestStatus status, PageRequest page) {
        String order = " order by closedAt desc nulls first, dueAt, id";
        var query = status == null ? find("townId = ?1" + order, townId)
                : find("townId = ?1 and status = ?2" + order, townId, status);
        return query.page(page.page(), page.size()).list();
    }

    long count(UUID townId, RightsRequestStatus status) {
        return status == null ? count("townId", townId) : count("townId = ?1 and status = ?2", townId, status);
    }

    List<RightsRequest> ofResident(UUID townId, UUID residentId) {
        return list("townId = ?1 and residentId = ?2 order by receivedAt desc", townId, residentId);
    }
}
