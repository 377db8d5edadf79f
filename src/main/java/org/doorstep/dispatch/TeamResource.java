package org.doorstep.dispatch;

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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({ Roles.DISPATCHER, Roles.ADMIN })
@Tag(name = "Dispatch")
public class TeamResource {

    static final String TEAM_EXAMPLE = """
            {"id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","name":"永安一队","active":true,"maxVisitsPerDay":8,
            "villageIds":["5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10"],"hours":[{"weekday":1,"start":"08:30","end":"12:00"},
            {"weekday":1,"start":"14:30","end":"17:30"}],"memberIds":["5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d"],
            "version":0,"updatedAt":"2026-11-27T09:30:00+08:00"}""";

    private final TeamService teams;
    private final Caller caller;

    public TeamResource(TeamService teams, Caller caller) {
        this.teams = teams;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "createTeam", summary = "Create a field team", description = "Roles: dispatcher, admin.")
    @APIResponse(responseCode = "201", description = "Created", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamApi.View.class), examples = @ExampleObject(name = "team", value = TEAM_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "team-name-taken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "unknown-village, overlapping-hours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response create(@NotNull @Valid TeamApi.Create request) {
        TeamService.Details team = teams.create(caller, new TeamService.Definition(request.name(), request.villageIds(),
                request.hours().stream().map(TeamApi.Hours::toDomain).toList(), request.maxVisitsPerDay(), null));
        return Response.created(URI.create("/api/v1/teams/" + team.team().id()))
                .header(HttpHeaders.ETAG, ETags.of(team.team().version())).entity(TeamApi.View.from(team)).build();
    }

    @GET
    @Operation(operationId = "listTeams", summary = "The town's field teams", description = "Roles: dispatcher, admin.")
    @APIResponse(responseCode = "200", description = "One page of teams", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamApi.View.Paged.class), examples = @ExampleObject(name = "teams", value = "{\"items\":["
            + TEAM_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    public Page<TeamApi.View> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return teams.list(caller, PageRequest.of(page, size)).map(TeamApi.View::from);
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTeam", summary = "One team", description = "Roles: dispatcher, admin.")
    @APIResponse(responseCode = "200", description = "The team", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamApi.View.class), examples = @ExampleObject(name = "team", value = TEAM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such team in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        TeamService.Details team = teams.get(caller, id);
        return Response.ok(TeamApi.View.from(team)).header(HttpHeaders.ETAG, ETags.of(team.team().version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "updateTeam", summary = "Change a team", description = "Roles: dispatcher, admin. Send the ETag in If-Match. Existing assignments stay as they are.")
    @APIResponse(responseCode = "200", description = "Changed", headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TeamApi.View.class), examples = @ExampleObject(name = "team", value = TEAM_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such team in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response update(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid TeamApi.Update request) {
        TeamService.Details team = teams.update(caller, id, ifMatch, new TeamService.Definition(request.name(),
                request.villageIds(), request.hours() == null ? null
                        : request.hours().stream().map(TeamApi.Hours::toDomain).toList(),
                request.maxVisitsPerDay(), request.active()));
        return Response.ok(TeamApi.View.from(team)).header(HttpHeaders.ETAG, ETags.of(team.team().version())).build();
    }
}
