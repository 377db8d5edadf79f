package org.doorstep.privacy;

import java.net.URI;
import java.util.List;
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
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/residents/{id}/rights-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents' rights")
/** A resident's rights requests, as the operator records them and tells a caller where theirs stand. */
public class ResidentRightsRequestResource {

    private static final String REQUEST_EXAMPLE = RightsRequestResource.REQUEST_EXAMPLE;

    private final RightsRequests requests;
    private final Caller caller;

    public ResidentRightsRequestResource(RightsRequests requests, Caller caller) {
        this.requests = requests;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "recordRightsRequest", summary = "Record a resident's request to exercise a right over their data", description = "Roles: operator. Access copy, correction, consent withdrawal or deletion; who asked (the resident, or someone acting for them, named) and how their identity was checked. Due doorstep.rights.deadline-working-days working days (15 by default) after today, on the national calendar. Audited (RIGHTS_REQUEST_RECORDED, without the free text).")
    @APIResponse(responseCode = "201", description = "Recorded", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RightsRequestApi.View.class), examples = @ExampleObject(name = "recorded", value = REQUEST_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "validation: requesterName missing for someone acting for the resident, or given when the resident asks", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response record(@PathParam("id") UUID residentId, @NotNull @Valid RightsRequestApi.Record request) {
        RightsRequest recorded = requests.record(caller, residentId, new RightsRequests.NewRequest(request.kind(),
                request.requestedBy(), request.requesterName(), request.identityCheck(), request.details()));
        return Response.created(URI.create("/api/v1/rights-requests/" + recorded.id()))
                .header(HttpHeaders.ETAG, ETags.of(recorded.version()))
                .entity(RightsRequestApi.View.from(recorded, requests.overdue(recorded))).build();
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.SUPERVISOR })
    @Operation(operationId = "listResidentRightsRequests", summary = "A resident's rights requests, latest first", description = "Roles: operator, supervisor. To tell a caller where their request stands.")
    @APIResponse(responseCode = "200", description = "The requests", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = RightsRequestApi.View.class), examples = @ExampleObject(name = "requests", value = "["
            + REQUEST_EXAMPLE + "]")))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<RightsRequestApi.View> ofResident(@PathParam("id") UUID residentId) {
        return requests.ofResident(caller, residentId).stream()
                .map(r -> RightsRequestApi.View.from(r, requests.overdue(r))).toList();
    }
}
