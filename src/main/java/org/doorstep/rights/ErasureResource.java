package org.doorstep.rights;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
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

@Path("/api/v1/residents/{id}/erasure")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents' rights")
public class ErasureResource {

    @Schema(name = "Erasure", description = "What erasing a resident's personal data did")
    public record View(UUID residentId,
            @Schema(description = "Their visits, kept for the statistics with no person in them", examples = "2") int visits,
            @Schema(description = "Captures deleted from the store", examples = "3") int capturesDeleted,
            @Schema(description = "True when they had been erased before: nothing more was done") boolean alreadyErased) {
    }

    @Schema(name = "EraseResidentRequest")
    public record Erase(
            @Schema(required = true, description = "The resident's open DELETION request this erasure carries out", examples = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091") UUID requestId) {
    }

    private final Erasure erasure;
    private final Caller caller;

    public ErasureResource(Erasure erasure, Caller caller) {
        this.erasure = erasure;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "eraseResident", summary = "Erase a resident's personal data", description = "Roles: supervisor, on the resident's open DELETION request (PIPL Art. 47), named in requestId and closed as DONE in the same transaction; without one, 422 rights-request-required, and a closed one is 409 request-closed. A refused erasure leaves the request open. The ID and phone numbers' ciphertexts and blind indexes go; name, address and callers' names become 已删除; callers' numbers, visit addresses, notes and follow-up comments go; guardians and proxies are no longer named; every capture is deleted from the store. The rows stay, so every count by village, service, team, day and outcome, and every daily summary, stays the same. Refused with 409 erasure-refused and its reason (OPEN_VISIT with the ticketNumber; RECORDS_RETAINED with retainedUntil) while a visit is open or waiting to be filed, or while the records' retention runs. Audited (RESIDENT_ERASED).")
    @APIResponse(responseCode = "200", description = "Erased", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "erased", value = """
            {"residentId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","visits":2,"capturesDeleted":3,"alreadyErased":false}""")))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "rights-request-required: requestId is missing, or names no DELETION request of this resident in your town (requestKind)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "erasure-refused: reason OPEN_VISIT (ticketNumber) or RECORDS_RETAINED (retainedUntil); request-closed: the request named was closed already", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "open-visit", value = """
            {"type":"urn:doorstep:problem:erasure-refused","title":"The resident's data cannot be erased now","status":409,
            "detail":"Visit YA-20261207-003 is SCHEDULED: a resident's data is erased once none of their visits is open or waiting to be filed",
            "instance":"/api/v1/residents/7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f/erasure","reason":"OPEN_VISIT","ticketNumber":"YA-20261207-003"}""")))
    @Consumes(MediaType.APPLICATION_JSON)
    public View erase(@PathParam("id") UUID residentId, @Valid Erase request) {
        Erasure.Erased erased = erasure.erase(caller, residentId, request == null ? null : request.requestId());
        return new View(erased.residentId(), erased.visits(), erased.capturesDeleted(), erased.alreadyErased());
    }
}
