package org.doorstep.field;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    List<Consent> ofVisits(java.util.Collection<UUID> visitIds) {
        return visitIds.isEmpty() ? List.of() : list("visitId in ?1", visitIds);
    }

    List<Consent> ofVisit(UUID visitId) {
        return list("visitId", Sort.by("recordedAt"), visitId);
    }

    Optional<Consent> find(UUID visitId, ConsentPurpose purpose) {
        return find("visitId = ?1 and purpose = ?2", visitId, purpose).firstResultOptional();
    }
}
