package org.doorstep.supervision;

import java.time.Instant;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.openapi.PageSchema;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/filings")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class FilingResource {

    static final String FILING_EXAMPLE = """
            {"id":"2b1a0f9e-8d7c-4b6a-9e5f-4d3c2b1a0f9e","visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "ticketNumber":"YA-20261127-0007","status":"FAILED","attempts":8,"nextAttemptAt":"2026-11-27T13:40:00+08:00",
            "lastError":"the upstream answered 503","createdAt":"2026-11-27T09:31:02+08:00",
            "updatedAt":"2026-11-27T13:40:00+08:00"}""";

    @Schema(name = "Filing", description = "The online filing of a completed visit to the upstream system")
    public record View(UUID id, UUID visitId, @Schema(examples = "YA-20261127-0007") String ticketNumber,
            Filing.Status status, int attempts,
            @Schema(description = "When the worker tries next (PENDING)") Instant nextAttemptAt, String lastError,
            @Schema(description = "The upstream's receipt number (SENT)") String receipt, Instant createdAt, Instant sentAt,
            Instant updatedAt) {

        static View from(Filing f, String ticketNumber) {
            return new View(f.id(), f.visitId(), ticketNumber, f.status(), f.attempts(), f.nextAttemptAt(), f.lastError(),
                    f.receipt(), f.createdAt(), f.sentAt(), f.updatedAt());
        }

        @Schema(name = "FilingPage")
        public static final class Paged extends PageSchema<View> {
        }
    }

    private final FilingService filings;
    private final Caller caller;

    public FilingResource(FilingService filings, Caller caller) {
        this.filings = filings;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "listFilings", summary = "Online filings of completed visits", description = "Roles: supervisor."
            + " The town's filings, newest first; status=FAILED lists the ones parked after failing too often (or"
            + " refused by the upstream), to retry.")
    @APIResponse(responseCode = "200", description = "One page of filings", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.Paged.class), examples = @ExampleObject(name = "parked", value = "{\"items\":["
            + FILING_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":1}")))
    public Page<View> list(
            @Parameter(schema = @Schema(implementation = Filing.Status.class)) @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        Page<Filing> found = filings.list(caller, QueryParams.enumValue("status", status, Filing.Status.class), paging);
        java.util.Map<UUID, String> tickets = filings.ticketNumbers(caller, found.items());
        return found.map(f -> View.from(f, tickets.get(f.visitId())));
    }

    @POST
    @Path("/{id}/retry")
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "retryFiling", summary = "Send a parked filing again", description = "Roles: supervisor. A"
            + " FAILED filing goes back to PENDING with a fresh round of attempts, starting now. It is sent with the"
            + " same idempotency key as before, so the upstream never files the visit twice.")
    @APIResponse(responseCode = "200", description = "Pending again", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "pending", value = """
            {"id":"2b1a0f9e-8d7c-4b6a-9e5f-4d3c2b1a0f9e","visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "status":"PENDING","attempts":0,"nextAttemptAt":"2026-11-27T14:02:10+08:00",
            "lastError":"the upstream answered 503","createdAt":"2026-11-27T09:31:02+08:00",
            "updatedAt":"2026-11-27T14:02:10+08:00"}""")))
    @APIResponse(responseCode = "404", description = "No such filing in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "filing-not-failed: only a parked filing is retried", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public View retry(@PathParam("id") UUID id) {
        Filing retried = filings.retry(caller, id);
        return View.from(retried, filings.ticketNumbers(caller, java.util.List.of(retried)).get(retried.visitId()));
    }
}
