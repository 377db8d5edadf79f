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
        String scope = townId == null ? "townId is null" : "townId = :town";
        var query = getEntityManager()
                .createQuery("from PrivacyText where " + scope + " and purpose = :purpose order by version desc",
                        PrivacyText.class)
                .setParameter("purpose", purpose).setMaxResults(1);
        if (townId != null) {
            query.setParameter("town", townId);
        }
        return query.getResultStream().findFirst();
    }

    /** Every version that applied or applies to the town: its own and the county's, newest first. */
    List<PrivacyText> history(UUID townId, PrivacyTextPurpose purpose) {
        return list("(townId is null or townId = ?1) and purpose = ?2 order by publishedAt desc, version desc", townId,
                purpose);
    }

    /** Serialises publications in one scope, so two admins publishing at once get consecutive versions. */
    void lockScope(UUID townId, PrivacyTextPurpose purpose) {
        getEntityManager().createNativeQuery("SELECT pg_advisory_xact_lock(hashtext(?1))")
                .setParameter(1, "privacy_text:" + (townId == null ? "county" : townId) + ":" + purpose.name())
                .getSingleResult();
    }
}
