package org.doorstep.supervision;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.FilingVisits;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/**
 * Online filing of completed visits: the worker's steps (claim, build the payload, record the
 * outcome, each in a short transaction of its own, never holding one while waiting on the
 * upstream) and the supervisor's view of parked filings.
 */
@ApplicationScoped
public class FilingService {

    /** How long a claim holds before another instance may take the filing over. */
    static final Duration CLAIM = Duration.ofMinutes(2);

    private final FilingRepository filings;
    private final FilingVisits filingVisits;
    private final org.doorstep.capture.CaptureService captures;
    private final ResidentService residents;
    private final FilingConfig config;
    private final String publicBaseUrl;
    private final AuditService audit;
    private final Clock clock;

    public FilingService(FilingRepository filings, FilingVisits filingVisits, org.doorstep.capture.CaptureService captures,
            ResidentService residents, FilingConfig config, AuditService audit, Clock clock) {
        this.filings = filings;
        this.filingVisits = filingVisits;
        this.captures = captures;
        this.residents = residents;
        this.config = config;
        this.publicBaseUrl = config.publicBaseUrl().replaceAll("/+$", "");
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Claims the next due filing, if any. One at a time, so that a claim never runs out while the
     * filings claimed before it in the same round are still being sent to a slow upstream.
     */
    @Transactional
    Optional<FilingRepository.Claim> claimNext() {
        Instant now = clock.instant();
        return filings.claim(now, now.plus(CLAIM).plus(config.connectTimeout()).plus(config.readTimeout()), 1).stream()
                .findFirst();
    }

    /** What the upstream gets for the filing; empty when the visit is gone or no longer completed. */
    @Transactional
    Optional<UpstreamApi.Payload> payload(FilingRepository.Claim claim) {
        return filingVisits.filingFacts(claim.visitId()).map(facts -> new UpstreamApi.Payload(claim.id().toString(),
                facts.ticketNumber(), facts.townName(), facts.serviceCode(),
                residents.revealIdNumberForFiling(facts.townId(), facts.residentId(), facts.visitId()),
                facts.completedAt(), captures.forFiling(facts.visitId()).stream()
                        .map(c -> new UpstreamApi.Capture(c.kind().name(), c.sha256(), c.size(), c.contentType(),
                                publicBaseUrl + "/api/v1/captures/" + c.id() + "/content"))
                        .toList()));
    }

    @Transactional
    void sent(FilingRepository.Claim claim, String receipt) {
        Filing filing = filings.findById(claim.id());
        if (filing == null || !filing.claimedFor(claim.attempt())) {
            return; // another instance took it over; it sends with the same key and gets the same receipt
        }
        filing.sent(receipt, clock.instant());
        filingVisits.recordSubmission(filing.visitId(), receipt);
        audit.record(AuditEvent.of(AuditAction.FILING_SENT).town(filing.townId()).target("filing", filing.id())
                .detail("visit", filing.visitId().toString()).detail("receipt", receipt)
                .detail("attempts", filing.attempts()));
    }

    @Transactional
    void failed(FilingRepository.Claim claim, String error, boolean permanent) {
        Filing filing = filings.findById(claim.id());
        if (filing == null || !filing.claimedFor(claim.attempt())) {
            return;
        }
        filing.failed(error, permanent, config.maxAttempts(), backoff(claim.attempt()), clock.instant());
        if (filing.status() == Filing.Status.FAILED) {
            audit.record(AuditEvent.of(AuditAction.FILING_PARKED).town(filing.townId()).target("filing", filing.id())
                    .detail("visit", filing.visitId().toString()).detail("error", filing.lastError())
                    .detail("attempts", filing.attempts()));
        }
    }

    /** base × 2^(attempt−1), at most backoffMax, then ×0.5–1.5 so that instances do not retry in step. */
    Duration backoff(int attempt) {
        long base = config.backoffBase().toMillis();
        long wait = Math.min(config.backoffMax().toMillis(), base << Math.min(30, Math.max(0, attempt - 1)));
        return Duration.ofMillis((long) (wait * (0.5 + ThreadLocalRandom.current().nextDouble())));
    }

    public Page<Filing> list(Caller supervisor, Filing.Status status, PageRequest page) {
        return Page.of(filings.page(supervisor.townId(), status, page), page, filings.count(supervisor.townId(), status));
    }

    /** The ticket numbers of the filings' visits, by visit id. */
    public java.util.Map<UUID, String> ticketNumbers(Caller supervisor, java.util.List<Filing> of) {
        return filingVisits.ticketNumbers(supervisor.townId(), of.stream().map(Filing::visitId).toList());
    }

    /** Sends a parked filing again, from a fresh round of attempts. */
    @Transactional
    public Filing retry(Caller supervisor, UUID id) {
        Filing filing = filings.findInTown(supervisor.townId(), id).orElseThrow(() -> ProblemException.notFound("Filing"));
        filing.retry(clock.instant());
        audit.record(AuditEvent.of(AuditAction.FILING_RETRIED).town(filing.townId())
                .actor(supervisor.staffId(), supervisor.username()).target("filing", filing.id()));
        return filing;
    }
}
