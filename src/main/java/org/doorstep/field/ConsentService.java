package org.doorstep.field;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.ResidentVisits;
import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitReach;
import org.doorstep.booking.VisitStatus;
import org.doorstep.capture.CapturePurges;
import org.doorstep.capture.CaptureService;
import org.doorstep.catalog.CaptureKind;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.privacy.PrivacyText;
import org.doorstep.privacy.PrivacyTextPurpose;
import org.doorstep.privacy.PrivacyTexts;
import org.doorstep.privacy.RightsRequestKind;
import org.doorstep.privacy.RightsRequests;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.Idempotency;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.doorstep.supervision.FaceWithdrawalNotices;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Consent taken at the door: the resident (or a guardian) agrees to a purpose, once per visit,
 * while the field team is on site. A face photo is uploaded only after consent to biometric
 * capture; completing a visit of a biometric service needs it too ({@link #purposesGranted}).
 */
@ApplicationScoped
public class ConsentService implements org.doorstep.capture.BiometricConsent {

    private final ConsentRepository consents;
    private final VisitFacts visits;
    private final CatalogService catalog;
    private final CaptureService captures;
    private final Idempotency idempotency;
    private final PrivacyTexts texts;
    private final ResidentService residents;
    private final CapturePurges biometrics;
    private final FaceWithdrawalNotices upstreamNotices;
    private final RightsRequests rightsRequests;
    private final ResidentVisits residentVisits;
    private final AuditService audit;
    private final Clock clock;

    public ConsentService(ConsentRepository consents, VisitFacts visits, CatalogService catalog, CaptureService captures,
            Idempotency idempotency, PrivacyTexts texts, ResidentService residents, CapturePurges biometrics,
            FaceWithdrawalNotices upstreamNotices, RightsRequests rightsRequests, ResidentVisits residentVisits,
            AuditService audit, Clock clock) {
        this.residentVisits = residentVisits;
        this.rightsRequests = rightsRequests;
        this.texts = texts;
        this.residents = residents;
        this.biometrics = biometrics;
        this.upstreamNotices = upstreamNotices;
        this.consents = consents;
        this.visits = visits;
        this.catalog = catalog;
        this.captures = captures;
        this.idempotency = idempotency;
        this.audit = audit;
        this.clock = clock;
    }

    /** The answer as it goes out, the same for the first request and every replay of its Idempotency-Key. */
    public record Recorded(int status, UUID id, String body) {
    }

    /** Records the consent on a visit the caller's team is at. */
    public Recorded record(Caller agent, UUID visitId, ConsentApi.Record request, String idempotencyKey) {
        Consent.Grant grant = grant(request);
        return QuarkusTransaction.requiringNew().call(() -> {
            Optional<Idempotency.Answer> replay = idempotency.claim(agent.staffId(), idempotencyKey,
                    "record-consent:" + visitId, request);
            if (replay.isPresent()) {
                return new Recorded(replay.get().status(), null, replay.get().body());
            }
            VisitFacts.Facts visit = visits.of(agent, visitId, VisitReach.TEAM);
            visit = visits.lockShared(visit.townId(), visitId);
            if (visit.status() != VisitStatus.ON_SITE) {
                throw FieldProblem.VISIT_NOT_ON_SITE
                        .exception("Consent is recorded while the visit is ON_SITE; it is " + visit.status())
                        .with("currentStatus", visit.status());
            }
            ServiceType service = catalog.serviceTypesById(visit.townId()).get(visit.serviceTypeId());
            if (grant.purpose() == ConsentPurpose.BIOMETRIC_CAPTURE && (service == null || !service.biometric())) {
                throw FieldProblem.CONSENT_NOT_NEEDED
                        .exception("This visit's service takes no biometrics, so no consent to biometric capture is asked for");
            }
            if (grant.signatureCaptureId() != null
                    && !captures.isComplete(visitId, grant.signatureCaptureId(), CaptureKind.SIGNATURE)) {
                throw FieldProblem.UNKNOWN_SIGNATURE_CAPTURE
                        .exception("signatureCaptureId must name a complete SIGNATURE capture of this visit");
            }
            PrivacyText text = texts.current(visit.townId(), PrivacyTextPurpose.valueOf(grant.purpose().name()));
            if (!text.id().equals(grant.textId())) {
                throw FieldProblem.CONSENT_TEXT_OUTDATED
                        .exception("The consent text has changed: show the resident version " + text.version()
                                + " and ask again")
                        .with("currentTextId", text.id()).with("currentVersion", text.version());
            }
            consents.find(visitId, grant.purpose()).ifPresent(existing -> {
                throw FieldProblem.CONSENT_ALREADY_RECORDED
                        .exception(
                                "The consent to " + grant.purpose() + " was recorded on this visit at " + existing.recordedAt())
                        .with("existingId", existing.id());
            });
            Instant now = clock.instant();
            Consent consent = Consent.record(visit.townId(), visitId, grant, agent.staffId(),
                    agent.deviceId().orElse(null), now);
            consents.persist(consent);
            audit.record(
                    AuditEvent.of(AuditAction.CONSENT_RECORDED).town(visit.townId()).actor(agent.staffId(), agent.username())
                            .device(agent.deviceId().orElse(null)).target("visit", visitId)
                            .detail("consent", consent.id()).detail("purpose", grant.purpose().name())
                            .detail("grantedBy", grant.grantedBy().name()).detail("textVersion", text.version()));
            ConsentApi.View view = ConsentApi.View.from(consent);
            idempotency.remember(agent.staffId(), idempotencyKey, 201, view);
            return new Recorded(201, consent.id(), idempotency.write(view));
        });
    }

    /**
     * Withdraws the resident's consent to biometric capture (PIPL Art. 15), as they asked on the phone: every
     * consent of theirs stops counting, their face images are deleted from the store at once, filed or not (the
     * capture rows stay, purged with the reason), face uploads under way on their visits stop, and a face photo
     * is refused again until a new consent. The upstream filing system is told, through the outbox, of each filed
     * face image. What was done before is not undone: a filed visit stays filed. Done on the resident's open
     * withdrawal request, which it closes in the same transaction. Audited.
     */
    public ConsentApi.Withdrawal withdraw(Caller operator, UUID residentId, ConsentPurpose purpose, UUID requestId) {
        Withdrawn done = QuarkusTransaction.requiringNew().call(() -> {
            residents.get(operator, residentId);
            rightsRequests.carryOut(operator, requestId, residentId, RightsRequestKind.CONSENT_WITHDRAWAL);
            Instant now = clock.instant();
            // exclusive with face uploads and consents being recorded on these visits meanwhile
            List<UUID> visitIds = residentVisits.lockAll(operator.townId(), residentId).stream()
                    .map(ResidentVisits.Held::id).toList();
            int withdrawnConsents = consents.withdraw(visitIds, purpose, operator.staffId(), now);
            CapturePurges.Purged w = biometrics.withdrawBiometrics(visitIds, now);
            int notices = upstreamNotices.enqueue(w.visits(), now);
            audit.record(AuditEvent.of(AuditAction.CONSENT_WITHDRAWN).town(operator.townId())
                    .actor(operator.staffId(), operator.username()).target("resident", residentId)
                    .detail("purpose", purpose.name()).detail("consents", withdrawnConsents)
                    .detail("faceImagesDeleted", w.deleted()).detail("uploadsStopped", w.uploadsStopped())
                    .detail("upstreamNotices", notices));
            return new Withdrawn(new ConsentApi.Withdrawal(residentId, purpose, withdrawnConsents, w.deleted(),
                    w.uploadsStopped(), notices), w);
        });
        biometrics.deleteBytes(done.captures());
        return done.answer();
    }

    /** The resident's data is being erased: a guardian who consented on these visits is no longer named. */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void forgetGuardians(List<UUID> visitIds, String erased) {
        consents.forgetGuardians(visitIds, erased);
    }

    /** What a withdrawal answers, and the captures whose bytes go once it has committed. */
    private record Withdrawn(ConsentApi.Withdrawal answer, CapturePurges.Purged captures) {
    }

    /** The consents of a visit the caller may see, and the purposes they grant. */
    public ConsentApi.OfVisit ofVisit(Caller caller, UUID visitId) {
        visits.of(caller, visitId, VisitReach.townWideFor(Roles.DISPATCHER, Roles.SUPERVISOR));
        List<Consent> recorded = consents.ofVisit(visitId);
        Set<ConsentPurpose> granted = EnumSet.noneOf(ConsentPurpose.class);
        recorded.stream().filter(c -> c.withdrawnAt() == null).forEach(c -> granted.add(c.purpose()));
        return new ConsentApi.OfVisit(visitId, List.copyOf(granted), recorded.stream().map(ConsentApi.View::from).toList());
    }

    /**
     * The purposes consented to on a visit, by name ({@code BIOMETRIC_CAPTURE}): what uploading a
     * face photo, and completing a visit of a biometric service, check. No access check: for
     * other features that have checked the visit already.
     */
    @Override
    public boolean given(UUID visitId) {
        return purposesGranted(visitId).contains(ConsentPurpose.BIOMETRIC_CAPTURE.name());
    }

    public Set<String> purposesGranted(UUID visitId) {
        return purposesGranted(List.of(visitId)).getOrDefault(visitId, Set.of());
    }

    /** The same for several visits in one query (visits without consent are absent). */
    public java.util.Map<UUID, Set<String>> purposesGranted(java.util.Collection<UUID> visitIds) {
        java.util.Map<UUID, Set<String>> purposes = new java.util.HashMap<>();
        consents.ofVisits(visitIds).forEach(c -> purposes.computeIfAbsent(c.visitId(), v -> new LinkedHashSet<>())
                .add(c.purpose().name()));
        return purposes;
    }

    private static Consent.Grant grant(ConsentApi.Record r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        String guardian = Text.blankToNull(r.guardianName());
        if (r.grantedBy() == ConsentGrantor.GUARDIAN) {
            if (guardian == null) {
                errors.add(new Problem.FieldError("guardianName", "required", "is required when a guardian consents"));
            }
            if (r.relation() == null) {
                errors.add(new Problem.FieldError("relation", "required", "is required when a guardian consents"));
            }
        } else {
            if (guardian != null) {
                errors.add(new Problem.FieldError("guardianName", "only-for-guardian", "is only for a guardian's consent"));
            }
            if (r.relation() != null) {
                errors.add(new Problem.FieldError("relation", "only-for-guardian", "is only for a guardian's consent"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new Consent.Grant(r.purpose(), r.grantedBy(), guardian, r.relation(),
                r.signatureCaptureId(), r.textId());
    }
}
