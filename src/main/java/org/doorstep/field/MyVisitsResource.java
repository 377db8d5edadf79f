package org.doorstep.field;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me/visits")
@Tag(name = "Field tablets")
public class MyVisitsResource {

    private final FieldService field;
    private final Caller caller;

    public MyVisitsResource(FieldService field, Caller caller) {
        this.field = field;
        this.caller = caller;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "myVisits", summary = "My team's visits of a day", description = "Roles: field_agent. The"
            + " caller's team's visits of the day (default today), in route order, with what is needed at the door:"
            + " the resident's name, masked ID number and full phone number (each phone read is audited), the"
            + " address, the village with its coordinates, the operator's notes and the captures the service needs.")
    @APIResponse(responseCode = "200", description = "The day's visits, in route order", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = FieldApi.Visit.class, type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.ARRAY), examples = @ExampleObject(name = "day", value = "["
            + FieldApi.DOOR_VISIT_EXAMPLE + "]")))
    @APIResponse(responseCode = "422", description = "team-required: the caller is not in a field team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<FieldApi.Visit> day(
            @Parameter(description = "The day (default today)", example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date) {
        return field.day(caller, QueryParams.date("date", date));
    }
}
