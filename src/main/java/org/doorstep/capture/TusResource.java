package org.doorstep.capture;

import java.io.InputStream;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The tus 1.0 upload resources: {@code HEAD} (where to resume), {@code PATCH} (append),
 * {@code DELETE} (termination) and {@code OPTIONS} (discovery). Uploads are created at
 * {@code POST /api/v1/visits/{id}/captures}.
 */
@Path("/api/v1/uploads")
@Tag(name = "Captures")
public class TusResource {

    private final UploadService uploads;
    private final PatchStreams streams;
    private final CapturePolicy policy;
    private final Caller caller;

    public TusResource(UploadService uploads, PatchStreams streams, CapturePolicy policy, Caller caller) {
        this.uploads = uploads;
        this.streams = streams;
        this.policy = policy;
        this.caller = caller;
    }

    @OPTIONS
    @PermitAll
    @Operation(operationId = "discoverTus", summary = "What this tus server supports", description = "Roles: none (open)."
            + " tus discovery: the protocol versions, extensions, largest upload and checksum algorithms.")
    @APIResponse(responseCode = "204", description = "The server's tus capabilities", headers = {
            @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.VERSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.EXTENSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.SUPPORTED_EXTENSIONS)),
            @Header(name = Tus.MAX_SIZE, description = "The largest capture of any kind, in bytes", schema = @Schema(type = SchemaType.INTEGER, examples = "31457280")),
            @Header(name = Tus.CHECKSUM_ALGORITHMS, schema = @Schema(type = SchemaType.STRING, examples = Tus.SUPPORTED_CHECKSUMS)) })
    @APIResponse(responseCode = "400", description = "Never for a well-formed request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discover() {
        return capabilities(policy);
    }

    @OPTIONS
    @Path("/{id}")
    @PermitAll
    @Operation(operationId = "discoverTusOnUpload", summary = "What this tus server supports", description = "Roles: none (open). The same as OPTIONS /api/v1/uploads.")
    @APIResponse(responseCode = "204", description = "The server's tus capabilities", headers = {
            @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.VERSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.EXTENSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.SUPPORTED_EXTENSIONS)) })
    @APIResponse(responseCode = "400", description = "Never for a well-formed request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discoverOnUpload(@PathParam("id") String id) {
        return capabilities(policy);
    }

    static Response capabilities(CapturePolicy policy) {
        return Response.noContent().header(Tus.RESUMABLE, Tus.VERSION).header(Tus.VERSIONS, Tus.VERSION)
                .header(Tus.EXTENSIONS, Tus.SUPPORTED_EXTENSIONS).header(Tus.MAX_SIZE, policy.largest())
                .header(Tus.CHECKSUM_ALGORITHMS, Tus.SUPPORTED_CHECKSUMS).build();
    }

    @HEAD
    @Path("/{id}")
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "uploadOffset", summary = "Where to resume an upload", description = "Roles: field_agent who"
            + " started the upload (anyone else: 404). tus core: Upload-Offset is the number of bytes the server"
            + " has; resume from there. An expired upload, or one whose visit no longer takes captures, is 410.")
    @APIResponse(responseCode = "200", description = "The upload's offset (no body)", headers = {
            @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.OFFSET, description = "Bytes received", schema = @Schema(type = SchemaType.INTEGER, examples = "1048576")),
            @Header(name = Tus.LENGTH, description = "The file's length", schema = @Schema(type = SchemaType.INTEGER, examples = "1843200")),
            @Header(name = Tus.METADATA, description = "kind, filename, sha256, capturedAt", schema = @Schema(type = SchemaType.STRING, examples = "kind RkFDRV9QSE9UTw==,filename ZmFjZS5qcGc=")),
            @Header(name = Tus.EXPIRES, description = "While bytes are awaited: when the upload expires unless continued", schema = @Schema(type = SchemaType.STRING, examples = "Sat, 28 Nov 2026 09:30:00 GMT")),
            @Header(name = Tus.CAPTURE_ID, description = "Once every byte is in: the capture's id", schema = @Schema(type = SchemaType.STRING, format = "uuid", examples = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98")),
            @Header(name = "Cache-Control", schema = @Schema(type = SchemaType.STRING, examples = "no-store")) })
    @APIResponse(responseCode = "404", description = "No such upload of yours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "upload-expired, upload-gone: the upload cannot go on", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "unsupported-tus-version: Tus-Version names the one spoken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response offset(@PathParam("id") UUID id, @HeaderParam(Tus.RESUMABLE) String version) {
        Tus.requireVersion(version);
        UploadService.Offset offset = uploads.offset(caller, id);
        Response.ResponseBuilder answer = Response.ok().header(Tus.RESUMABLE, Tus.VERSION)
                .header(Tus.OFFSET, offset.offset()).header(Tus.LENGTH, offset.length())
                .header(Tus.METADATA, encode(offset.metadata())).header(HttpHeaders.CACHE_CONTROL, "no-store");
        if (offset.expiresAt() != null) {
            answer.header(Tus.EXPIRES, Tus.httpDate(offset.expiresAt()));
        }
        if (offset.offset() == offset.length()) {
            answer.header(Tus.CAPTURE_ID, id);
        }
        return answer.build();
    }

    @PATCH
    @Path("/{id}")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "appendToUpload", summary = "Append bytes to an upload", description = "Roles: field_agent"
            + " who started the upload (anyone else: 404). tus core with checksum: the body"
            + " (application/offset+octet-stream) is appended at Upload-Offset, which must be the server's offset"
            + " (else 409). A body cut off by the network is kept as far as it came, unless it carried"
            + " Upload-Checksum (sha1 or sha256 of this body; a mismatch is 460 and nothing is kept). With the last"
            + " byte the whole file is checked: its SHA-256 against the sha256 declared at creation (460, the last"
            + " chunk is not kept), its real type by its first bytes against what its kind takes, and an image's"
            + " declared pixel count (422 capture-content-refused, the upload is discarded); then it is a capture"
            + " of the visit. Each PATCH is stored as a part of its own, so chunks may be of any size and any"
            + " instance may take any of them; send chunks of at least 1 MiB where the signal allows (each costs a"
            + " request and a stored part), smaller ones where it does not.")
    @RequestBody(content = @Content(mediaType = Tus.PATCH_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "204", description = "Appended", headers = {
            @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.OFFSET, description = "The new offset", schema = @Schema(type = SchemaType.INTEGER, examples = "1843200")),
            @Header(name = Tus.EXPIRES, description = "While bytes are still awaited", schema = @Schema(type = SchemaType.STRING, examples = "Sat, 28 Nov 2026 09:30:00 GMT")),
            @Header(name = Tus.CAPTURE_ID, description = "With the last byte: the capture's id (for a consent's signatureCaptureId)", schema = @Schema(type = SchemaType.STRING, format = "uuid", examples = "3c2b1a09-8f7e-4d6c-9b5a-4e3d2c1b0a98")) })
    @APIResponse(responseCode = "400", description = "upload-interrupted: the body ended before its Upload-Checksum could be checked (nothing of it kept); validation: a header is not valid", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such upload of yours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "offset-mismatch: Upload-Offset is not the server's (which the Upload-Offset header of the answer gives)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "410", description = "upload-expired, upload-gone", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "unsupported-tus-version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "chunk-too-large: more bytes than the upload has to go", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "The body is not application/offset+octet-stream", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "capture-content-refused: the file's real type is not one its kind takes, or an image declares too many pixels", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "460", description = "checksum-mismatch: the body's Upload-Checksum, or with the last byte the file's declared sha256, does not match", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "502", description = "capture-bytes-missing: an earlier part of the upload is missing from the capture store; terminate it and upload again", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "capture-store-unavailable: the capture store did not take the bytes; nothing of this request was kept, send it again after Retry-After. unavailable: this agent (4), or the instance (64), is receiving as many chunks at once as it takes; nothing was read, send it again after Retry-After", headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER, examples = "5")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "507", description = "capture-store-full: the capture store has no room left; nothing of this request was kept, keep the file and send it again later (after Retry-After) from the offset HEAD gives", headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER, examples = "300")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response append(@PathParam("id") UUID id, @HeaderParam(Tus.RESUMABLE) String version,
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER)) @HeaderParam(Tus.OFFSET) String offset,
            @Parameter(description = "sha1 or sha256 and the base64 digest of this body", example = "sha256 n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=") @HeaderParam(Tus.CHECKSUM) String checksum,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, InputStream body) {
        Tus.requireVersion(version);
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith(Tus.PATCH_MEDIA_TYPE)) {
            throw Tus.error(ProblemType.UNSUPPORTED_MEDIA_TYPE, "A PATCH body is " + Tus.PATCH_MEDIA_TYPE);
        }
        long at = Tus.nonNegative(Tus.OFFSET, offset);
        Long length = contentLength == null ? null : Tus.nonNegative(HttpHeaders.CONTENT_LENGTH, contentLength);
        Tus.Checksum sum = Tus.checksum(checksum);
        UploadService.Offset appended = streams.run(caller.staffId(), () -> uploads.append(caller, id, at, length, sum, body));
        Response.ResponseBuilder answer = Response.noContent().header(Tus.RESUMABLE, Tus.VERSION)
                .header(Tus.OFFSET, appended.offset());
        if (appended.expiresAt() != null) {
            answer.header(Tus.EXPIRES, Tus.httpDate(appended.expiresAt()));
        }
        if (appended.offset() == appended.length()) {
            answer.header(Tus.CAPTURE_ID, id);
        }
        return answer.build();
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "terminateUpload", summary = "Terminate an upload", description = "Roles: field_agent who"
            + " started the upload (anyone else: 404). tus termination: the upload and its bytes are deleted; a"
            + " complete capture is not taken back this way (409).")
    @APIResponse(responseCode = "204", description = "Terminated", headers = @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)))
    @APIResponse(responseCode = "404", description = "No such upload of yours", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "capture-complete", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "unsupported-tus-version", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response terminate(@PathParam("id") UUID id, @HeaderParam(Tus.RESUMABLE) String version) {
        Tus.requireVersion(version);
        uploads.terminate(caller, id);
        return Response.noContent().header(Tus.RESUMABLE, Tus.VERSION).build();
    }

    static String encode(Map<String, String> metadata) {
        return metadata.entrySet().stream()
                .map(e -> e.getKey() + " " + Base64.getEncoder().encodeToString(
                        e.getValue().getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .collect(Collectors.joining(","));
    }
}
