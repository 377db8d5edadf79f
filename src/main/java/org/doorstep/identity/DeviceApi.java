package org.doorstep.identity;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the tablet endpoints. */
public final class DeviceApi {

    private DeviceApi() {
    }

    @Schema(name = "RegisterDeviceRequest")
    public record Register(
            @NotBlank @Size(max = 100) @Schema(examples = "永安一队 平板 3") String label,
            @Size(max = 100) @Schema(examples = "R52T30ABCDE") String serialNumber) {
    }

    @Schema(name = "DeviceRegistration", description = "The enrolment code is shown once; it is single use and short-lived")
    public record Registration(UUID id,
            @Schema(examples = "7K3M-9QXA-2F4T") String enrollmentCode,
            Instant enrollmentExpiresAt,
            @Schema(description = "The enrolment code as a QR code for the tablet's camera: an SVG image in a data: URI", examples = "data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciLz4=") String enrollmentQrCode) {

        static Registration of(DeviceService.Registration registration) {
            return new Registration(registration.device().id(), registration.enrollmentCode(),
                    registration.device().enrollmentExpiresAt(), EnrollmentQr.dataUri(registration.enrollmentCode()));
        }
    }

    @Schema(name = "EnrollRequest")
    public record Enroll(
            @NotBlank @Size(max = 40) @Schema(examples = "7K3M-9QXA-2F4T") String enrollmentCode,
            @Size(max = 100) @Schema(examples = "Redmi Pad SE") String model,
            @Size(max = 50) @Schema(examples = "Android 14") String osVersion,
            @Size(max = 50) @Schema(examples = "1.4.2") String appVersion) {
    }

    @Schema(name = "DeviceEnrollment", description = "The device secret is shown once; keep it in the tablet's keystore")
    public record Enrollment(UUID deviceId,
            @Schema(examples = "ds_b6xv0Xc2Jt6mQk3yR1nE8sW4aZ7uH5pL9oD2fG3jK0c") String deviceSecret) {
    }

    @Schema(name = "Device")
    public record View(UUID id, String label, String serialNumber, DeviceStatus status, String model, String osVersion,
            String appVersion, Instant lastSeenAt, UUID lastStaffId, Instant enrolledAt, Instant revokedAt,
            Instant createdAt) {

        public static View from(Device d) {
            return new View(d.id(), d.label(), d.serialNumber(), d.status(), d.model(), d.osVersion(), d.appVersion(),
                    d.lastSeenAt(), d.lastStaffId(), d.enrolledAt(), d.revokedAt(), d.createdAt());
        }

        @Schema(name = "DevicePage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
