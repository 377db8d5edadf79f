package org.doorstep.identity;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.Town;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/me")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class MeResource {

    @Schema(name = "Me")
    public record MeResponse(UUID id, String username, String displayName, List<String> roles, TownRef town, Ref team,
            Ref device) {
    }

    @Schema(name = "TownRef")
    public record TownRef(UUID id, @Schema(examples = "YONGAN") String code, @Schema(examples = "永安镇") String name,
            @Schema(description = "The town's time zone: its dates and times are read in it", examples = "Asia/Shanghai") String timeZone) {
    }

    @Schema(name = "Ref")
    public record Ref(UUID id, String name) {
    }

    private final StaffService staff;
    private final DeviceService devices;
    private final CatalogService catalog;
    private final Caller caller;

    public MeResource(StaffService staff, DeviceService devices, CatalogService catalog, Caller caller) {
        this.staff = staff;
        this.devices = devices;
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "me", summary = "Who am I", description = "Roles: any signed-in staff. The caller's account, roles, town, team and tablet.")
    @APIResponse(responseCode = "200", description = "The caller", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = MeResponse.class), examples = @ExampleObject(name = "fieldAgent", value = """
            {"id":"5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d","username":"agent1","displayName":"队员 王强",
            "roles":["field_agent"],"town":{"id":"1c9e2f3a-4b5c-4d6e-8f7a-9b0c1d2e3f4a","code":"YONGAN","name":"永安镇","timeZone":"Asia/Shanghai"},
            "team":{"id":"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d","name":"永安一队"},
            "device":{"id":"0b7e6c1a-3f0e-4b8a-9d1e-5a2c3b4d5e6f","name":"永安一队 平板 3"}}""")))
    public MeResponse me() {
        Staff member = staff.get(caller, caller.staffId());
        Town town = catalog.town(caller.townId());
        Ref team = member.teamId() == null ? null : new Ref(member.teamId(), staff.teamName(member.teamId()));
        Ref device = caller.deviceId().map(id -> new Ref(id, devices.label(id))).orElse(null);
        return new MeResponse(member.id(), member.username(), member.displayName(), member.roles(),
                new TownRef(town.id(), town.code(), town.name(), town.zone().getId()), team, device);
    }
}
