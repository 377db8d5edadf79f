package org.doorstep.dispatch;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dispatch/board")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dispatch")
public class BoardResource {

    private final BoardService board;
    private final Caller caller;

    public BoardResource(BoardService board, Caller caller) {
        this.board = board;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(operationId = "dispatchBoard", summary = "The day board", description = "Roles: dispatcher. Per active team its visits of the day in time order, with the estimated"
            + " travel from the previous visit (straight-line distance between the villages × a road factor, at"
            + " a rural speed) and gaps too short for it flagged; then the visits still to place: wanted that"
            + " day, or overdue, the most urgent deadline first. Each lane says when its team works that day (a"
            + " make-up working day works Monday's hours, a day off none), so a client draws what the server uses.")
    @APIResponse(responseCode = "200", description = "The board", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BoardService.Board.class), examples = @ExampleObject(name = "board", value = """
            {"date":"2026-11-30","teams":[{"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","teamName":"永安一队",
            "maxVisits":8,"hours":[{"start":"08:30","end":"12:00"},{"start":"14:00","end":"17:30"}],"visits":[{"visit":{"id":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98",
            "ticketNumber":"YA-20261127-0007","status":"SCHEDULED"},"gapTooShort":false},
            {"visit":{"id":"6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d","ticketNumber":"YA-20261127-0009",
            "status":"SCHEDULED"},"travelMinutesFromPrevious":12,"gapMinutes":20,"gapTooShort":false}],
            "totalTravelMinutes":12}],"unassigned":[]}""")))
    @APIResponse(responseCode = "304", description = "Not modified: the board is still the one whose ETag was sent in If-None-Match")
    @APIResponse(responseCode = "400", description = "validation: date is not a date", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response board(
            @Parameter(description = "The day; the town's next working day when left out", example = "2026-11-30", schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @Parameter(description = "The ETag of the board last read: answered 304 while nothing on it has changed", example = "\"q8H0cJ3nX2m1Yb5tA7kL9w\"") @HeaderParam(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch) {
        var named = QueryParams.date("date", date);
        var day = named == null ? board.nextWorkingDay(caller) : named;
        String etag = board.stamp(caller, day);
        if (etag.equals(ifNoneMatch)) {
            return Response.notModified().header(HttpHeaders.ETAG, etag).build();
        }
        return Response.ok(board.board(caller, day)).header(HttpHeaders.ETAG, etag).build();
    }
}
