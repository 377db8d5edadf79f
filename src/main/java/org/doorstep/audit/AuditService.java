package org.doorstep.audit;

import java.time.Clock;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Appends to the audit trail, inside the caller's transaction: an entry exists exactly when the
 * thing it records happened. The database chains every entry to the one before (see
 * {@code V6__audit_chain.sql}) and refuses changes; {@link #verify} checks the chain.
 */
@ApplicationScoped
public class AuditService {

    /** Entries read per query while verifying: the walk holds one page at a time. */
    static final int VERIFY_PAGE = 500;

    private final EntityManager em;
    private final AuditRepository entries;
    private final Clock clock;

    public AuditService(EntityManager em, AuditRepository entries, Clock clock) {
        this.em = em;
        this.entries = entries;
        this.clock = clock;
    }

    /** The caller's town's trail, newest first; a county admin's includes the county-wide entries. */
    public Page<AuditEntry> trail(Caller caller, AuditRepository.Filter filter, PageRequest page) {
        boolean countyWide = caller.roles().contains(Roles.COUNTY_ADMIN);
        return Page.of(entries.page(caller.townId(), countyWide, filter, page), page,
                entries.count(caller.townId(), countyWide, filter));
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

    /**
     * Walks the whole chain (every town's entries: it is one chain) in pages, recomputing each hash,
     * and records that it was checked.
     */
    public AuditChain.Verdict verify(Caller admin) {
        AuditChain.Verdict verdict = AuditChain.check(entries::chainAfter, VERIFY_PAGE);
        AuditEvent checked = AuditEvent.of("AUDIT_CHAIN_VERIFIED").town(admin.townId())
                .actor(admin.staffId(), admin.username()).device(admin.deviceId().orElse(null))
                .detail("valid", verdict.valid()).detail("entries", verdict.entries())
                .detail("head", HexFormat.of().formatHex(verdict.head()));
        AuditEvent recorded = verdict.valid() ? checked
                : checked.detail("firstBrokenId", verdict.firstBrokenId()).detail("reason", verdict.reason());
        QuarkusTransaction.requiringNew().run(() -> record(recorded));
        return verdict;
    }
}
