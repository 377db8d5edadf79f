package org.doorstep.audit;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.Text;
import org.doorstep.shared.openapi.PageSchema;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Schema(name = "AuditEntry")
    public record View(long id, Instant occurredAt, UUID townId, UUID actorId, String actorUsername, UUID deviceId,
            @Schema(examples = "PERSONAL_DATA_READ") String action, @Schema(examples = "resident") String targetType,
            String targetId, Map<String, Object> details) {

        static View from(AuditEntry e) {
            return new View(e.id(), e.occurredAt(), e.townId(), e.actorId(), e.actorUsername(), e.deviceId(), e.action(),
                    e.targetType(), e.targetId(), e.details());
        }

        @Schema(name = "AuditPage")
        public static final class Paged extends PageSchema<View> {
        }
    }

    private final AuditService audit;
    private final Caller caller;

    public AuditResource(AuditService audit, Caller caller) {
        this.audit = audit;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN })
    @Operation(operationId = "auditTrail", summary = "The audit trail", description = "Roles: supervisor, admin. The town's entries (sign-ins and their failures, lockouts,"
            + " enrolments, revocations, reads of unmasked numbers, bookings, assignments, ...) and the"
            + " county-wide ones, newest first.")
    @APIResponse(responseCode = "200", description = "One page of entries", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.Paged.class), examples = @ExampleObject(name = "trail", value = """
            {"items":[{"id":4182,"occurredAt":"2026-11-27T09:16:40+08:00",
            "townId":"1c9e2f3a-4b5a-4d6e-8f7a-9b0c1d2e3f4a","actorId":"e26e03f0-d855-4bf7-99ef-50fb5ff891f2",
            "actorUsername":"operator","action":"PERSONAL_DATA_READ","targetType":"resident",
            "targetId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","details":{"field":"phone","purpose":"call back"}}],
            "page":0,"size":50,"total":1}""")))
    public Page<View> trail(@Parameter(example = "resident") @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId, @QueryParam("actorId") String actorId,
            @Parameter(example = "2026-11-27T00:00:00+08:00") @QueryParam("from") String from,
            @Parameter(example = "2026-11-28T00:00:00+08:00") @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        AuditRepository.Filter filter = new AuditRepository.Filter(Text.blankToNull(targetType), Text.blankToNull(targetId),
                QueryParams.uuid("actorId", actorId), QueryParams.instant("from", from), QueryParams.instant("to", to));
        return audit.trail(caller, filter, paging).map(View::from);
    }

}
