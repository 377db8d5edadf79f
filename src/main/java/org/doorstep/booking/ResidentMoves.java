package org.doorstep.booking;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.LockModeType;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.resident.ResidentMoved;

/**
 * When the desk corrects a resident's address and asks for it, the resident's open visits that have not reached
 * them yet go to the new address, in the correction's transaction; the change feed then brings each to its
 * team's tablet with the next sync.
 */
@ApplicationScoped
class ResidentMoves {

    private static final List<VisitStatus> NOT_REACHED = List.of(VisitStatus.REQUESTED, VisitStatus.SCHEDULED,
            VisitStatus.EN_ROUTE);

    private final VisitRepository visits;
    private final AuditService audit;
    private final Clock clock;

    ResidentMoves(VisitRepository visits, AuditService audit, Clock clock) {
        this.visits = visits;
        this.audit = audit;
        this.clock = clock;
    }

    void move(@Observes ResidentMoved moved) {
        Instant now = clock.instant();
        List<Visit> open = visits.find("townId = ?1 and residentId = ?2 and status in ?3 order by id",
                moved.operator().townId(), moved.residentId(), NOT_REACHED).withLock(LockModeType.PESSIMISTIC_WRITE).list();
        for (Visit visit : open) {
            visit.moveTo(moved.address(), now);
            audit.record(AuditEvent.of(AuditAction.VISIT_ADDRESS_CORRECTED).town(visit.townId())
                    .actor(moved.operator().staffId(), moved.operator().username()).target("visit", visit.id())
                    .detail("resident", moved.residentId()));
        }
        visits.flush();
        moved.moved(open.size());
    }
}
