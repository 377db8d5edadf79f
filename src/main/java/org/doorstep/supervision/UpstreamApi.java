package org.doorstep.supervision;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The upstream government system's filing endpoint, as this service calls it: the filing id goes
 * as the Idempotency-Key, so the upstream answers a resend with the receipt it gave the first time.
 */
@Path("/filings")
public interface UpstreamApi {

    /** A capture of the visit: what it is, its hash, and where the upstream downloads it. */
    record Capture(String kind, String sha256, long size, String contentType, String url) {
    }

    /** What the upstream receives for a completed visit. */
    record Payload(String filingId, String ticketNumber, String town, String serviceType, String residentIdNumber,
            Instant completedAt, List<Capture> captures) {
    }

    /** A face image the upstream received with a filing was withdrawn: it is to be deleted there too. */
    record Withdrawal(String filingId, String receiptNumber, String ticketNumber, String captureKind, Instant withdrawnAt) {
    }

    /** The upstream's acknowledgement. */
    record Receipt(String receiptNumber) {
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    Response file(@HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Authorization") String authorization,
            Payload payload);

    @POST
    @Path("/withdrawals")
    @Consumes(MediaType.APPLICATION_JSON)
    Response withdraw(@HeaderParam("Idempotency-Key") String idempotencyKey, @HeaderParam("Authorization") String authorization,
            Withdrawal withdrawal);
}
