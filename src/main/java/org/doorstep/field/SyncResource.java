package org.doorstep.field;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/sync")
@Tag(name = "Field tablets")
public class SyncResource {

    private final FieldService field;
    private final Caller caller;

    public SyncResource(FieldService field, Caller caller) {
        this.field = field;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "sync", summary = "What changed for my team", description = "Roles: field_agent. Without a"
            + " cursor: a full snapshot of what the team's tablet keeps (open visits, and those closed in the last two"
            + " days). With the cursor of the previous answer: the visits assigned, changed or closed since, in full,"
            + " and the ids of those to drop (cancelled, reassigned to another team, or past keeping). The cursor is"
            + " opaque, survives restarts, and never skips a change committed while it was read (a change may come"
            + " twice: apply visits by id and version). A cursor older than 30 days or of another team answers 410:"
            + " sync again without one.")
    @APIResponse(responseCode = "200", description = "The changes and the next cursor", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldApi.Sync.class), examples = @ExampleObject(name = "changes", value = "{\"cursor\":\"MS4yZjFlLi4u\",\"full\":false,\"visits\":["
            + FieldApi.DOOR_VISIT_EXAMPLE + "],\"removed\":[\"6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d\"]}")))
    @APIResponse(responseCode = "400", description = "validation: the cursor is not one this service gave", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "cursor-expired: sync again without a cursor", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public FieldApi.Sync sync(
            @Parameter(description = "The cursor of the previous answer; none for a full snapshot") @QueryParam("cursor") String cursor) {
        if (cursor != null && cursor.length() > 200) {
            throw ProblemException.invalid("cursor", "cursor", "is not a cursor this service gave");
        }
        return field.sync(caller, cursor);
    }
}
