package org.doorstep.supervision;

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

@Path("/api/v1/reports/trend")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Supervision")
public class TrendResource {

    private final TrendService trends;
    private final Caller caller;

    public TrendResource(TrendService trends, Caller caller) {
        this.trends = trends;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.DISPATCHER })
    @Operation(operationId = "trend", summary = "The trend: a range of days at once", description = "Roles: supervisor, dispatcher."
            + " Each day from from to to (town time; the last 30 days to today when left out; at most 366 days, none after"
            + " today): visits booked, visits completed, visits open and past their deadline at the day's end (now, for"
            + " today), and the follow-up calls that reached the resident with their mean satisfaction. Each day's numbers"
            + " are the daily summary's for that day, counted for the whole range in one query.")
    @APIResponse(responseCode = "200", description = "The days, oldest first", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TrendApi.Trend.class), examples = @ExampleObject(name = "trend", value = """
            {"from":"2026-11-26","to":"2026-11-27","days":[
            {"date":"2026-11-26","booked":11,"completed":8,"overdue":3,"followUpsReached":5,"averageSatisfaction":9.2},
            {"date":"2026-11-27","booked":14,"completed":9,"overdue":2,"followUpsReached":4,"averageSatisfaction":8.75}]}""")))
    @APIResponse(responseCode = "400", description = "validation: a date that is not one, to after today, from after to, or more"
            + " than 366 days", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TrendApi.Trend trend(
            @Parameter(description = "The first day; 29 days before to when left out", example = "2026-11-07", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("from") String from,
            @Parameter(description = "The last day; today when left out", example = "2026-12-06", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("to") String to) {
        return trends.trend(caller, QueryParams.date("from", from), QueryParams.date("to", to));
    }
}
