package org.doorstep.identity;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/devices")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class DeviceResource {

    private static final String DEVICE_EXAMPLE = """
            {"id":"0b7e6c1a-3f0e-4b8a-9d1e-5a2c3b4d5e6f","label":"永安一队 平板 3","serialNumber":"R52T30ABCDE",
            "status":"ACTIVE","model":"Redmi Pad SE","osVersion":"Android 14","appVersion":"1.4.2",
            "lastSeenAt":"2026-11-27T09:30:00+08:00","lastStaffId":"5d2f0a7e-8c1b-4e3a-9f6d-2b7c8a9e0f1d",
            "enrolledAt":"2026-11-20T08:40:12+08:00","createdAt":"2026-11-20T08:35:02+08:00"}""";

    private final DeviceService devices;
    private final Caller caller;

    public DeviceResource(DeviceService devices, Caller caller) {
        this.devices = devices;
        this.caller = caller;
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "registerDevice", summary = "Register a tablet", description = "Roles: admin. Returns a one-time enrolment code (shown once, valid 15 minutes) to type on"
            + " the tablet or show as a QR code.")
    @APIResponse(responseCode = "201", description = "Registered; enrol it within 15 minutes", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.Registration.class), examples = @ExampleObject(name = "registered", value = """
            {"id":"0b7e6c1a-3f0e-4b8a-9d1e-5a2c3b4d5e6f","enrollmentCode":"7K3M-9QXA-2F4T",
            "enrollmentExpiresAt":"2026-11-27T09:45:00+08:00",
            "enrollmentQrCode":"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="}""")))
    @APIResponse(responseCode = "409", description = "device-serial-taken: a tablet with this serial is registered", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response register(@NotNull @Valid DeviceApi.Register request) {
        DeviceService.Registration registration = devices.register(caller, request.label(), request.serialNumber());
        return Response.created(URI.create("/api/v1/devices/" + registration.device().id()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").entity(DeviceApi.Registration.of(registration)).build();
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/enrollment-code")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "renewDeviceEnrollmentCode", summary = "A new enrolment code for a tablet not enrolled yet", description = "Roles: admin. When the"
            + " code ran out before the tablet was set up: the old code stops working and a new one (valid 15 minutes)"
            + " is shown once, with its QR code. Audited.")
    @APIResponse(responseCode = "200", description = "A new code", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.Registration.class), examples = @ExampleObject(name = "renewed", value = """
            {"id":"0b7e6c1a-3f0e-4b8a-9d1e-5a2c3b4d5e6f","enrollmentCode":"Q4TR-8HWN-6JXC",
            "enrollmentExpiresAt":"2026-11-27T10:05:00+08:00",
            "enrollmentQrCode":"data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4="}""")))
    @APIResponse(responseCode = "404", description = "No such tablet in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "device-not-pending: the tablet is enrolled or revoked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response renewEnrollmentCode(@PathParam("id") UUID id) {
        return Response.ok(DeviceApi.Registration.of(devices.renewEnrollmentCode(caller, id)))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/enroll")
    @PermitAll
    @Operation(operationId = "enrollDevice", summary = "A tablet trades its enrolment code for its secret", description = "Roles: none (public; the code is the credential). The code works once. The secret is shown"
            + " once: keep it in the tablet's keystore.")
    @APIResponse(responseCode = "200", description = "Enrolled", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.Enrollment.class), examples = @ExampleObject(name = "enrolled", value = """
            {"deviceId":"0b7e6c1a-3f0e-4b8a-9d1e-5a2c3b4d5e6f",
            "deviceSecret":"ds_b6xv0Xc2Jt6mQk3yR1nE8sW4aZ7uH5pL9oD2fG3jK0c"}""")))
    @APIResponse(responseCode = "401", description = "invalid-enrollment-code: unknown, expired or used", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviceApi.Enrollment enroll(@NotNull @Valid DeviceApi.Enroll request) {
        DeviceService.Enrollment enrollment = devices.enroll(request.enrollmentCode(), request.model(),
                request.osVersion(), request.appVersion());
        return new DeviceApi.Enrollment(enrollment.deviceId(), enrollment.deviceSecret());
    }

    @GET
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "listDevices", summary = "The town's tablets", description = "Roles: admin. With status, last seen time, last user and app version.")
    @APIResponse(responseCode = "200", description = "One page of tablets", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.View.Paged.class), examples = @ExampleObject(name = "tablets", value = "{\"items\":["
            + DEVICE_EXAMPLE
            + "],\"page\":0,\"size\":50,\"total\":1}")))
    public Page<DeviceApi.View> list(@QueryParam("page") String page, @QueryParam("size") String size) {
        return devices.list(caller, PageRequest.of(page, size)).map(DeviceApi.View::from);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "getDevice", summary = "One tablet", description = "Roles: admin.")
    @APIResponse(responseCode = "200", description = "The tablet", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.View.class), examples = @ExampleObject(name = "tablet", value = DEVICE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such tablet in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviceApi.View get(@PathParam("id") UUID id) {
        return DeviceApi.View.from(devices.get(caller, id));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/{id}/revoke")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "revokeDevice", summary = "Revoke a lost tablet", description = "Roles: admin. Every access and refresh token the tablet holds stops working at once (the"
            + " next request answers 401), on every instance; other tablets are not affected. Revoking twice"
            + " is harmless.")
    @APIResponse(responseCode = "200", description = "Revoked", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = DeviceApi.View.class), examples = @ExampleObject(name = "revoked", value = DEVICE_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such tablet in your town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DeviceApi.View revoke(@PathParam("id") UUID id) {
        return DeviceApi.View.from(devices.revoke(caller, id));
    }
}
