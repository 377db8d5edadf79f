package org.doorstep.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Writes a revocation and has every instance apply it: this one when the transaction commits, the
 * others when PostgreSQL's NOTIFY reaches them.
 */
@ApplicationScoped
public class Revoker {

    private final EntityManager em;
    private final Event<RevocationRegistry.Revoked> revoked;
    private final RefreshRepository refresh;

    public Revoker(EntityManager em, Event<RevocationRegistry.Revoked> revoked, RefreshRepository refresh) {
        this.em = em;
        this.revoked = revoked;
        this.refresh = refresh;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    void revoke(TokenRevocation.Kind kind, UUID subject, String reason, Instant now) {
        em.persist(new TokenRevocation(kind, subject, now, reason));
        revoked.fire(new RevocationRegistry.Revoked(kind, subject, now));
        switch (kind) {
            case DEVICE -> refresh.liveFamiliesOfDevice(subject).forEach(f -> f.revoke(reason, now));
            case STAFF -> refresh.liveFamiliesOfStaff(subject).forEach(f -> f.revoke(reason, now));
            case SESSION -> {
                RefreshFamily family = refresh.lockFamily(subject);
                if (family != null) {
                    family.revoke(reason, now);
                }
            }
        }
    }
}
