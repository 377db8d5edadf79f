package org.doorstep.capture;

import java.io.InputStream;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A capture's bytes, decrypted as they stream; every read is audited. */
@Path("/api/v1/captures")
@Tag(name = "Captures")
public class CaptureContentResource {

    private final CaptureService captures;
    private final Caller caller;

    public CaptureContentResource(CaptureService captures, Caller caller) {
        this.captures = captures;
        this.caller = caller;
    }

    @GET
    @Path("/{id}/content")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed({ Roles.FIELD_AGENT, Roles.SUPERVISOR })
    @Operation(operationId = "getCaptureContent", summary = "A capture's bytes", description = "Roles: field_agent of"
            + " the team the visit is assigned to, supervisor (another team's or town's capture: 404). Streamed"
            + " with its real Content-Type and ETag the file's SHA-256. Every read writes an audit entry"
            + " (CAPTURE_READ). A biometric capture past its retention is 410.")
    @APIResponse(responseCode = "200", description = "The file", headers = {
            @Header(name = "ETag", description = "The file's SHA-256", schema = @Schema(type = SchemaType.STRING, examples = "\"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\"")),
            @Header(name = "Content-Length", schema = @Schema(type = SchemaType.INTEGER, examples = "1843200")) }, content = {
                    @Content(mediaType = "image/jpeg", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "image/png", schema = @Schema(type = SchemaType.STRING, format = "binary")),
                    @Content(mediaType = "application/pdf", schema = @Schema(type = SchemaType.STRING, format = "binary")) })
    @APIResponse(responseCode = "404", description = "No such capture in your town (or of your team)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "capture-purged: its bytes were deleted at the end of its retention", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "capture-bytes-missing: the capture store has lost (part of) its bytes; the service's log names what", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "capture-store-unavailable: the capture store did not answer; ask again after Retry-After", headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER, examples = "5")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response content(@PathParam("id") UUID id) {
        CaptureService.Content content = captures.content(caller, id);
        StreamingOutput stream = out -> {
            try (InputStream bytes = content.bytes()) {
                bytes.transferTo(out);
            }
        };
        return Response.ok(stream, content.contentType()).header(HttpHeaders.CONTENT_LENGTH, content.size())
                .header(HttpHeaders.ETAG, "\"" + content.sha256() + "\"").header(HttpHeaders.CACHE_CONTROL, "private, no-store")
                .header("X-Content-Type-Options", "nosniff").build();
    }
}
