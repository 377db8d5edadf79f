package org.doorstep.capture;

import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.OPTIONS;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A visit's captures: starting a tus upload (tus creation, with or without its first bytes) and listing them. */
@Path("/api/v1/visits/{id}/captures")
@Tag(name = "Captures")
public class CaptureResource {

    static final String CAPTURE_EXAMPLE = """
            {"id":"0b8f5c2e-6d1a-4f3e-9c7b-2a4d6e8f0a1c","kind":"FACE_PHOTO","contentType":"image/jpeg","size":1843200,
            "sha256":"9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "capturedAt":"2026-11-30T09:41:07+08:00","biometric":true}""";

    private final UploadService uploads;
    private final PatchStreams streams;
    private final CaptureService captures;
    private final CapturePolicy policy;
    private final Caller caller;

    public CaptureResource(UploadService uploads, PatchStreams streams, CaptureService captures, CapturePolicy policy,
            Caller caller) {
        this.uploads = uploads;
        this.streams = streams;
        this.captures = captures;
        this.policy = policy;
        this.caller = caller;
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.FIELD_AGENT)
    @Operation(operationId = "startCaptureUpload", summary = "Start uploading a capture (tus creation)", description = "Roles:"
            + " field_agent of the team the visit is assigned to (another team's or town's visit: 404). tus 1.0"
            + " creation, no body: Tus-Resumable 1.0.0, Upload-Length, and Upload-Metadata with kind (a capture kind),"
            + " filename (metadata only), sha256 (of the whole file, 64 lower-case hex) and capturedAt (ISO-8601 with"
            + " offset). Only while the visit is ON_SITE, or COMPLETED within the late-upload grace (409 otherwise);"
            + " a face photo only for a biometric service and after the resident's consent (403 consent-required)."
            + " Upload-Length over the kind's limit is 413. Then PATCH the bytes to the Location. tus creation-with-upload:"
            + " the request may bring the first bytes (or all of them) as its body, Content-Type"
            + " application/offset+octet-stream, with an optional Upload-Checksum of that body; they are taken as a"
            + " PATCH at offset 0 would take them, and Upload-Offset answers how many were kept, which saves a round"
            + " trip per capture on a slow network. If the upload was created but its body is refused, the problem"
            + " answered carries the upload's Location: HEAD it and go on from its offset, or terminate it.")
    @RequestBody(required = false, content = @Content(mediaType = Tus.PATCH_MEDIA_TYPE, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    @APIResponse(responseCode = "201", description = "The upload is created; send its bytes (the rest of them) to Location", headers = {
            @Header(name = "Location", description = "The upload", schema = @Schema(type = SchemaType.STRING, examples = "/api/v1/uploads/0b8f5c2e-6d1a-4f3e-9c7b-2a4d6e8f0a1c")),
            @Header(name = Tus.RESUMABLE, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.OFFSET, description = "Bytes kept of the request's body (0 without one); the length means the capture is complete", schema = @Schema(type = SchemaType.INTEGER, examples = "0")),
            @Header(name = Tus.EXPIRES, description = "While bytes are awaited: when the upload expires unless continued", schema = @Schema(type = SchemaType.STRING, examples = "Sat, 28 Nov 2026 09:30:00 GMT")),
            @Header(name = Tus.CAPTURE_ID, description = "When the body brought every byte: the capture's id", schema = @Schema(type = SchemaType.STRING, format = "uuid", examples = "0b8f5c2e-6d1a-4f3e-9c7b-2a4d6e8f0a1c")) })
    @APIResponse(responseCode = "400", description = "validation: Upload-Length or Upload-Metadata is missing or wrong (errors name the field, e.g. Upload-Metadata.sha256)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "consent-required: a face photo before the resident's consent", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such visit of your team", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "visit-not-taking-captures: currentStatus says where the visit stands; capture-quota-exceeded: the agent has too many uploads open (20) or bytes reserved (300 MiB), the visit too many uploads open (12) or captures of this kind (10)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "412", description = "unsupported-tus-version: Tus-Version names the one spoken", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "capture-too-large: Upload-Length is over the kind's limit (maxSize)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "A body that is not application/offset+octet-stream; nothing is created", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "422", description = "capture-not-needed: a face photo for a service that takes none; capture-content-refused: the whole file came with the request and its type or pixel count is refused (the upload is discarded)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "460", description = "checksum-mismatch: the body does not match its Upload-Checksum or, complete, the declared sha256; nothing of it was kept, the upload is at Location", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "unavailable: this agent or the instance is receiving as many chunks at once as it takes; nothing was created, send it again after Retry-After. capture-store-unavailable: the upload is at Location, none of the body was kept", headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER, examples = "5")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "507", description = "capture-store-full: the upload is at Location, none of the body was kept; send it again later", headers = @Header(name = "Retry-After", schema = @Schema(type = SchemaType.INTEGER, examples = "300")), content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@PathParam("id") UUID visitId, @HeaderParam(Tus.RESUMABLE) String version,
            @Parameter(required = true, schema = @Schema(type = SchemaType.INTEGER), example = "1843200") @HeaderParam(Tus.LENGTH) String length,
            @Parameter(hidden = true) @HeaderParam(Tus.DEFER_LENGTH) String deferLength,
            @Parameter(required = true, description = "Comma-separated key and base64 value: kind, filename, sha256, capturedAt", example = "kind RkFDRV9QSE9UTw==,filename ZmFjZS5qcGc=,sha256 OWY4NmQwODE4ODRjN2Q2NTlhMmZlYWEwYzU1YWQwMTVhM2JmNGYxYjJiMGI4MjJjZDE1ZDZjMTViMGYwMGEwOA==,capturedAt MjAyNi0xMS0zMFQwOTo0MTowNyswODowMA==") @HeaderParam(Tus.METADATA) String metadata,
            @Parameter(description = "With a body only: sha1 or sha256 and the base64 digest of the body", example = "sha256 n4bQgYhMfWWaL+qgxVrQFaO/TxsrC4Is0V1sFbDwCgg=") @HeaderParam(Tus.CHECKSUM) String checksum,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, @Context UriInfo uri, InputStream body) {
        Tus.requireVersion(version);
        boolean withBytes = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Tus.PATCH_MEDIA_TYPE);
        if (!withBytes) {
            if (contentLength != null && !contentLength.trim().equals("0")) {
                throw Tus.error(ProblemType.UNSUPPORTED_MEDIA_TYPE, "A creation's body, if any, is " + Tus.PATCH_MEDIA_TYPE
                        + ": the first bytes of the file (tus creation-with-upload)");
            }
            UploadService.Created created = uploads.create(caller, visitId, length, deferLength, Tus.metadata(metadata));
            return started(created, 0, created.expiresAt());
        }
        Long declared = contentLength == null ? null : Tus.nonNegative(HttpHeaders.CONTENT_LENGTH, contentLength);
        Tus.Checksum sum = Tus.checksum(checksum);
        Map<String, String> pairs = Tus.metadata(metadata);
        return streams.run(caller.staffId(), () -> {
            UploadService.Receiving receiving = uploads.createReceiving(caller, visitId, length, deferLength, pairs);
            UploadService.Created created = receiving.created();
            try {
                UploadService.Offset kept = uploads.receive(caller, receiving, declared, sum, body);
                return started(created, kept.offset(), kept.expiresAt());
            } catch (ProblemException refused) {
                // the upload exists unless its content was refused: the client goes on from HEAD, or terminates it
                throw CaptureProblem.CAPTURE_CONTENT_REFUSED.uri().equals(refused.type()) ? refused
                        : refused.header(HttpHeaders.LOCATION, uri.getBaseUri().resolve(location(created)).toString());
            }
        });
    }

    /** 201 for a new upload: the bytes kept of the request's body, and until when it waits for more (none if complete). */
    private static Response started(UploadService.Created created, long offset, Instant expiresAt) {
        Response.ResponseBuilder answer = Response.status(201).location(location(created))
                .header(Tus.RESUMABLE, Tus.VERSION).header(Tus.OFFSET, offset);
        return (expiresAt == null ? answer.header(Tus.CAPTURE_ID, created.id())
                : answer.header(Tus.EXPIRES, Tus.httpDate(expiresAt))).build();
    }

    private static URI location(UploadService.Created created) {
        return URI.create("/api/v1/uploads/" + created.id());
    }

    @OPTIONS
    @PermitAll
    @Operation(operationId = "discoverTusOnCreation", summary = "What this tus server supports", description = "Roles: none (open). The same as OPTIONS /api/v1/uploads.")
    @APIResponse(responseCode = "204", description = "The server's tus capabilities", headers = {
            @Header(name = Tus.VERSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.VERSION)),
            @Header(name = Tus.EXTENSIONS, schema = @Schema(type = SchemaType.STRING, examples = Tus.SUPPORTED_EXTENSIONS)) })
    @APIResponse(responseCode = "400", description = "Never for a well-formed request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response discover(@PathParam("id") String visitId) {
        return TusResource.capabilities(policy);
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.FIELD_AGENT, Roles.DISPATCHER, Roles.SUPERVISOR })
    @Operation(operationId = "listCaptures", summary = "A visit's captures", description = "Roles: field_agent of the team"
            + " the visit is assigned to, dispatcher, supervisor. Complete captures in the order they were taken, and"
            + " purged biometric ones with purgedAt; uploads under way are not captures yet.")
    @APIResponse(responseCode = "200", description = "One page of captures", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CaptureApi.View.Paged.class), examples = @ExampleObject(name = "captures", value = "{\"items\":["
            + CAPTURE_EXAMPLE + "],\"page\":0,\"size\":50,\"total\":1}")))
    @APIResponse(responseCode = "404", description = "No such visit in your town (or of your team)", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<CaptureApi.View> list(@PathParam("id") UUID visitId, @QueryParam("page") String page,
            @QueryParam("size") String size) {
        return captures.list(caller, visitId, PageRequest.of(page, size));
    }
}
