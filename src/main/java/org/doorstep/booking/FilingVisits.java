package org.doorstep.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;

/** What the online filing needs of visits: the facts it sends upstream, and recording the upstream's receipt. */
@ApplicationScoped
public class FilingVisits {

    private final VisitRepository visits;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;

    public FilingVisits(VisitRepository visits, CatalogService catalog, AuditService audit, Clock clock) {
        this.visits = visits;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    /** What the upstream system is told of a completed visit. */
    public record FilingFacts(UUID visitId, UUID townId, String townName, String ticketNumber, String serviceCode,
            UUID residentId, VisitStatus status, Instant completedAt) {
    }

    public Optional<FilingFacts> filingFacts(UUID visitId) {
        return visits.findByIdOptional(visitId).map(v -> {
            Instant completed = visits.completedAt(visitId);
            Town town = catalog.town(v.townId());
            ServiceType service = catalog.serviceTypesById(town.id()).get(v.serviceTypeId());
            return new FilingFacts(v.id(), town.id(), town.name(), v.ticketNumber(), service.code(), v.residentId(),
                    v.status(), completed != null ? completed : v.closedAt());
        });
    }

    /**
     * Records that the upstream system took the visit, with its receipt: COMPLETED → SUBMITTED. Done
     * by the filing worker, not a person; a visit no longer COMPLETED is left as it is.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordSubmission(UUID visitId, String receipt) {
        Visit visit = visits.findByIdOptional(visitId, LockModeType.PESSIMISTIC_WRITE).orElseThrow();
        if (visit.status() != VisitStatus.COMPLETED) {
            return;
        }
        Instant now = clock.instant();
        visits.persist(visit.apply(VisitAction.SUBMIT, VisitEvent.Context.of(null, null, "receipt " + receipt), now));
        visits.flush();
        audit.record(AuditEvent.of(AuditAction.VISIT_SUBMITTED).town(visit.townId()).target("visit", visitId)
                .detail("receipt", receipt));
    }

    /** The ticket numbers of some of the town's visits, by visit id. */
    public Map<UUID, String> ticketNumbers(UUID townId, Collection<UUID> ids) {
        return visits.inTown(townId, ids).stream().collect(Collectors.toMap(Visit::id, Visit::ticketNumber));
    }
}
