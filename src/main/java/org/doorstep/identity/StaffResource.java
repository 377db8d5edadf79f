package org.doorstep.identity;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
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

@Path("/api/v1/staff")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Identity")
public class StaffResource {

    private static final String STAFF_EXAMPLE = """
            {"id":"5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d","username":"yongan.agent7","displayName":"队员 刘洋",
            "phone":"13800000007","roles":["field_agent"],"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","active":true,
            "version":0,"createdAt":"2026-11-27T09:30:00+08:00","updatedAt":"2026-11-27T09:30:00+08:00"}""";

    private final StaffService staff;
    private final Caller caller;

    public StaffResource(StaffService staff, Caller caller) {
        this.staff = staff;
        this.caller = caller;
    }

    @POST
    @Operation(operationId = "createStaff", summary = "Create a staff account", description = "Roles: admin. In the admin's town, with a username that begins with the town's prefix (its code in lower case and a dot). Field agents need a team of the town.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffApi.View.class), examples = @ExampleObject(name = "created", value = STAFF_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "username-taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "username-outside-town (a new username begins with the town's code in lower case and a dot, as in yongan.wangqiang; the problem's prefix member says which), team-required, team-not-allowed or unknown-team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid StaffApi.Create request) {
        Staff member = staff.create(caller, new StaffService.NewStaff(request.username(), request.displayName(),
                request.phone(), request.roles(), request.teamId(), request.password()));
        return Response.created(URI.create("/api/v1/staff/" + member.id()))
                .header(HttpHeaders.ETAG, ETags.of(member.version()))
                .entity(StaffApi.View.from(member)).build();
    }

    @GET
    @Operation(operationId = "listStaff", summary = "The town's staff accounts", description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "One page of staff", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffApi.View.Paged.class), examples = @ExampleObject(name = "staff", value = "{\"items\":["
            + STAFF_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    public Page<StaffApi.View> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return staff.list(caller, PageRequest.of(page, size)).map(StaffApi.View::from);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getStaff", summary = "One staff account", description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "The account", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffApi.View.class), examples = @ExampleObject(name = "member", value = STAFF_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such account in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Staff member = staff.get(caller, id);
        return Response.ok(StaffApi.View.from(member)).header(HttpHeaders.ETAG, ETags.of(member.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateStaff", summary = "Change a staff account", description = "Roles: admin. Send the ETag in If-Match. Deactivating, or changing roles, team or password,"
            + " ends the member's sessions at once. An account that holds a role above the caller's (county_admin, to a"
            + " town's admin) is changed only by someone who holds that role: 403 account-above-your-role.")
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StaffApi.View.class), examples = @ExampleObject(name = "changed", value = STAFF_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "account-above-your-role: the account holds a role yours does not (its role member names it); forbidden: only a county admin gives or takes county_admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "account-above-your-role", value = """
            {"type":"urn:doorstep:problem:account-above-your-role","title":"The account holds a role above yours","status":403,
            "detail":"This account holds the county_admin role, which yours does not: only someone with that role may change it",
            "instance":"/api/v1/staff/5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d","role":"county_admin"}""")))
    @APIResponse(responseCode = "404", description = "No such account in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "cannot-deactivate-self", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "team-required, team-not-allowed or unknown-team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required: If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id,
            @Parameter(description = "The ETag last read", required = true, example = "\"3\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid StaffApi.Update request) {
        Staff member = staff.update(caller, id, ifMatch, new StaffService.StaffChange(request.displayName(),
                request.phone(), request.roles(), request.teamId(), request.active(), request.password()));
        return Response.ok(StaffApi.View.from(member)).header(HttpHeaders.ETAG, ETags.of(member.version())).build();
    }
}
