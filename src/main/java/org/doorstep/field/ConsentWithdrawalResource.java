package org.doorstep.field;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/residents/{id}/consent-withdrawals")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents' rights")
public class ConsentWithdrawalResource {

    private final ConsentService consents;
    private final Caller caller;

    public ConsentWithdrawalResource(ConsentService consents, Caller caller) {
        this.consents = consents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "withdrawConsent", summary = "Withdraw a resident's consent to biometric capture", description = "Roles: operator, as the resident asks on the phone, on their open CONSENT_WITHDRAWAL request (recorded first), named in requestId and closed as DONE in the same transaction; without one, 422 rights-request-required, and a closed one is 409 request-closed. Every consent of theirs stops counting; their face images are deleted from the store at once, filed or not (the captures stay, purged with reason CONSENT_WITHDRAWN, and their content answers 410); face uploads under way on their visits stop; a face photo is refused (403 consent-required) and a biometric visit cannot complete (422 visit-incomplete, missingConsents) until a new consent. The upstream filing system is told of each filed face image through the outbox. What was done before is not undone. Audited (CONSENT_WITHDRAWN).")
    @APIResponse(responseCode = "200", description = "Withdrawn", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentApi.Withdrawal.class), examples = @ExampleObject(name = "withdrawn", value = """
            {"residentId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","purpose":"BIOMETRIC_CAPTURE","consentsWithdrawn":2,
            "faceImagesDeleted":1,"uploadsStopped":0,"upstreamNotices":1}""")))
    @APIResponse(responseCode = "409", description = "request-closed: the request named was closed already (currentStatus)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "rights-request-required: requestId is missing, or names no CONSENT_WITHDRAWAL request of this resident in your town (requestKind)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConsentApi.Withdrawal withdraw(@PathParam("id") UUID residentId, @NotNull @Valid ConsentApi.Withdraw request) {
        return consents.withdraw(caller, residentId, request.purpose(), request.requestId());
    }
}
