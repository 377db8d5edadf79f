package org.doorstep.rights;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

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

@Path("/api/v1/residents/{id}/access-copy")
@Tag(name = "Residents' rights")
public class AccessCopyResource {

    static final String ZIP = "application/zip";

    private final AccessCopy copies;
    private final Caller caller;

    public AccessCopyResource(AccessCopy copies, Caller caller) {
        this.copies = copies;
        this.caller = caller;
    }

    @GET
    @Produces({ ZIP, Problem.MEDIA_TYPE })
    @RolesAllowed(Roles.SUPERVISOR)
    @Operation(operationId = "getAccessCopy", summary = "A resident's copy of everything held about them, as one ZIP", description = "Roles: supervisor, on the resident's open ACCESS_COPY request (PIPL Art. 45), named in requestId and closed as DONE by this copy in the same transaction (a second copy needs a second request); without one, 422 rights-request-required, and a closed one is 409 request-closed. JSON documents of their record with the ID and phone numbers in full, every visit with its events, consents (with the text agreed to) and follow-up calls, the captures' list, their rights requests, and who looked at their data (reads of their full numbers and captures, copies made); with files=true also the capture files still held, under files/. Streamed, never built in memory. The read is audited (PERSONAL_DATA_READ and ACCESS_COPY_PRODUCED, and CAPTURE_READ per file).")
    @APIResponse(responseCode = "200", description = "The archive", headers = @Header(name = "Content-Disposition", description = "attachment; filename=access-copy-{id}.zip", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = ZIP, schema = @Schema(type = SchemaType.STRING, format = "binary"), examples = @ExampleObject(name = "archive", summary = "A ZIP archive", value = "说明.txt, resident.json, visits.json, captures.json, rights-requests.json, personal-data-reads.json, files/face_photo-3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98.jpg")))
    @APIResponse(responseCode = "400", description = "validation: files is not true or false", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "request-closed: the request named was closed already (currentStatus)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "rights-request-required: requestId is missing, or names no ACCESS_COPY request of this resident in your town (requestKind)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "rights-request-required", value = """
            {"type":"urn:doorstep:problem:rights-request-required","title":"An open request of the resident is required","status":422,
            "detail":"Name the resident's open ACCESS_COPY request in requestId: the operator records it first (POST /api/v1/residents/7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f/rights-requests)",
            "instance":"/api/v1/residents/7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f/access-copy","requestKind":"ACCESS_COPY"}""")))
    @APIResponse(responseCode = "404", description = "No such resident in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response get(@PathParam("id") UUID residentId,
            @Parameter(description = "The resident's open ACCESS_COPY request this copy answers", required = true, schema = @Schema(type = SchemaType.STRING, format = "uuid"), example = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091") @QueryParam("requestId") String requestId,
            @Parameter(description = "Add the capture files still held", schema = @Schema(type = SchemaType.BOOLEAN, defaultValue = "false")) @QueryParam("files") String files) {
        Boolean withFiles = QueryParams.bool("files", files);
        AccessCopy.Contents contents = copies.gather(caller, residentId, QueryParams.uuid("requestId", requestId),
                Boolean.TRUE.equals(withFiles));
        StreamingOutput body = out -> copies.write(caller, contents, out);
        return Response.ok(body, ZIP)
                .header("Content-Disposition", "attachment; filename=access-copy-" + residentId + ".zip")
                .header("Cache-Control", "no-store").build();
    }
}
