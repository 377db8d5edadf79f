package org.doorstep.privacy;

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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.ETags;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
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

@Path("/api/v1/rights-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents' rights")
public class RightsRequestResource {

    static final String REQUEST_EXAMPLE = """
            {"id":"2b6c1f0e-7d4a-4e9b-8c3f-5a1d2e3f4b5c","residentId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f",
            "kind":"DELETION","requestedBy":"CHILD","requesterName":"胡建国","identityCheck":"WRITTEN_AUTHORISATION",
            "details":"母亲已不需要上门服务，要求删除信息","status":"OPEN","receivedAt":"2026-12-07T09:12:40+08:00",
            "dueAt":"2026-12-25T17:30:00+08:00","overdue":false,"recordedBy":"5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d",
            "version":0}""";

    private final RightsRequests requests;
    private final Caller caller;

    public RightsRequestResource(RightsRequests requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "listRightsRequests", summary = "The town's rights requests: open ones by deadline, the overdue first", description = "Roles: supervisor (an operator sees one resident's, GET /api/v1/residents/{id}/rights-requests). Open requests come first, earliest deadline first (so the overdue lead), then closed ones, latest first.")
    @APIResponse(responseCode = "200", description = "One page of requests", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RightsRequestApi.View.Paged.class), examples = @ExampleObject(name = "open", value = "{\"items\":["
            + REQUEST_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "validation: an unknown status", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<RightsRequestApi.View> list(
            @Parameter(description = "OPEN, DONE or REFUSED; all when absent", schema = @Schema(implementation = RightsRequestStatus.class)) @QueryParam("status") String status,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        RightsRequestStatus wanted = status == null ? null : QueryParams.enumValue("status", status, RightsRequestStatus.class);
        return requests.list(caller, wanted, PageRequest.of(page, size))
                .map(r -> RightsRequestApi.View.from(r, requests.overdue(r)));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.OPERATOR })
    @Operation(operationId = "getRightsRequest", summary = "One rights request", description = "Roles: supervisor, operator.")
    @APIResponse(responseCode = "200", description = "The request", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RightsRequestApi.View.class), examples = @ExampleObject(name = "request", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such request in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        RightsRequest request = requests.get(caller, id);
        return Response.ok(RightsRequestApi.View.from(request, requests.overdue(request)))
                .header(HttpHeaders.ETAG, ETags.of(request.version())).build();
    }

    @POST
    @Path("/{id}/close")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "closeRightsRequest", summary = "Close a rights request: done, or refused with the reason the resident is told", description = "Roles: supervisor. Send the ETag in If-Match. A refusal needs its legal reason (PIPL Art. 50). Only a CORRECTION is closed DONE here: an ACCESS_COPY, CONSENT_WITHDRAWAL or DELETION request is done by carrying it out with its id (the access copy, the withdrawal, the erasure), which closes it, and is refused here with 422 carried-out-by-its-action. Audited (RIGHTS_REQUEST_CLOSED).")
    @APIResponse(responseCode = "200", description = "Closed", headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RightsRequestApi.View.class), examples = @ExampleObject(name = "closed", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "validation: no reason for a refusal, or outcome OPEN", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such request in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "request-closed (currentStatus)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "carried-out-by-its-action: DONE for a request that its own action closes (kind)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required: If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response close(@PathParam("id") UUID id,
            @Parameter(description = "The ETag last read", required = true, example = "\"0\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid RightsRequestApi.Close request) {
        RightsRequest closed = requests.close(caller, id, ifMatch, request.outcome(), request.reason());
        return Response.ok(RightsRequestApi.View.from(closed, false)).header(HttpHeaders.ETAG, ETags.of(closed.version()))
                .build();
    }
}
