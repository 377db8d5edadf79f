package org.doorstep.audit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Appends to the audit trail, inside the caller's transaction: an entry exists exactly when the
 * thing it records happened.
 */
@ApplicationScoped
public class AuditService {

    private final EntityManager em;
    private final Clock clock;

    public AuditService(EntityManager em, Clock clock) {
        this.em = em;
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        em.persist(new AuditEntry(clock.instant(), event));
    }
}
