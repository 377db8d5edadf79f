package org.doorstep.rights;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

@Path("/api/v1/rights/record-retention")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents' rights")
public class RecordRetentionResource {

    @Schema(name = "RecordRetention", description = "How long the records of a resident's visits are kept after the last one closed, before their data may be erased")
    public record View(@Schema(examples = "1095") long days,
            @Schema(description = "True when the town set its own; otherwise the county's default applies") boolean ownSetting) {
    }

    @Schema(name = "SetRecordRetentionRequest")
    public record Set(
            @Min(0) @Max(36500) @Schema(description = "Days; null returns to the county's default", examples = "1095") Integer days) {
    }

    private static final String EXAMPLE = "{\"days\":1095,\"ownSetting\":true}";

    private final Erasure erasure;
    private final Caller caller;

    public RecordRetentionResource(Erasure erasure, Caller caller) {
        this.erasure = erasure;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(operationId = "getRecordRetention", summary = "Your town's retention of visit records", description = "Roles: supervisor, admin.")
    @APIResponse(responseCode = "200", description = "The retention", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "retention", value = EXAMPLE)))
    public View get() {
        return new View(erasure.recordRetention(caller).toDays(), erasure.ownRecordRetention(caller));
    }

    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "setRecordRetention", summary = "Set your town's retention of visit records", description = "Roles: admin, for the town's own archive rules; an erasure is refused (RECORDS_RETAINED) until this many days after a resident's last visit closed. null returns to the county's default. Audited (RECORD_RETENTION_SET).")
    @APIResponse(responseCode = "200", description = "Set", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "retention", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "validation: days out of 0..36500", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public View set(@NotNull @Valid Set request) {
        return new View(erasure.setRecordRetention(caller, request.days()).toDays(), request.days() != null);
    }
}
