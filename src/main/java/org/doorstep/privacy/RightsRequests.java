package org.doorstep.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.CallerRelation;
import org.doorstep.booking.DeadlinePolicy;
import org.doorstep.catalog.CatalogService;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;

/**
 * Residents' requests to exercise their rights, as work items: recorded by the operator who took the call (who
 * asked, how their identity was checked), due a configurable number of working days later, shown to the
 * supervisor with the overdue first, and closed as done or refused with the reason the resident is told. Every
 * step is audited, without the request's free text.
 */
@ApplicationScoped
public class RightsRequests {

    private final RightsRequestRepository requests;
    private final ResidentService residents;
    private final DeadlinePolicy deadlines;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;
    private final int workingDays;

    public RightsRequests(RightsRequestRepository requests, ResidentService residents, DeadlinePolicy deadlines,
            CatalogService catalog, AuditService audit, Clock clock,
            RightsConfig config) {
        this.requests = requests;
        this.residents = residents;
        this.deadlines = deadlines;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
        this.workingDays = config.deadlineWorkingDays();
    }

    public record NewRequest(RightsRequestKind kind, CallerRelation requestedBy, String requesterName,
            IdentityCheck identityCheck, String details) {
    }

    @Transactional
    public RightsRequest record(Caller operator, UUID residentId, NewRequest request) {
        residents.get(operator, residentId);
        String requester = Text.blankToNull(request.requesterName());
        if (request.requestedBy() == CallerRelation.SELF && requester != null) {
            throw ProblemException.invalid("requesterName", "only-for-proxy", "is only for someone acting for the resident");
        }
        if (request.requestedBy() != CallerRelation.SELF && requester == null) {
            throw ProblemException.invalid("requesterName", "required", "is required when someone acts for the resident");
        }
        Instant now = clock.instant();
        java.time.ZoneId zone = catalog.town(operator.townId()).zone();
        Instant due = deadlines.dueAt(LocalDate.ofInstant(now, zone), workingDays, zone).at();
        RightsRequest recorded = new RightsRequest(operator.townId(), residentId, request.kind(), request.requestedBy(),
                requester == null ? null : requester.strip(), request.identityCheck(), Text.blankToNull(request.details()),
                now, due, operator.staffId());
        requests.persist(recorded);
        audit.record(AuditEvent.of(AuditAction.RIGHTS_REQUEST_RECORDED).town(operator.townId())
                .actor(operator.staffId(), operator.username()).target("resident", residentId)
                .detail("request", recorded.id()).detail("kind", request.kind().name())
                .detail("requestedBy", request.requestedBy().name()).detail("identityCheck", request.identityCheck().name()));
        return recorded;
    }

    public Page<RightsRequest> list(Caller caller, RightsRequestStatus status, PageRequest page) {
        return Page.of(requests.page(caller.townId(), status, page), page, requests.count(caller.townId(), status));
    }

    public List<RightsRequest> ofResident(Caller caller, UUID residentId) {
        residents.get(caller, residentId);
        return requests.ofResident(caller.townId(), residentId);
    }

    public RightsRequest get(Caller caller, UUID id) {
        return requests.findInTown(caller.townId(), id).orElseThrow(() -> ProblemException.notFound("Rights request"));
    }

    /** Closes an open request: done, or refused with the reason (required) the resident is told. */
    @Transactional
    public RightsRequest close(Caller supervisor, UUID id, String ifMatch, RightsRequestStatus outcome, String reason) {
        RightsRequest request = get(supervisor, id);
        requests.getEntityManager().refresh(request, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        ETags.require(ifMatch, request.version());
        if (request.status() != RightsRequestStatus.OPEN) {
            throw PrivacyProblem.REQUEST_CLOSED.exception("The request was closed " + request.status() + " at "
                    + request.closedAt()).with("currentStatus", request.status());
        }
        if (outcome == RightsRequestStatus.OPEN) {
            throw ProblemException.invalid("outcome", "one-of", "must be DONE or REFUSED", "values", "DONE, REFUSED");
        }
        if (outcome == RightsRequestStatus.DONE && request.kind().carriedOut()) {
            throw PrivacyProblem.CARRIED_OUT_BY_ITS_ACTION.exception("A " + request.kind() + " request is done by"
                    + " carrying it out with its id, which closes it; it can only be refused here")
                    .with("kind", request.kind());
        }
        String why = Text.blankToNull(reason);
        if (outcome == RightsRequestStatus.REFUSED && why == null) {
            throw ProblemException.invalid("reason", "required", "is required for a refusal: the resident is told it");
        }
        request.close(outcome, why == null ? null : why.strip(), supervisor.staffId(), clock.instant());
        requests.flush();
        audit.record(AuditEvent.of(AuditAction.RIGHTS_REQUEST_CLOSED).town(supervisor.townId())
                .actor(supervisor.staffId(), supervisor.username()).target("resident", request.residentId())
                .detail("request", request.id()).detail("kind", request.kind().name()).detail("outcome", outcome.name()));
        return request;
    }

    /**
     * The right is being exercised on the resident's request: {@code requestId} must name an open request of this
     * kind, for this resident, in the caller's town. It is closed as done in the caller's transaction, so that the
     * right is exercised once for each request, and only for one that was recorded.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public RightsRequest carryOut(Caller caller, UUID requestId, UUID residentId, RightsRequestKind kind) {
        if (requestId == null) {
            throw requestRequired(kind, "Name the resident's open " + kind + " request in requestId: the operator records"
                    + " it first (POST /api/v1/residents/" + residentId + "/rights-requests)");
        }
        RightsRequest request = requests.findInTown(caller.townId(), requestId)
                .filter(r -> r.residentId().equals(residentId) && r.kind() == kind)
                .orElseThrow(() -> requestRequired(kind, "Request " + requestId + " is not a " + kind
                        + " request of this resident"));
        requests.getEntityManager().refresh(request, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (request.status() != RightsRequestStatus.OPEN) {
            throw PrivacyProblem.REQUEST_CLOSED.exception("The request was closed " + request.status() + " at "
                    + request.closedAt()).with("currentStatus", request.status()).with("requestId", requestId);
        }
        request.close(RightsRequestStatus.DONE, null, caller.staffId(), clock.instant());
        requests.flush();
        audit.record(AuditEvent.of(AuditAction.RIGHTS_REQUEST_CLOSED).town(caller.townId())
                .actor(caller.staffId(), caller.username()).target("resident", residentId)
                .detail("request", request.id()).detail("kind", kind.name()).detail("outcome", "DONE")
                .detail("carriedOut", true));
        return request;
    }

    private static ProblemException requestRequired(RightsRequestKind kind, String detail) {
        return PrivacyProblem.RIGHTS_REQUEST_REQUIRED.exception(detail).with("requestKind", kind);
    }

    /** The resident's data is being erased: a proxy who asked for them is no longer named, nor what was asked. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void forget(UUID residentId, String erased) {
        requests.update("requesterName = case when requesterName is null then null else ?2 end, details = null"
                + " where residentId = ?1", residentId, erased);
    }

    public boolean overdue(RightsRequest request) {
        return request.status() == RightsRequestStatus.OPEN && clock.instant().isAfter(request.dueAt());
    }
}
