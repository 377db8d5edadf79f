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

@Path("/api/v1/service-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class ServiceTypeResource {

    private final CatalogService catalog;
    private final Caller caller;

    public ServiceTypeResource(CatalogService catalog, Caller caller) {
        this.catalog = catalog;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "listServiceTypes", summary = "The town's service catalogue", description = "Roles: any signed-in staff. The active service types of the town, ordered by code.")
    @APIResponse(responseCode = "200", description = "One page of service types", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeResponse.Paged.class), examples = @ExampleObject(name = "yongan", value = """
            {"items":[{"code":"RETIREMENT_CERTIFICATION","name":"退休资格认证",
            "requiredCaptures":["FACE_PHOTO","ID_CARD_FRONT","ID_CARD_BACK","APPLICATION_FORM"],
            "biometric":true,"durationMinutes":30,"deadlineDays":5}],"page":0,"size":50,"total":1}""")))
    public Page<ServiceTypeResponse> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return catalog.serviceTypes(caller.townId(), paging).map(ServiceTypeResponse::from);
    }
}
