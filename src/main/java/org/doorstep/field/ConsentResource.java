package org.doorstep.field;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Consent taken at the door, and reading what a visit has. */
@Path("/api/v1/visits/{id}/consents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Consent")
public class ConsentResource {

    static final String CONSENT_EXAMPLE = """
            {"id":"6a1c9e4b-2f7d-4b8a-9e3c-5d1f7a2b4c6e","visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "purpose":"BIOMETRIC_CAPTURE","grantedBy":"GUARDIAN","guardianName":"胡建国","relation":"CHILD",
            "recordedBy":"e26e03f0-d855-4bf7-99ef-50fb5ff891f2","deviceId":"1d2c3b4a-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
            "recordedAt":"2026-11-30T09:38:12+08:00"}""";

    private final ConsentService consents;
    private final Caller caller;

    public ConsentResource(ConsentService consents, Caller caller) {
        this.consents = consents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "recordConsent", summary = "Record the resident's consent", description = "Roles: field_agent"
            + " of the team the visit is assigned to (another team's or town's visit: 404). While the visit is ON_SITE"
            + " (409 otherwise), once per purpose (409 consent-already-recorded names it). A guardian is named with"
            + " the relation. Consent to BIOMETRIC_CAPTURE is asked only on a biometric service, and comes before any"
            + " face photo. Send an Idempotency-Key: the same key and body replays the first answer.")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location", description = "The visit's consents", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentApi.View.class), examples = @ExampleObject(name = "consent", value = CONSENT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit of your team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "visit-not-on-site (currentStatus), consent-already-recorded (existingId), consent-text-outdated (currentTextId, currentVersion: the text shown is not the one in force)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "consent-not-needed, unknown-signature-capture, idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("id") UUID visitId,
            @Parameter(description = "Makes a retried request safe: the same key and body get the first answer", example = "5c7e1a3b-9d2f-4e6a-8b0c-1d3e5f7a9b2c") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid ConsentApi.Record request) {
        ConsentService.Recorded recorded = consents.record(caller, visitId, request, idempotencyKey);
        return Response.status(recorded.status()).location(URI.create("/api/v1/visits/" + visitId + "/consents"))
                .type(MediaType.APPLICATION_JSON).entity(recorded.body()).build();
    }

    @GET
    @RolesAllowed({ Roles.FIELD_AGENT, Roles.DISPATCHER, Roles.SUPERVISOR })
    @Operation(operationId = "listConsents", summary = "A visit's consents", description = "Roles: field_agent of the"
            + " team the visit is assigned to, dispatcher, supervisor. The consents recorded and the purposes granted.")
    @APIResponse(responseCode = "200", description = "The visit's consents", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ConsentApi.OfVisit.class), examples = @ExampleObject(name = "consents", value = "{\"visitId\":\"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98\",\"purposesGranted\":[\"BIOMETRIC_CAPTURE\"],\"consents\":["
            + CONSENT_EXAMPLE + "]}")))
    @APIResponse(responseCode = "404", description = "No such visit in your town (or of your team)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConsentApi.OfVisit list(@PathParam("id") UUID visitId) {
        return consents.ofVisit(caller, visitId);
    }
}
