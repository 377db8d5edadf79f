package org.doorstep.resident;

import java.net.URI;
import java.util.List;
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

@Path("/api/v1/residents")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents")
public class ResidentResource {

    /** On a correction's answer: how many open visits went to the new address. */
    static final String VISITS_MOVED = "Doorstep-Visits-Moved";

    private static final String RESIDENT_EXAMPLE = """
            {"id":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","name":"胡淑坤","idNumberMasked":"430181********102X",
            "phoneMasked":"138****0042","birthYear":1955,"age":71,"sex":"FEMALE",
            "villageId":"5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10","address":"心源村石桥组 12 号","group":"石桥组",
            "notes":"术后行动不便，需家属陪同","version":0,"createdAt":"2026-11-27T09:12:40+08:00"}""";

    private final ResidentService residents;
    private final Caller caller;

    public ResidentResource(ResidentService residents, Caller caller) {
        this.residents = residents;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "registerResident", summary = "Register a resident", description = "Roles: operator. The ID number is checked (GB 11643-1999: check character, real birth date not"
            + " in the future); birth date and sex come from it. One resident per ID number per town: a second"
            + " registration answers 409 with the existing resident's id (existingId), so carry on with it.")
    @APIResponse(responseCode = "201", description = "Registered", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.View.class), examples = @ExampleObject(name = "registered", value = RESIDENT_EXAMPLE)))
    @APIResponse(responseCode = "409", description = "resident-exists: the problem's existingId names the resident", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "exists", value = """
            {"type":"urn:doorstep:problem:resident-exists","title":"The resident is registered already",
            "status":409,"detail":"A resident with this ID number is registered in your town; carry on with the existing one",
            "instance":"/api/v1/residents","existingId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f"}""")))
    @APIResponse(responseCode = "422", description = "unknown-village", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@NotNull @Valid ResidentApi.Register request) {
        Resident resident = residents.register(caller, new ResidentService.Registration(request.idNumber(), request.name(),
                request.phone(), request.villageId(), request.address(), request.group(), request.notes()));
        return Response.created(URI.create("/api/v1/residents/" + resident.id()))
                .header(HttpHeaders.ETAG, ETags.of(resident.version()))
                .entity(ResidentApi.View.from(resident, residents.thisYear())).build();
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER })
    @Operation(operationId = "searchResidents", summary = "Find residents by exact ID number or phone", description = "Roles: operator, dispatcher. Exactly one of idNumber (either case of x) or phone, in the body:"
            + " a number sent here never appears in an address, so no proxy or access log keeps it. Exact match only,"
            + " through a keyed index; numbers come back masked. Reads nothing else and changes nothing.")
    @APIResponse(responseCode = "200", description = "The matches (at most 50)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.View.Paged.class), examples = @ExampleObject(name = "found", value = "{\"items\":["
            + RESIDENT_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "lookup-needs-one-key: give exactly one of idNumber and phone; validation: the number is not one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ResidentApi.View> search(@NotNull @Valid ResidentApi.Search request) {
        return found(request.idNumber(), request.phone());
    }

    /** @deprecated the numbers travel in the address here; {@link #search} takes them in the body. */
    @Deprecated
    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER })
    @Operation(operationId = "findResidents", summary = "Find residents by exact ID number or phone (deprecated: use POST /api/v1/residents/search)", description = "Roles: operator, dispatcher. Deprecated: the number travels in the address, where proxies and access logs keep it;"
            + " POST /api/v1/residents/search takes it in the body and answers the same. Exactly one of idNumber (either case of x) or phone. Exact"
            + " match only, through a keyed index; numbers come back masked.")
    @APIResponse(responseCode = "200", description = "The matches (at most 50)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.View.Paged.class), examples = @ExampleObject(name = "found", value = "{\"items\":["
            + RESIDENT_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    @APIResponse(responseCode = "400", description = "lookup-needs-one-key: give exactly one of idNumber and phone; validation: the number is not one", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ResidentApi.View> find(
            @Parameter(example = "43018119550312102X") @QueryParam("idNumber") String idNumber,
            @Parameter(example = "13807310042") @QueryParam("phone") String phone) {
        return found(idNumber, phone);
    }

    private Page<ResidentApi.View> found(String idNumber, String phone) {
        List<ResidentApi.View> found = residents.find(caller, idNumber, phone).stream()
                .map(r -> ResidentApi.View.from(r, residents.thisYear())).toList();
        return new Page<>(found, 0, 50, found.size());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR })
    @Operation(operationId = "getResident", summary = "One resident", description = "Roles: operator, dispatcher,"
            + " supervisor. Numbers masked.")
    @APIResponse(responseCode = "200", description = "The resident", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.View.class), examples = @ExampleObject(name = "resident", value = RESIDENT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID id) {
        Resident resident = residents.get(caller, id);
        return Response.ok(ResidentApi.View.from(resident, residents.thisYear()))
                .header(HttpHeaders.ETAG, ETags.of(resident.version())).build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "correctResident", summary = "Correct a resident's name, phone, village, group or address", description = "Roles: operator. Send the ETag in If-Match. Checked as at registration. The audit entry"
            + " (RESIDENT_CORRECTED) names the fields that changed, never their values; the teams holding the"
            + " resident's open visits get the change with their next sync. With moveOpenVisits, a new address is also"
            + " where the resident's open visits not yet reached go (REQUESTED, SCHEDULED, EN_ROUTE; audited as"
            + " VISIT_ADDRESS_CORRECTED), and their teams' tablets get it with their next sync. The ID number cannot be"
            + " corrected.")
    @APIResponse(responseCode = "200", description = "Corrected (or unchanged, when nothing sent differs)", headers = {
            @Header(name = "ETag", description = "The new version", schema = @Schema(type = SchemaType.STRING)),
            @Header(name = VISITS_MOVED, description = "How many of the resident's open visits went to the new address (with moveOpenVisits)", schema = @Schema(type = SchemaType.INTEGER, examples = "1")) }, content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.View.class), examples = @ExampleObject(name = "corrected", value = RESIDENT_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "validation: a field is blank, too long or not a phone number", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "resident-erased: the resident's data was erased; register them anew", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "precondition-failed: changed since you read it", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "id-number-not-correctable, or unknown-village", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "428", description = "precondition-required: If-Match is missing", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response correct(@PathParam("id") UUID id,
            @Parameter(description = "The ETag last read", required = true, example = "\"0\"") @HeaderParam(HttpHeaders.IF_MATCH) String ifMatch,
            @NotNull @Valid ResidentApi.Correct request) {
        ResidentService.Corrected corrected = residents.correct(caller, id, ifMatch, new ResidentService.Correction(
                request.name(), request.phone(), request.villageId(), request.address(), request.group(), request.idNumber(),
                Boolean.TRUE.equals(request.moveOpenVisits())));
        Resident resident = corrected.resident();
        return Response.ok(ResidentApi.View.from(resident, residents.thisYear()))
                .header(HttpHeaders.ETAG, ETags.of(resident.version()))
                .header(VISITS_MOVED, corrected.visitsMoved()).build();
    }

    @GET
    @Path("/{id}/contact")
    @RolesAllowed(Roles.OPERATOR)
    @Operation(operationId = "getResidentContact", summary = "The resident's full phone number, to call back", description = "Roles: operator. Every read writes an audit entry (PERSONAL_DATA_READ).")
    @APIResponse(responseCode = "200", description = "The phone number", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ResidentApi.Contact.class), examples = @ExampleObject(name = "contact", value = """
            {"residentId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","phone":"13807310042"}""")))
    @APIResponse(responseCode = "404", description = "not-found: no such resident in your town; no-phone: none on record", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ResidentApi.Contact contact(@PathParam("id") UUID id) {
        return new ResidentApi.Contact(id, residents.revealPhone(caller, id, "call back"));
    }
}
