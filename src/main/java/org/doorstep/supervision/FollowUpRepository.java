package org.doorstep.supervision;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class FollowUpRepository implements PanacheRepositoryBase<FollowUp, UUID> {

    /** The call that reached the resident, if one did. */
    Optional<FollowUp> reachedFor(UUID visitId) {
        return find("visitId = ?1 and reached = true", visitId).firstResultOptional();
    }

    Optional<FollowUp> findOf(UUID townId, UUID visitId, UUID id) {
        return find("townId = ?1 and visitId = ?2 and id = ?3", townId, visitId, id).firstResultOptional();
    }

    /** A visit's calls, oldest first. */
    List<FollowUp> pageOf(UUID townId, UUID visitId, PageRequest page) {
        return find("townId = ?1 and visitId = ?2", Sort.by("calledAt").and("id"), townId, visitId)
                .page(Page.of(page.page(), page.size())).list();
    }

    long countOf(UUID townId, UUID visitId) {
        return count("townId = ?1 and visitId = ?2", townId, visitId);
    }

    /** The follow-up calls of these visits keep no comment (it may name the person). */
    void forgetComments(java.util.Collection<UUID> visitIds) {
        if (!visitIds.isEmpty()) {
            update("comment = null where visitId in ?1", visitIds);
        }
    }
}
