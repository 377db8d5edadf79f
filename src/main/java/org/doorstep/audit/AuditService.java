package org.doorstep.audit;

import java.time.Clock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.security.Caller;

/**
 * Appends to the audit trail, inside the caller's transaction: an entry exists exactly when the
 * thing it records happened. The database chains every entry to the one before (see
 * {@code V6__audit_chain.sql}) and refuses changes.
 */
@ApplicationScoped
public class AuditService {

    private final EntityManager em;
    private final AuditRepository entries;
    private final Clock clock;

    public AuditService(EntityManager em, AuditRepository entries, Clock clock) {
        this.em = em;
        this.entries = entries;
        this.clock = clock;
    }

    /** The caller's town's trail, newest first. */
    public Page<AuditEntry> trail(Caller caller, AuditRepository.Filter filter, PageRequest page) {
        return Page.of(entries.page(caller.townId(), filter, page), page, entries.count(caller.townId(), filter));
    }

    /**
     * Appends the entry. Appending locks the head of the chain until the transaction ends, so the
     * transaction's pending changes are written first: it then holds its row locks before it waits
     * for the head, and never waits for a row while holding the head.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        em.flush();
        em.persist(new AuditEntry(clock.instant(), event));
    }
}
