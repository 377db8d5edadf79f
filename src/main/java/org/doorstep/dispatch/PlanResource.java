package org.doorstep.dispatch;

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

@Path("/api/v1/dispatch/plans")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Dispatch")
public class PlanResource {

    static final String SOLVING_EXAMPLE = """
            {"id":"5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c","date":"2026-11-30","status":"SOLVING",
            "replanScheduled":false,"timeLimitSeconds":10,"requestedAt":"2026-11-27T16:05:12+08:00"}""";

    static final String PROPOSED_EXAMPLE = """
            {"id":"5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c","date":"2026-11-30","status":"PROPOSED",
            "replanScheduled":false,"timeLimitSeconds":10,"requestedAt":"2026-11-27T16:05:12+08:00",
            "solvedAt":"2026-11-27T16:05:22+08:00","proposal":{"teams":[{"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            "teamName":"永安一队","maxVisits":8,"visits":2,"travelMinutes":9,"route":[
            {"visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","ticketNumber":"YA-20261127-0007",
            "villageId":"0f1e2d3c-4b5a-4697-8877-665544332211","villageName":"心源村","start":"2026-11-30T08:30:00+08:00",
            "end":"2026-11-30T09:00:00+08:00","travelMinutesFromPrevious":0,"fixed":false,"moved":false},
            {"visitId":"6d5c4b3a-2e1f-4a0b-9c8d-7e6f5a4b3c2d","ticketNumber":"YA-20261127-0009",
            "villageId":"1a2b3c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d","villageName":"芙蓉村","start":"2026-11-30T09:10:00+08:00",
            "end":"2026-11-30T09:40:00+08:00","travelMinutesFromPrevious":9,"fixed":false,"moved":false}]}],
            "unplaced":[{"visitId":"7e6f5a4b-3c2d-4e1f-8a9b-0c1d2e3f4a5b","ticketNumber":"YA-20261127-0011",
            "villageId":"2b3c4d5e-6f7a-4b8c-9d0e-1f2a3b4c5d6e","villageName":"永和村","reason":"NO_TEAM_COVERS_VILLAGE",
            "detail":"No active team working that day covers 永和村","wasScheduled":false}],
            "score":"0hard/-30medium/-13soft","feasible":true,"explanation":[
            {"constraint":"Balanced load","score":"0hard/0medium/-4soft","matches":1},
            {"constraint":"Travel time","score":"0hard/0medium/-9soft","matches":1},
            {"constraint":"Visits left out","score":"0hard/-30medium/0soft","matches":1}]}}""";

    private final PlanService plans;
    private final Caller caller;

    public PlanResource(PlanService plans, Caller caller) {
        this.plans = plans;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(operationId = "proposeDayPlan", summary = "Propose a plan for a day", description = "Roles: dispatcher. Proposes"
            + " assignments for the day's unassigned visits (wanted that day, still waiting from a past day, or overdue),"
            + " and with replanScheduled also moves the day's scheduled visits that have not started. Hard rules: the"
            + " team covers the village, works then (lunch break included), the resident's preferred part of the day,"
            + " no overlap, the travel between visits, the team's daily maximum. Then as few visits left out as possible,"
            + " the most urgent deadline first; then the least travel and a balanced load. Solved in the background"
            + " within timeLimitSeconds: the answer is 202 with status SOLVING and a Location to GET (a day with nothing"
            + " to place is answered at once with 201 and the empty proposal). Nothing is assigned until the plan is"
            + " applied.")
    @APIResponse(responseCode = "202", description = "Solving; GET the Location after Retry-After seconds", headers = {
            @Header(name = "Location", description = "The plan", schema = @Schema(implementation = String.class)),
            @Header(name = "Retry-After", description = "Seconds to wait before asking", schema = @Schema(implementation = Integer.class)) }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.View.class), examples = @ExampleObject(name = "solving", value = SOLVING_EXAMPLE)))
    @APIResponse(responseCode = "201", description = "Nothing to place that day: the (empty) proposal", headers = @Header(name = "Location", description = "The plan", schema = @Schema(implementation = String.class)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.View.class)))
    @APIResponse(responseCode = "400", description = "Malformed request; validation: date more than 90 days ahead (within-days)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "date-in-past, not-a-working-day", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "planner-busy: too many plans at once (or two of your town's still being solved); ask again after Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response propose(@NotNull @Valid PlanApi.Ask ask) {
        PlanApi.View plan = plans.propose(caller, ask);
        URI location = URI.create("/api/v1/dispatch/plans/" + plan.id());
        if (plan.status() == PlanApi.Status.SOLVING) {
            return Response.accepted(plan).location(location).header("Retry-After", 1).build();
        }
        return Response.created(location).entity(plan).build();
    }

    @GET
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(operationId = "listDayPlans", summary = "The town's day plans", description = "Roles: dispatcher. Newest first,"
            + " of one day when date is given: where each stands (SOLVING, PROPOSED, APPLIED, FAILED) with its score and"
            + " how many visits it places and leaves out; GET one for its routes.")
    @APIResponse(responseCode = "200", description = "One page of plans", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.Summary.Paged.class), examples = @ExampleObject(name = "plans", value = """
            {"items":[{"id":"5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c","date":"2026-11-30","status":"PROPOSED",
            "replanScheduled":false,"requestedAt":"2026-11-27T16:05:12+08:00","solvedAt":"2026-11-27T16:05:22+08:00",
            "score":"0hard/-30medium/-13soft","placed":11,"leftOut":1}],"page":0,"size":50,"total":1}""")))
    public Page<PlanApi.Summary> list(
            @Parameter(description = "Only plans of this day", example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        return plans.list(caller, QueryParams.date("date", date),
                PageRequest.of(page, size));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(operationId = "getDayPlan", summary = "A day plan", description = "Roles: dispatcher. The plan and, once PROPOSED,"
            + " per team the route with times (fixed visits included, flagged), the visits left out each with the reason,"
            + " the score and its parts. While SOLVING, Retry-After says when to ask again. A plan being solved by an"
            + " instance that stops is taken over by another; one lost three times turns FAILED with the reason.")
    @APIResponse(responseCode = "200", description = "The plan", headers = @Header(name = "Retry-After", description = "Only while SOLVING", schema = @Schema(implementation = Integer.class)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.View.class), examples = @ExampleObject(name = "proposed", value = PROPOSED_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such plan in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        PlanApi.View plan = plans.get(caller, id);
        Response.ResponseBuilder ok = Response.ok(plan);
        if (plan.status() == PlanApi.Status.SOLVING) {
            ok.header("Retry-After", 1);
        }
        return ok.build();
    }

    @POST
    @Path("/{id}/apply")
    @RolesAllowed(Roles.DISPATCHER)
    @Operation(operationId = "applyDayPlan", summary = "Apply a day plan", description = "Roles: dispatcher. Turns the proposal"
            + " into assignments in one transaction, all or nothing, each recorded on its visit as an ASSIGN event (a"
            + " re-planned visit left out is unassigned). Refused with 409 plan-stale, changing nothing, when any visit"
            + " or team the plan was made from has changed since, or another visit has been scheduled that day; ask for a"
            + " new plan then.")
    @APIResponse(responseCode = "200", description = "Applied", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PlanApi.View.class), examples = @ExampleObject(name = "applied", value = """
            {"id":"5e4d3c2b-1a09-4f8e-9d7c-6b5a4f3e2d1c","date":"2026-11-30","status":"APPLIED",
            "replanScheduled":false,"timeLimitSeconds":10,"requestedAt":"2026-11-27T16:05:12+08:00",
            "solvedAt":"2026-11-27T16:05:22+08:00","appliedAt":"2026-11-27T16:07:40+08:00",
            "proposal":{"teams":[],"unplaced":[],"score":"0hard/0medium/0soft","feasible":true,"explanation":[]}}""")))
    @APIResponse(responseCode = "404", description = "No such plan in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "plan-stale (with the changed ids), plan-not-ready, plan-failed, plan-already-applied, team-busy", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "A dispatch rule no longer holds (e.g. slot-in-past: the plan is for a time already gone)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PlanApi.View apply(@PathParam("id") UUID id) {
        return plans.apply(caller, id);
    }
}
