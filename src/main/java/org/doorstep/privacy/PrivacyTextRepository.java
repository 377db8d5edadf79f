package org.doorstep.privacy;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class PrivacyTextRepository implements PanacheRepositoryBase<PrivacyText, UUID> {

    /** The latest version in a scope: a town's own wording, or the county's when {@code townId} is null. */
    Optional<PrivacyText> latest(UUID townId, PrivacyTextPurpose purpose) {
        return inScope(townId, purpose, 1).stream().findFirst();
    }

    /** Every version in a scope, newest first: a town's own wording, or the county's when {@code townId} is null. */
    List<PrivacyText> inScope(UUID townId, PrivacyTextPurpose purpose) {
        return inScope(townId, purpose, Integer.MAX_VALUE);
    }

    private List<PrivacyText> inScope(UUID townId, PrivacyTextPurpose purpose, int limit) {
        String scope = townId == null ? "townId is null" : "townId = :town";
        var query = getEntityManager()
                .createQuery("from PrivacyText where " + scope + " and purpose = :purpose order by version desc",
                        PrivacyText.class)
                .setParameter("purpose", purpose).setMaxResults(limit);
        if (townId != null) {
            query.setParameter("town", townId);
        }
        return query.getResultList();
    }

    /**
     * Every version that applied or applies to the town, newest first: its own, and the county's published before
     * the town's first own one (later county versions never applied to it).
     */
    List<PrivacyText> history(UUID townId, PrivacyTextPurpose purpose) {
        return list("from PrivacyText t where t.purpose = ?2 and (t.townId = ?1 or (t.townId is null and not exists"
                + " (from PrivacyText o where o.townId = ?1 and o.purpose = ?2 and o.publishedAt <= t.publishedAt)))"
                + " order by t.publishedAt desc, t.version desc", townId, purpose);
    }

    /** Serialises publications in one scope, so two admins publishing at once get consecutive versions. */
    void lockScope(UUID townId, PrivacyTextPurpose purpose) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "privacy_text:" + (townId == null ? "county" : townId) + ":" + purpose.name())
                .getSingleResult();
    }
}
