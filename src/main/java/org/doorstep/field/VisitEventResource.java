package org.doorstep.field;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.booking.VisitApi;
import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/visits/{id}/events")
@Tag(name = "Field tablets")
public class VisitEventResource {

    private final FieldService field;
    private final Caller caller;

    public VisitEventResource(FieldService field, Caller caller) {
        this.field = field;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "reportVisitEvent", summary = "Report what happened on a visit", description = "Roles:"
            + " field_agent of the visit's team (another team's visit: 404). DEPART, ARRIVE, COMPLETE or FAIL (with a"
            + " reason) with the tablet's own time and position. Safe to retry: send an Idempotency-Key and the same"
            + " key and body get the first answer; an action the visit has already recorded is answered with the visit"
            + " and not done again; an ARRIVE that comes before its DEPART records both. An action the visit's status"
            + " does not allow answers 409 with currentStatus. COMPLETE needs every capture the service requires and, for a"
            + " biometric service, the resident's consent: otherwise 422 listing exactly what is missing.")
    @APIResponse(responseCode = "200", description = "The visit with its events", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "arrived", value = """
            {"id":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","ticketNumber":"YA-20261127-0007","status":"ON_SITE","version":4,
            "events":[{"type":"BOOKED","toStatus":"REQUESTED"},{"type":"ASSIGN","fromStatus":"REQUESTED","toStatus":"SCHEDULED"},
            {"type":"DEPART","fromStatus":"SCHEDULED","toStatus":"EN_ROUTE","occurredAt":"2026-11-30T08:41:05+08:00"},
            {"type":"ARRIVE","fromStatus":"EN_ROUTE","toStatus":"ON_SITE","occurredAt":"2026-11-30T09:02:11+08:00",
            "latitude":28.271203,"longitude":113.864107,"accuracyMeters":12.5}]}""")))
    @APIResponse(responseCode = "400", description = "validation: a field is missing or out of range (FAIL needs a reason)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such visit for your team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "illegal-transition: not possible in the visit's status", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "visit-incomplete: COMPLETE with captures or consent missing (missingCaptures and missingConsents list them); idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response report(@PathParam("id") UUID id,
            @Parameter(description = "Makes a retried report safe: the same key and body get the first answer", example = "b7d1c0e2-5a44-4f0e-8f7c-2a9e1d3c4b5a") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid FieldApi.EventIn event) {
        FieldService.Reported reported = field.report(caller, id, idempotencyKey, event);
        return Response.status(reported.status()).type(MediaType.APPLICATION_JSON).entity(reported.body()).build();
    }
}
