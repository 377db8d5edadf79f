package org.doorstep.catalog;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/service-types")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Catalogue")
public class ServiceTypeResource {

    private final CatalogService catalog;

    public ServiceTypeResource(CatalogService catalog) {
        this.catalog = catalog;
    }

    @GET
    @Operation(operationId = "listServiceTypes", summary = "The town's service catalogue", description = "Roles: any signed-in staff. The active service types of the town, ordered by code.")
    @APIResponse(responseCode = "200", description = "One page of service types", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ServiceTypeResponse.Paged.class), examples = @ExampleObject(name = "yongan", value = """
            {"items":[{"code":"RETIREMENT_CERTIFICATION","name":"退休资格认证",
            "requiredCaptures":["FACE_PHOTO","ID_CARD_FRONT","ID_CARD_BACK","APPLICATION_FORM"],
            "biometric":true,"durationMinutes":30,"deadlineDays":5}],"page":0,"size":50,"total":1}""")))
    @APIResponse(responseCode = "404", description = "No such town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<ServiceTypeResponse> list(
            @Parameter(description = "Town code; temporary until sign-in scopes the caller to a town", example = "YONGAN", required = true) @QueryParam("town") String town,
            @QueryParam("page") String page, @QueryParam("size") String size) {
        PageRequest paging = PageRequest.of(page, size);
        return catalog.serviceTypes(catalog.town(town).id(), paging).map(ServiceTypeResponse::from);
    }
}
