package org.doorstep.dispatch;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/dispatch/recommendations")
@Tag(name = "Dispatch")
public class RecommendationResource {

    @Schema(name = "RecommendationRequest")
    public record Ask(@NotNull UUID visitId,
            @Min(1) @Max(20) @Schema(description = "How many options, default 5") Integer limit) {
    }

    @Schema(name = "Recommendations")
    public record Answer(UUID visitId, List<RecommendationService.Option> options) {
    }

    private final RecommendationService recommendations;
    private final Caller caller;

    public RecommendationResource(RecommendationService recommendations, Caller caller) {
        this.recommendations = recommendations;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.DISPATCHER, Roles.OPERATOR })
    @Operation(operationId = "recommendSlots", summary = "The best few slots for one visit", description = "Roles: dispatcher, operator (to promise a time while the resident is on the phone). Given"
            + " everything already assigned: teams covering the village, on the preferred day and the next"
            + " working days, slots that fit the team's hours and leave room for travel from and to the"
            + " neighbouring visits. Best first: the earliest day, then within the preferred period, then the"
            + " least travel added. Each option can be sent as is to PUT /visits/{id}/assignment.")
    @APIResponse(responseCode = "200", description = "The options, best first (empty when none fits)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Answer.class), examples = @ExampleObject(name = "options", value = """
            {"visitId":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","options":[{"teamId":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d",
            "teamName":"永安一队","start":"2026-11-30T08:30:00+08:00","end":"2026-11-30T09:00:00+08:00",
            "withinPreferredPeriod":true,"travelMinutes":0,"daysAfterPreferred":0}]}""")))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "illegal-transition: the visit is past scheduling", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Answer recommend(@NotNull @Valid Ask ask) {
        return new Answer(ask.visitId(),
                recommendations.recommend(caller, ask.visitId(), ask.limit() == null ? 5 : ask.limit()));
    }
}
