package org.doorstep.audit;

import java.time.Instant;
import java.util.HexFormat;
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
import org.doorstep.shared.Problem;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.Text;
import org.doorstep.shared.openapi.PageSchema;
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

@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Schema(name = "AuditEntry")
    public record View(long id, Instant occurredAt, UUID townId, UUID actorId, String actorUsername, UUID deviceId,
            @Schema(examples = "PERSONAL_DATA_READ") String action, @Schema(examples = "resident") String targetType,
            String targetId, Map<String, Object> details,
            @Schema(description = "SHA-256 of the entry before this one in the chain (hex)") String prevHash,
            @Schema(description = "SHA-256 of this entry and prevHash (hex)") String hash) {

        static View from(AuditEntry e) {
            return new View(e.id(), e.occurredAt(), e.townId(), e.actorId(), e.actorUsername(), e.deviceId(), e.action(),
                    e.targetType(), e.targetId(), e.details(), hex(e.prevHash()), hex(e.hash()));
        }

        @Schema(name = "AuditPage")
        public static final class Paged extends PageSchema<View> {
        }
    }

    @Schema(name = "AuditChainVerification", description = "Whether the chain is unbroken: the whole chain for a county admin, the caller's town's entries for anyone else")
    public record Verification(boolean valid,
            @Schema(description = "Entries found intact, from the first; when broken, those before the broken one") long entries,
            @Schema(description = "The last entry's hash (hex), when the chain is valid") String head,
            @Schema(description = "The first entry that does not fit the chain") Long firstBrokenId,
            @Schema(description = "\"hash mismatch\": the entry is not what was written; \"prev mismatch\": an entry"
                    + " before it was removed or inserted", examples = AuditChain.HASH_MISMATCH) String reason) {

        static Verification from(AuditChain.Verdict v) {
            return v.valid() ? new Verification(true, v.entries(), hex(v.head()), null, null)
                    : new Verification(false, v.entries(), null, v.firstBrokenId(), v.reason());
        }
    }

    private static String hex(byte[] bytes) {
        return bytes == null ? null : HexFormat.of().formatHex(bytes);
    }

    @Schema(name = "AuditActionName", description = "An action the trail records, with the console's words for it")
    public record ActionName(@Schema(examples = "PERSONAL_DATA_READ") String code, @Schema(examples = "查看个人信息") String label) {
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
            "targetId":"7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f","details":{"field":"phone","purpose":"call back"},
            "prevHash":"5d2c0b9e41f7a3d6c8e1b4f2a9d7c3e5b1f8a6d4c2e9b7f5a3d1c8e6b4f2a0d9",
            "hash":"9f3a6c1e8d4b2f7a5c3e1d9b8f6a4c2e7d5b3f1a9c8e6d4b2a0f7e5c3d1b9a8f"}],
            "page":0,"size":50,"total":1}""")))
    public Page<View> trail(@Parameter(example = "resident") @QueryParam("targetType") String targetType,
            @QueryParam("targetId") String targetId,
            @Parameter(description = "Who: the id of the account that acted", schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("actorId") String actorId,
            @Parameter(description = "Who: the username that acted (any case)", example = "operator") @QueryParam("actor") String actor,
            @Parameter(description = "What: the action", example = "PERSONAL_DATA_READ") @QueryParam("action") String action,
            @Parameter(description = "Entries from this time on", example = "2026-11-27T00:00:00+08:00", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "Entries before this time", example = "2026-11-28T00:00:00+08:00", schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        AuditRepository.Filter filter = new AuditRepository.Filter(Text.blankToNull(targetType), Text.blankToNull(targetId),
                QueryParams.uuid("actorId", actorId), Text.blankToNull(actor), Text.blankToNull(action),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
        return audit.trail(caller, filter, paging).map(View::from);
    }

    @GET
    @Path("actions")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "auditActions", summary = "The actions the audit trail records, with their names", description = "Roles: supervisor, admin, county_admin. Every action an entry's action may be, in a fixed order, each with the words the console shows for it (the trail's filter and its table use this one list).")
    @APIResponse(responseCode = "200", description = "The actions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ActionName.class, type = SchemaType.ARRAY), examples = @ExampleObject(name = "actions", value = """
            [{"code":"SIGN_IN","label":"登录"},{"code":"PERSONAL_DATA_READ","label":"查看个人信息"}]""")))
    public java.util.List<ActionName> actions() {
        return java.util.Arrays.stream(AuditAction.values()).map(a -> new ActionName(a.name(), a.label())).toList();
    }

    @GET
    @Path("verify")
    @RolesAllowed({ Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "verifyAuditChain", summary = "Check the audit chain", description = "Roles: supervisor, admin, county_admin. A county admin walks the"
            + " whole audit chain (every town's entries and the county-wide ones: it is one chain) in order, recomputing"
            + " each entry's SHA-256 from its fields and the hash before it; a town's supervisor or admin checks the town's"
            + " own entries the same way, each against the hash of the entry before it, and the answer counts and names"
            + " the town's entries only. An entry changed, removed or inserted behind"
            + " the database's back breaks the chain there, and the answer names the first such entry. The check itself"
            + " is recorded in the trail (AUDIT_CHAIN_VERIFIED, with its scope and the head it saw). One check per caller"
            + " a minute, and one at a time per instance: 429 too-many-requests with Retry-After otherwise.")
    @APIResponse(responseCode = "200", description = "The chain's state, whether valid or not", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Verification.class), examples = {
            @ExampleObject(name = "valid", value = """
                    {"valid":true,"entries":48211,"head":"9f3a6c1e8d4b2f7a5c3e1d9b8f6a4c2e7d5b3f1a9c8e6d4b2a0f7e5c3d1b9a8f"}"""),
            @ExampleObject(name = "broken", value = """
                    {"valid":false,"entries":4181,"firstBrokenId":4182,"reason":"hash mismatch"}""") }))
    @APIResponse(responseCode = "429", description = "too-many-requests: checked a moment ago, or a check is under way; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Verification verify() {
        return Verification.from(audit.verify(caller));
    }
}
