package org.doorstep.supervision;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/visits/{id}/follow-ups")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision", description = "The daily summary (一日一汇总) and the follow-up calls (回访)")
public class FollowUpResource {

    static final String FOLLOW_UP_EXAMPLE = """
            {"id":"0e4f6a2b-9c1d-4e8f-a7b3-5d2c1e0f9a8b","visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "reached":true,"satisfaction":10,"resolved":true,"comment":"老人很满意，证件已办好",
            "calledBy":"e26e03f0-d855-4bf7-99ef-50fb5ff891f2","calledAt":"2026-12-01T10:12:40+08:00"}""";

    private final FollowUpService followUps;
    private final Caller caller;

    public FollowUpResource(FollowUpService followUps, Caller caller) {
        this.followUps = followUps;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "recordFollowUp", summary = "Record a follow-up call (回访)", description = "Roles: operator. Once"
            + " the visit is COMPLETED, SUBMITTED or FAILED (otherwise 409 visit-not-closed with currentStatus; a"
            + " cancelled visit is not followed up). A call that did not reach the resident is recorded with reached"
            + " false and nothing else, and may be tried again; the call that reached them carries satisfaction (1 to"
            + " 10) and resolved, and there is one such call per visit (a second answers 409 follow-up-done with"
            + " existingId). Satisfaction or resolved for a resident who was not reached, or missing for one who was,"
            + " is 400 naming the field. Each call is audited (FOLLOW_UP_RECORDED). Send an Idempotency-Key: a retried"
            + " request with the same key and body gets the first answer instead of a second call.")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "Location", description = "The call", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpApi.View.class), examples = @ExampleObject(name = "reached", value = FOLLOW_UP_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "visit-not-closed: currentStatus says where the visit stands;"
            + " follow-up-done: the resident was reached already (existingId)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "idempotency-key-reused: the key came first with another body", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("id") UUID id,
            @org.eclipse.microprofile.openapi.annotations.parameters.Parameter(description = "Makes a retried call safe: the same key and body get the first answer", example = "0f3c9a7e-2b1d-4e5f-8a6b-7c8d9e0f1a2b") @jakarta.ws.rs.HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid FollowUpApi.Call call) {
        FollowUpService.Recorded recorded = followUps.recordFollowUp(caller, id, idempotencyKey, call);
        return Response.created(URI.create("/api/v1/visits/" + id + "/follow-ups/" + recorded.id()))
                .type(MediaType.APPLICATION_JSON).entity(recorded.body()).build();
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
    @Operation(operationId = "listFollowUps", summary = "A visit's follow-up calls", description = "Roles: operator, supervisor."
            + " Every call, reached or not, oldest first.")
    @APIResponse(responseCode = "200", description = "One page of calls", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpApi.View.Paged.class), examples = @ExampleObject(name = "calls", value = """
            {"items":[{"id":"7b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e","visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "reached":false,"comment":"无人接听","calledBy":"e26e03f0-d855-4bf7-99ef-50fb5ff891f2",
            "calledAt":"2026-11-30T16:05:10+08:00"},"""
            + FOLLOW_UP_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":2}")))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<FollowUpApi.View> list(@PathParam("id") UUID id, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return followUps.list(caller, id, PageRequest.of(page, size));
    }

    @GET
    @Path("/{followUpId}")
    @RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
    @Operation(operationId = "getFollowUp", summary = "One follow-up call", description = "Roles: operator, supervisor.")
    @APIResponse(responseCode = "200", description = "The call", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FollowUpApi.View.class), examples = @ExampleObject(name = "reached", value = FOLLOW_UP_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit in your town, or no such call of it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FollowUpApi.View get(@PathParam("id") UUID id, @PathParam("followUpId") UUID followUpId) {
        return followUps.get(caller, id, followUpId);
    }
}
