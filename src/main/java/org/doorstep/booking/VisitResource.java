package org.doorstep.booking;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
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

@Path("/api/v1/visits")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Visits")
public class VisitResource {

    static final String VISIT_EXAMPLE = """
            {"id":"3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98","ticketNumber":"YA-20261127-0007","status":"REQUESTED",
            "resident":{"id":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","name":"胡淑坤","idNumberMasked":"430181********102X"},
            "serviceType":{"code":"RETIREMENT_CERTIFICATION","name":"退休资格认证"},
            "village":{"id":"5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10","name":"心源村"},"address":"心源村石桥组 12 号",
            "channel":"HOTLINE_12345","caller":{"name":"胡女士的女儿","relation":"CHILD","phoneMasked":"139****0088"},
            "preferredDate":"2026-11-30","preferredPeriod":"MORNING","notes":"术后卧床；院里有狗；走东边侧门",
            "dueAt":"2026-12-04T17:30:00+08:00","dueAtProvisional":false,"overdue":false,"version":0,"createdAt":"2026-11-27T09:14:03+08:00",
            "updatedAt":"2026-11-27T09:14:03+08:00","events":[{"type":"BOOKED","toStatus":"REQUESTED",
            "actorId":"e26e03f0-d855-4bf7-99ef-50fb5ff891f2","recordedAt":"2026-11-27T09:14:03+08:00"}]}""";

    private final BookingService booking;
    private final VisitQueries visits;
    private final Caller caller;

    public VisitResource(BookingService booking, VisitQueries visits, Caller caller) {
        this.booking = booking;
        this.visits = visits;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "bookVisit", summary = "Book a home visit", description = "Roles: operator. On the resident's behalf (the resident or a proxy is on the phone). Gives a"
            + " ticket number (per town and day, no gaps) and the deadline dueAt (the service's working days on"
            + " the Chinese working calendar, at close of day). One open visit per resident and service: a"
            + " second answers 409 naming the open ticket. Send an Idempotency-Key: the same key and body"
            + " replays the first answer, another body gets 422.")
    @APIResponse(responseCode = "201", description = "Booked", headers = @Header(name = "Location", description = "The visit", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "booked", value = VISIT_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "open-visit-exists or already-rebooked: existingTicket and existingId name it;"
            + " booking-conflict: booked and closed again at the same moment, try again; resident-erased: the resident's"
            + " data was erased, register them anew", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "unknown-resident, unknown-service-type, not-a-failed-visit,"
            + " idempotency-key-reused", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "too-many-tickets: the town's day has used all 9,999 ticket numbers", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response book(
            @Parameter(description = "Makes a retried booking safe: the same key and body get the first answer", example = "8e0d6a52-2f1b-4c7a-9d3e-b5a4c6f7e801") @HeaderParam("Idempotency-Key") String idempotencyKey,
            @NotNull @Valid VisitApi.Book request) {
        BookingService.Booked booked = booking.book(caller, request, idempotencyKey);
        return Response.status(booked.status()).location(URI.create("/api/v1/visits/" + booked.visitId()))
                .type(MediaType.APPLICATION_JSON).entity(booked.body()).build();
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR })
    @Operation(operationId = "listVisits", summary = "The town's visits, filtered", description = "Roles: operator, dispatcher, supervisor. Ordered by preferred date and ticket number.")
    @APIResponse(responseCode = "200", description = "One page of visits", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.Paged.class), examples = @ExampleObject(name = "visits", value = "{\"items\":["
            + VISIT_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    public Page<VisitApi.View> list(
            @Parameter(description = "Only visits in these statuses (repeat the parameter for several)", schema = @Schema(type = SchemaType.ARRAY, implementation = VisitStatus.class)) @QueryParam("status") List<String> status,
            @Parameter(description = "The preferred date", example = "2026-11-30", schema = @Schema(type = SchemaType.STRING, format = "date")) @QueryParam("date") String date,
            @Parameter(description = "Only visits in this village", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("villageId") String villageId,
            @Parameter(description = "Only visits assigned to this team", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("teamId") String teamId,
            @Parameter(description = "true: only visits past their deadline and not closed; false: only the others", schema = @Schema(type = SchemaType.BOOLEAN)) @QueryParam("overdue") String overdue,
            @Parameter(description = "pending: closed visits (COMPLETED, SUBMITTED, FAILED) whose resident no follow-up call has reached yet; done: those whose resident was reached", schema = @Schema(implementation = VisitApi.FollowUpFilter.class)) @QueryParam("followUp") String followUp,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        VisitRepository.Filter filter = new VisitRepository.Filter(
                QueryParams.enumValues("status", status, VisitStatus.class), QueryParams.date("date", date),
                QueryParams.uuid("villageId", villageId), QueryParams.uuid("teamId", teamId),
                QueryParams.bool("overdue", overdue),
                QueryParams.enumValue("followUp", followUp, VisitRepository.Filter.FollowUp.class));
        return visits.listViews(caller, filter, paging);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR, Roles.FIELD_AGENT })
    @Operation(operationId = "getVisit", summary = "One visit with its events", description = "Roles: operator, dispatcher, supervisor, and field agents of the team the visit is assigned to (another team's visit: 404).")
    @APIResponse(responseCode = "200", description = "The visit", headers = @Header(name = "ETag", description = "The version to send in If-Match", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "visit", value = VISIT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        VisitApi.View view = visits.view(caller, id);
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }

    @POST
    @Path("/{id}/cancel")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER })
    @Operation(operationId = "cancelVisit", summary = "Cancel a visit", description = "Roles: operator, dispatcher. Only a REQUESTED or SCHEDULED visit; otherwise 409 with"
            + " currentStatus. If-Match is optional here; when sent it must be current.")
    @APIResponse(responseCode = "200", description = "Cancelled", headers = @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VisitApi.View.class), examples = @ExampleObject(name = "cancelled", value = VISIT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such visit in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "illegal-transition: currentStatus says where the visit stands", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: If-Match is stale", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response cancel(@PathParam("id") UUID id, @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid VisitApi.Cancel request) {
        VisitApi.View view = booking.cancel(caller, id, ifMatch, request.reason());
        return Response.ok(view).header(HttpHeaders.ETAG, ETags.of(view.version())).build();
    }
}
