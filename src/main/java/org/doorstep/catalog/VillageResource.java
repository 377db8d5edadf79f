package org.doorstep.catalog;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/villages")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class VillageResource {

    private final CatalogService catalog;
    private final Caller caller;

    public VillageResource(CatalogService catalog, Caller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "listVillages", summary = "The town's villages", description = "Roles: any signed-in staff. The villages of the town with their coordinates, ordered by code.")
    @APIResponse(responseCode = "200", description = "One page of villages", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = VillageResponse.Paged.class), examples = @ExampleObject(name = "yongan", value = """
            {"items":[{"id":"5b0f3c57-3c1e-4d8e-9d7a-2f4c1a9e8b10","code":"XINYUAN","name":"心源村",
            "latitude":28.2712,"longitude":113.8641}],"page":0,"size":50,"total":1}""")))
    public Page<VillageResponse> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return catalog.villages(caller.townId(), paging).map(VillageResponse::from);
    }
}
