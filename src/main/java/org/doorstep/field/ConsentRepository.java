package org.doorstep.field;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class ConsentRepository implements PanacheRepositoryBase<Consent, UUID> {

    /** The consents in force (not withdrawn) of these visits. */
    List<Consent> ofVisits(java.util.Collection<UUID> visitIds) {
        return visitIds.isEmpty() ? List.of() : list("visitId in ?1 and withdrawnAt is null", visitIds);
    }

    /** A guardian who consented is no longer named on these visits (the resident's data was erased). */
    void forgetGuardians(java.util.Collection<UUID> visitIds, String erased) {
        if (!visitIds.isEmpty()) {
            update("guardianName = ?1 where visitId in ?2 and guardianName is not null", erased, visitIds);
        }
    }

    /** Marks the consents in force to this purpose on these visits withdrawn; returns how many. */
    int withdraw(java.util.Collection<UUID> visitIds, ConsentPurpose purpose, UUID by, java.time.Instant now) {
        return visitIds.isEmpty() ? 0
                : update("withdrawnAt = ?1, withdrawnBy = ?2 where visitId in ?3 and purpose = ?4"
                        + " and withdrawnAt is null", now, by, visitIds, purpose);
    }

    List<Consent> ofVisit(UUID visitId) {
        return list("visitId", Sort.by("recordedAt"), visitId);
    }

    Optional<Consent> find(UUID visitId, ConsentPurpose purpose) {
        return find("visitId = ?1 and purpose = ?2 and withdrawnAt is null", visitId, purpose).firstResultOptional();
    }
}
