package org.doorstep.dispatch;

import java.time.OffsetDateTime;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.booking.VisitApi;
import org.doorstep.shared.ETags;
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

@Path("/api/v1/visits/{id}/assignment")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DISPATCHER)
@Tag(name = "Dispatch")
public class AssignmentResource {

    @Schema(name = "AssignmentRequest")
    public record Assign(@NotNull UUID teamId,
            @NotNull @Schema(examples = "2026-11-30T09:00:00+08:00") OffsetDateTime start,
            @NotNull @Schema(examples = "2026-11-30T09:40:00+08:00") OffsetDateTime end,
            @Schema(description = "The slot is outside the resident's preferred period and the dispatcher agreed it with"
                    + " them; needs a reason") Boolean overridePreference,
            @Size(max = 500) @Schema(examples = "已电话确认：居民同意下午上门") String reason) {
    }

    private static final String ASSIGNED_EXAMPLE = """
            {"id":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","ticketNumber":"YA-20261127-0007","status":"SCHEDULED",
            "serviceType":{"code":"RETIREMENT_CERTIFICATION","name":"退休资格认证"},"preferredDate":"2026-11-30",
            "preferredPeriod":"MORNING","dueAt":"2026-12-04T17:30:00+08:00","overdue":false,
            "assignment":{"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","start":"2026-11-30T09:00:00+08:00",
            "end":"2026-11-30T09:40:00+08:00"},"version":1}""";

    private final AssignmentService assignments;
    private final Caller caller;

    public AssignmentResource(AssignmentService assignments, Caller caller) {
        this.assignments = assignments;
        this.caller = caller;
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "assignVisit", summary = "Give a visit to a team for a time slot", description = "Roles: dispatcher. If-Match (the visit's ETag) is required. REQUESTED → SCHEDULED; a SCHEDULED"
            + " visit is reassigned. Refused: the team busy in an overlapping slot (409 team-busy, decided by the"
            + " database); the team not covering the village, outside its working hours or lunch break, not a"
            + " working day, in the past, too short for the service, the team's daily maximum reached, or"
            + " outside the resident's preferred period without overridePreference and a reason (422, each with"
            + " its own type).")
    @APIResponse(responseCode = "200", description = "Assigned", headers = @Header(name = "ETag", description = "The visit's new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "assigned", value = ASSIGNED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit or team in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "team-busy, or illegal-transition (the visit is past scheduling)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: the visit changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "village-not-covered, outside-working-hours, not-a-working-day,"
            + " slot-in-past, slot-too-short, slot-not-forward, slot-spans-days, team-full, team-inactive,"
            + " outside-preferred-period", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required: If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response assign(@PathParam("id") UUID id,
            @Parameter(required = true, example = "\"0\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid Assign request) {
        VisitApi.View view = assignments.assign(caller, id, ifMatch, new AssignmentService.Slot(request.teamId(),
                request.start().toInstant(), request.end().toInstant(), Boolean.TRUE.equals(request.overridePreference()),
                request.reason()));
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @DELETE
    @Operation(operationId = "unassignVisit", summary = "Take a visit back from its team", description = "Roles: dispatcher. SCHEDULED → REQUESTED. If-Match is optional; when sent it must be current.")
    @APIResponse(responseCode = "200", description = "Unassigned", headers = @Header(name = "ETag", description = "The visit's new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "unassigned", value = ASSIGNED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "illegal-transition: the visit is not SCHEDULED", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response unassign(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch) {
        VisitApi.View view = assignments.unassign(caller, id, ifMatch);
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }
}
