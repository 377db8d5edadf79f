package org.doorstep.supervision;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;

/**
 * Sends due filings to the upstream system. Runs on every instance; they never send the same
 * filing at once (claims skip each other's locked rows), and a filing whose instance died mid-send
 * is taken over when its claim runs out, and sent again with the same idempotency key.
 */
@ApplicationScoped
public class FilingWorker {

    private static final Logger LOG = Logger.getLogger(FilingWorker.class);

    private final FilingService filings;
    private final FaceWithdrawalNotices withdrawals;
    private final Upstream upstream;
    private final int batchSize;
    private volatile boolean warned;

    public FilingWorker(FilingService filings, FaceWithdrawalNotices withdrawals, Upstream upstream, FilingConfig config) {
        this.filings = filings;
        this.withdrawals = withdrawals;
        this.upstream = upstream;
        this.batchSize = config.batchSize();
    }

    @Scheduled(every = "${doorstep.filing.every:5s}", delay = 2, delayUnit = java.util.concurrent.TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void run() {
        if (!upstream.configured()) {
            if (!warned) {
                LOG.warn("doorstep.filing.upstream-url is not set: completed visits wait to be filed");
                warned = true;
            }
            return;
        }
        for (int i = 0; i < batchSize; i++) {
            Optional<FilingRepository.Claim> claim = filings.claimNext();
            if (claim.isEmpty()) {
                break;
            }
            send(claim.get());
        }
        for (int i = 0; i < batchSize; i++) {
            Optional<FaceWithdrawalNotices.Due> due = withdrawals.claimNext();
            if (due.isEmpty()) {
                break;
            }
            send(due.get());
        }
    }

    private void send(FaceWithdrawalNotices.Due due) {
        try {
            upstream.withdraw(due.id().toString(), new UpstreamApi.Withdrawal(due.filingId(), due.receipt(), due.ticket(),
                    "FACE_PHOTO", due.withdrawnAt()));
            withdrawals.sent(due);
        } catch (Upstream.Failure f) {
            if (f.permanent()) {
                LOG.errorf("Face image withdrawal %s was refused by the upstream and is parked: %s", due.id(), f.getMessage());
            } else {
                LOG.infof("Face image withdrawal %s, attempt %d: %s", due.id(), due.attempt(), f.getMessage());
            }
            withdrawals.failed(due, f.getMessage(), f.permanent());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Face image withdrawal %s, attempt %d failed unexpectedly", due.id(), due.attempt());
            withdrawals.failed(due, "unexpected: " + e.getClass().getSimpleName(), false);
        }
    }

    private void send(FilingRepository.Claim claim) {
        try {
            Optional<UpstreamApi.Payload> payload = filings.payload(claim);
            if (payload.isEmpty()) {
                filings.failed(claim, "the visit is no longer there to file", true);
                return;
            }
            String receipt = upstream.send(claim.id().toString(), payload.get());
            filings.sent(claim, receipt);
        } catch (Upstream.Failure f) {
            LOG.infof("Filing %s, attempt %d: %s", claim.id(), claim.attempt(), f.getMessage());
            filings.failed(claim, f.getMessage(), f.permanent());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Filing %s, attempt %d failed unexpectedly", claim.id(), claim.attempt());
            filings.failed(claim, "unexpected: " + e.getClass().getSimpleName(), false);
        }
    }
}
