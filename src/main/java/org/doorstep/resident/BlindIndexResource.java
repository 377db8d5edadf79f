package org.doorstep.resident;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/admin/blind-index/reindex")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Residents")
public class BlindIndexResource {

    @Schema(name = "BlindIndexReindex", description = "The re-index of the residents' blind indexes (ID and phone numbers)"
            + " with the index key that writes (doorstep.pii.index-key)")
    public record View(
            @Schema(description = "The id of the index key that writes: 16 hex digits derived from the key, saying nothing about it; the same on every instance", examples = "3f9a0c1d2e4b5a69") String indexKeyId,
            @Schema(description = "The id of the key being replaced (doorstep.pii.previous-index-key), while one is configured", examples = "b27e410c95d3f806") String previousIndexKeyId,
            @Schema(description = "NOT_STARTED, RUNNING, PAUSED, DONE (no resident carries another key's index: the previous key may be removed) or FAILED (see failure)", examples = "RUNNING") BlindIndexRotation.State state,
            @Schema(description = "Residents re-indexed by this run", examples = "1500") long rowsDone,
            @Schema(description = "Residents whose ID or phone number index is not yet the writing key's, counted now", examples = "38500") long rowsRemaining,
            @Schema(description = "Batches committed", examples = "3") int batches,
            Instant startedAt, Instant finishedAt,
            @Schema(description = "Why the run stopped, when it failed; names resident ids at most, never numbers", examples = "The numbers of resident 7f1e2d3c-4b5a-4c6d-8e7f-9a0b1c2d3e4f cannot be decrypted (No key pii2025 in doorstep.pii.keys to decrypt with); configure the key they were encrypted with in doorstep.pii.keys, then start again") String failure) {

        static View from(BlindIndexRotation.Progress p) {
            return new View(p.indexKeyId(), p.previousIndexKeyId(), p.state(), p.rowsDone(), p.rowsRemaining(),
                    p.batches(), p.startedAt(), p.finishedAt(), p.failure());
        }
    }

    private static final String RUNNING = """
            {"indexKeyId":"3f9a0c1d2e4b5a69","previousIndexKeyId":"b27e410c95d3f806","state":"RUNNING","rowsDone":1500,
            "rowsRemaining":38500,"batches":3,"startedAt":"2026-11-27T21:00:04+08:00"}""";
    private static final String DONE = """
            {"indexKeyId":"3f9a0c1d2e4b5a69","previousIndexKeyId":"b27e410c95d3f806","state":"DONE","rowsDone":40000,
            "rowsRemaining":0,"batches":80,"startedAt":"2026-11-27T21:00:04+08:00",
            "finishedAt":"2026-11-27T21:03:51+08:00"}""";
    private static final String FORBIDDEN = """
            {"type":"urn:doorstep:problem:forbidden","title":"This role may not do that","status":403,
            "detail":"This role may not do that","instance":"/api/v1/admin/blind-index/reindex"}""";

    private final BlindIndexRotation rotation;
    private final Caller caller;

    public BlindIndexResource(BlindIndexRotation rotation, Caller caller) {
        this.rotation = rotation;
        this.caller = caller;
    }

    @GET
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(operationId = "getBlindIndexReindex", summary = "How far the re-index of the blind indexes has come", description = "Roles: county_admin (the index key is the county's). The residents still to do are counted at each call. DONE means no resident's ID or phone number is indexed with another key: doorstep.pii.previous-index-key may then be removed from the configuration.")
    @APIResponse(responseCode = "200", description = "The re-index to the writing key", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = {
            @ExampleObject(name = "running", value = RUNNING), @ExampleObject(name = "done", value = DONE) }))
    @APIResponse(responseCode = "403", description = "forbidden: not a county admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    public View progress() {
        return View.from(rotation.progress());
    }

    @POST
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(operationId = "startBlindIndexReindex", summary = "Start or resume the re-index of the blind indexes", description = "Roles: county_admin. After doorstep.pii.index-key was changed (the old key kept as"
            + " doorstep.pii.previous-index-key), moves every resident's ID and phone number index to the new key,"
            + " in the background, batch by batch (doorstep.pii.reindex.batch-size per transaction); a paused or"
            + " failed run goes on where it stopped, and a run whose instance stopped is taken over by another."
            + " Lookups, registrations and corrections work on meanwhile. Audited (BLIND_INDEX_REINDEX_STARTED, then"
            + " _FINISHED or _FAILED), without personal data.")
    @APIResponse(responseCode = "202", description = "Running (started now, resumed, or already running)", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "running", value = RUNNING)))
    @APIResponse(responseCode = "200", description = "Nothing to do: every index is the writing key's already", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "done", value = DONE)))
    @APIResponse(responseCode = "403", description = "forbidden: not a county admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    public Response start() {
        View view = View.from(rotation.start(caller));
        return Response.status(view.state() == BlindIndexRotation.State.DONE ? 200 : 202).entity(view).build();
    }

    @POST
    @Path("/pause")
    @RolesAllowed(Roles.COUNTY_ADMIN)
    @Operation(operationId = "pauseBlindIndexReindex", summary = "Pause the re-index of the blind indexes", description = "Roles: county_admin. Stops after the batch in hand (say, for the desks' busy hours); starting"
            + " it again goes on from there. Lookups keep accepting both keys while it is paused. Audited"
            + " (BLIND_INDEX_REINDEX_PAUSED).")
    @APIResponse(responseCode = "200", description = "Paused", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = View.class), examples = @ExampleObject(name = "paused", value = """
            {"indexKeyId":"3f9a0c1d2e4b5a69","previousIndexKeyId":"b27e410c95d3f806","state":"PAUSED","rowsDone":1500,
            "rowsRemaining":38500,"batches":3,"startedAt":"2026-11-27T21:00:04+08:00"}""")))
    @APIResponse(responseCode = "403", description = "forbidden: not a county admin", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "forbidden", value = FORBIDDEN)))
    @APIResponse(responseCode = "409", description = "reindex-not-running: nothing to pause", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class), examples = @ExampleObject(name = "not-running", value = """
            {"type":"urn:doorstep:problem:reindex-not-running","title":"No re-index is running","status":409,
            "detail":"No re-index of the blind indexes is running; its progress says where it stands",
            "instance":"/api/v1/admin/blind-index/reindex/pause"}""")))
    public View pause() {
        return View.from(rotation.pause(caller));
    }
}
