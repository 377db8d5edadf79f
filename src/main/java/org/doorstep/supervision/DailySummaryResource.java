package org.doorstep.supervision;

import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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

@Path("/api/v1/reports/daily")
@Tag(name = "Supervision", description = "The daily summary (一日一汇总) and the follow-up calls (回访)")
public class DailySummaryResource {

    private static final MediaType CSV = MediaType.valueOf(DailySummaryCsv.MEDIA_TYPE);

    private final DailySummaryService summaries;
    private final Caller caller;

    public DailySummaryResource(DailySummaryService summaries, Caller caller) {
        this.summaries = summaries;
        this.caller = caller;
    }

    @GET
    @Produces({ MediaType.APPLICATION_JSON, DailySummaryCsv.MEDIA_TYPE })
    @RolesAllowed({ Roles.SUPERVISOR, Roles.DISPATCHER })
    @Operation(operationId = "dailySummary", summary = "The daily summary (一日一汇总)", description = "Roles: supervisor,"
            + " dispatcher. The caller's town, one day in town time (today when date is left out; a day to come is 400)."
            + " What happened that day, counted from the visits' events recorded that day: booked (visits booked),"
            + " scheduled (visits given to a team: ASSIGN, each visit once), completed (COMPLETE), failed (FAIL) and"
            + " cancelled (CANCEL). What stood at asOf, the end of the day (or now, while the day lasts): open (REQUESTED,"
            + " SCHEDULED, EN_ROUTE, ON_SITE, also by status), overdue (open and past dueAt, each listed with how late)"
            + " and pending follow-ups (closed visits whose resident no call had reached). byVillage has every village,"
            + " byTeam every team (by the team the visit has now) and a row without teamId for visits with no team; each"
            + " row counts the same as totals for its visits. followUps: calls that day, and the mean satisfaction of those"
            + " that reached the resident. medianHoursToComplete: from booking to COMPLETE, over the visits completed that"
            + " day. Accept: text/csv gives the same as a CSV file (UTF-8 with a byte order mark; one section after"
            + " another, each with its header row, the first column naming the section).")
    @APIResponse(responseCode = "200", description = "The summary", headers = @Header(name = "Content-Disposition", description = "With text/csv: attachment; filename=daily-YYYY-MM-DD.csv", schema = @Schema(type = SchemaType.STRING)), content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DailySummaryApi.Summary.class), examples = @ExampleObject(name = "summary", value = """
                    {"date":"2026-11-27","asOf":"2026-11-28T00:00:00+08:00",
                    "totals":{"booked":14,"scheduled":11,"completed":9,"failed":1,"cancelled":1,"open":23,"overdue":2},
                    "openByStatus":{"requested":9,"scheduled":14,"enRoute":0,"onSite":0},
                    "byVillage":[{"villageId":"5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10","name":"心源村","booked":3,"scheduled":2,
                    "completed":2,"failed":0,"cancelled":0,"open":4,"overdue":1,"medianHoursToComplete":28.0}],
                    "byTeam":[{"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","name":"永安一队","booked":0,"scheduled":4,
                    "completed":3,"failed":1,"cancelled":0,"open":5,"overdue":1,"medianHoursToComplete":30.5},
                    {"booked":14,"scheduled":0,"completed":0,"failed":0,"cancelled":1,"open":9,"overdue":0}],
                    "overdue":[{"visitId":"6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d","ticketNumber":"YA-20261120-0003",
                    "villageId":"5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10","villageName":"心源村",
                    "teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","teamName":"永安一队","status":"SCHEDULED",
                    "dueAt":"2026-11-26T17:30:00+08:00","hoursOverdue":30,"daysOverdue":1}],
                    "followUps":{"done":8,"attempts":11,"resolved":7,"pending":5,"averageSatisfaction":9.25},
                    "medianHoursToComplete":27.5}""")),
            @Content(mediaType = DailySummaryCsv.MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING), examples = @ExampleObject(name = "csv", value = """
                    section,date,asOf,booked,scheduled,completed,failed,cancelled,open,overdue,medianHoursToComplete
                    totals,2026-11-27,2026-11-28T00:00:00+08:00,14,11,9,1,1,23,2,27.5

                    section,requested,scheduled,enRoute,onSite
                    openByStatus,9,14,0,0

                    section,villageId,name,booked,scheduled,completed,failed,cancelled,open,overdue,medianHoursToComplete
                    village,5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10,心源村,3,2,2,0,0,4,1,28.0

                    section,teamId,name,booked,scheduled,completed,failed,cancelled,open,overdue,medianHoursToComplete
                    team,9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d,永安一队,0,4,3,1,0,5,1,30.5
                    team,,,14,0,0,0,1,9,0,

                    section,visitId,ticketNumber,villageName,teamName,status,dueAt,hoursOverdue,daysOverdue
                    overdue,6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d,YA-20261120-0003,心源村,永安一队,SCHEDULED,2026-11-26T17:30:00+08:00,30,1

                    section,done,attempts,resolved,pending,averageSatisfaction
                    followUps,8,11,7,5,9.25
                    """)) })
    @APIResponse(responseCode = "400", description = "validation: date is not a date, or is still to come", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "406", description = "not-acceptable: Accept names neither application/json nor text/csv", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response daily(
            @Parameter(description = "The day, in town time; today when left out", example = "2026-11-27", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @Context HttpHeaders headers) {
        var day = QueryParams.date("date", date);
        if (!wantsCsv(headers)) {
            return Response.ok(summaries.summary(caller, day), MediaType.APPLICATION_JSON_TYPE).build();
        }
        DailySummaryService.File file = summaries.summaryCsv(caller, day);
        return Response.ok(file.content(), CSV.withCharset(StandardCharsets.UTF_8.name()))
                .header("Content-Disposition", "attachment; filename=\"" + file.name() + "\"").build();
    }

    /**
     * CSV when the client's most preferred acceptable type is CSV and not JSON; JSON for anything
     * else that got this far (the framework refused the rest with 406), wildcards included.
     */
    private static boolean wantsCsv(HttpHeaders headers) {
        for (MediaType accepted : headers.getAcceptableMediaTypes()) {
            if (accepted.isCompatible(MediaType.APPLICATION_JSON_TYPE)) {
                return false;
            }
            if (accepted.isCompatible(CSV)) {
                return true;
            }
        }
        return false;
    }
}
