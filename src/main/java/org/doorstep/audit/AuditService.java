package org.doorstep.audit;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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
    private final Duration checkInterval;
    /** One walk at a time on this instance: a walk reads the whole trail. */
    private final Semaphore walking = new Semaphore(1);
    private final Map<UUID, Instant> lastCheck = new ConcurrentHashMap<>();

    public AuditService(EntityManager em, AuditRepository entries, Clock clock,
            @ConfigProperty(name = "doorstep.audit.check-interval", defaultValue = "PT1M") Duration checkInterval) {
        this.em = em;
        this.entries = entries;
        this.clock = clock;
        this.checkInterval = checkInterval;
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
     * Checks the chain and records that it was checked. A county admin walks the whole chain (every town's entries
     * and the county-wide ones: it is one chain); anyone else checks their own town's entries, each against its
     * fields and the hash of the entry before it, and hears of their own town's entries only. One check at a time
     * per instance, and one per caller per {@code doorstep.audit.check-interval}: 429 with Retry-After otherwise.
     */
    public AuditChain.Verdict verify(Caller caller) {
        Instant now = clock.instant();
        Instant last = lastCheck.get(caller.staffId());
        if (last != null && now.isBefore(last.plus(checkInterval))) {
            throw tooSoon(Duration.between(now, last.plus(checkInterval)));
        }
        if (!walking.tryAcquire()) {
            throw tooSoon(Duration.ofSeconds(5));
        }
        boolean county = caller.roles().contains(Roles.COUNTY_ADMIN);
        AuditChain.Verdict verdict;
        try {
            lastCheck.put(caller.staffId(), now);
            verdict = county ? AuditChain.check(entries::chainAfter, VERIFY_PAGE)
                    : AuditChain.checkTown((after, limit) -> entries.townChainAfter(caller.townId(), after, limit),
                            VERIFY_PAGE);
        } finally {
            walking.release();
        }
        lastCheck.entrySet().removeIf(e -> e.getValue().plus(checkInterval).isBefore(now));
        AuditEvent checked = AuditEvent.of(AuditAction.AUDIT_CHAIN_VERIFIED).town(caller.townId())
                .actor(caller.staffId(), caller.username()).device(caller.deviceId().orElse(null))
                .detail("scope", county ? "county" : "town")
                .detail("valid", verdict.valid()).detail("entries", verdict.entries())
                .detail("head", HexFormat.of().formatHex(verdict.head()));
        AuditEvent recorded = verdict.valid() ? checked
                : checked.detail("firstBrokenId", verdict.firstBrokenId()).detail("reason", verdict.reason());
        QuarkusTransaction.requiringNew().run(() -> record(recorded));
        return verdict;
    }

    private static ProblemException tooSoon(Duration wait) {
        long seconds = Math.max(1, wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0));
        return ProblemType.TOO_MANY_REQUESTS.exception("The audit chain was checked a moment ago, or is being checked;"
                + " try again in " + seconds + " seconds").header("Retry-After", String.valueOf(seconds));
    }
}
