package org.doorstep.supervision;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.Visit;
import org.doorstep.booking.VisitQueries;
import org.doorstep.booking.VisitStatus;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;

/**
 * The follow-up calls (回访) after a visit: an operator calls the resident once the visit is closed,
 * as often as it takes to reach them, and records the one call that did with the resident's rating.
 */
@ApplicationScoped
public class FollowUpService {

    /** A visit is followed up once it is done with, well or not; a cancelled one never took place. */
    static final Set<VisitStatus> CLOSED = VisitStatus.CLOSED;

    private final FollowUpRepository followUps;
    private final VisitQueries visits;
    private final org.doorstep.shared.Idempotency idempotency;
    private final AuditService audit;
    private final Clock clock;

    public FollowUpService(FollowUpRepository followUps, VisitQueries visits,
            org.doorstep.shared.Idempotency idempotency, AuditService audit, Clock clock) {
        this.followUps = followUps;
        this.visits = visits;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** A recorded call as it goes out, the same for the first request and every replay of its key. */
    /** The resident's data is being erased: the follow-up calls of their visits keep no comment. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void forgetComments(java.util.List<UUID> visitIds) {
        followUps.forgetComments(visitIds);
    }

    public record Recorded(UUID id, String body) {
    }

    /**
     * Records one call. Refused while the visit is open or when it was cancelled (409
     * visit-not-closed), and when the resident was reached before (409 follow-up-done): the database
     * keeps that true for two operators calling at the same moment too.
     */
    @Transactional
    public Recorded recordFollowUp(Caller operator, UUID visitId, String idempotencyKey, FollowUpApi.Call call) {
        checkAnswers(call);
        var replay = idempotency.claim(operator.staffId(), idempotencyKey, "follow-up:" + visitId, call);
        if (replay.isPresent()) {
            return new Recorded(idempotency.idIn(replay.get().body()), replay.get().body());
        }
        Visit visit = visits.get(operator, visitId);
        if (!CLOSED.contains(visit.status())) {
            throw SupervisionProblem.VISIT_NOT_CLOSED
                    .exception(
                            "A visit is followed up once it is COMPLETED, SUBMITTED or FAILED; this one is " + visit.status())
                    .with("currentStatus", visit.status());
        }
        Instant now = clock.instant();
        String comment = Text.blankToNull(call.comment());
        FollowUp followUp;
        if (call.reached()) {
            followUps.reachedFor(visit.id()).ifPresent(done -> {
                throw followUpDone(visit.ticketNumber()).with("existingId", done.id());
            });
            followUp = FollowUp.reached(operator.townId(), visit.id(), call.satisfaction(), call.resolved(), comment,
                    operator.staffId(), now);
        } else {
            followUp = FollowUp.unreached(operator.townId(), visit.id(), comment, operator.staffId(), now);
        }
        try {
            followUps.persistAndFlush(followUp);
        } catch (PersistenceException e) {
            if (DatabaseRefusals.violated(e, "follow_up_reached_once")) {
                throw followUpDone(visit.ticketNumber());
            }
            throw e;
        }
        // Last: appending to the audit chain holds its head until the transaction ends.
        AuditEvent recorded = AuditEvent.of(AuditAction.FOLLOW_UP_RECORDED).town(operator.townId())
                .actor(operator.staffId(), operator.username()).device(operator.deviceId().orElse(null))
                .target("visit", visit.id()).detail("followUpId", followUp.id()).detail("reached", followUp.reached());
        audit.record(followUp.reached()
                ? recorded.detail("satisfaction", followUp.satisfaction()).detail("resolved", followUp.resolved())
                : recorded);
        FollowUpApi.View view = FollowUpApi.View.from(followUp);
        idempotency.remember(operator.staffId(), idempotencyKey, 201, view);
        return new Recorded(view.id(), idempotency.write(view));
    }

    /** A visit's calls, oldest first; another town's visit is not found. */
    public Page<FollowUpApi.View> list(Caller caller, UUID visitId, PageRequest page) {
        Visit visit = visits.get(caller, visitId);
        return Page.of(followUps.pageOf(caller.townId(), visit.id(), page).stream().map(FollowUpApi.View::from).toList(),
                page, followUps.countOf(caller.townId(), visit.id()));
    }

    /** One call of a visit of the caller's town. */
    public FollowUpApi.View get(Caller caller, UUID visitId, UUID followUpId) {
        Visit visit = visits.get(caller, visitId);
        return followUps.findOf(caller.townId(), visit.id(), followUpId).map(FollowUpApi.View::from)
                .orElseThrow(() -> ProblemException.notFound("Follow-up"));
    }

    /**
     * A resident who was reached rates the visit and says whether it is resolved; one who was not
     * said nothing. Every field in error is named.
     */
    private static void checkAnswers(FollowUpApi.Call call) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (call.reached()) {
            if (call.satisfaction() == null) {
                errors.add(new Problem.FieldError("satisfaction", "required", "is required when the resident was reached"));
            }
            if (call.resolved() == null) {
                errors.add(new Problem.FieldError("resolved", "required", "is required when the resident was reached"));
            }
        } else {
            if (call.satisfaction() != null) {
                errors.add(new Problem.FieldError("satisfaction", "only-when-reached",
                        "must be left out when the resident was not reached"));
            }
            if (call.resolved() != null) {
                errors.add(new Problem.FieldError("resolved", "only-when-reached",
                        "must be left out when the resident was not reached"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }

    private static ProblemException followUpDone(String ticket) {
        return SupervisionProblem.FOLLOW_UP_DONE.exception(
                "The follow-up of " + ticket + " is recorded; only calls that did not reach the resident can be added");
    }
}
