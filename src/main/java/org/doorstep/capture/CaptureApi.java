package org.doorstep.capture;

import java.time.Instant;
import java.util.UUID;

import org.doorstep.catalog.CaptureKind;
import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Response records of the capture endpoints. */
public final class CaptureApi {

    private CaptureApi() {
    }

    @Schema(name = "Capture", description = "One file captured on a visit (its bytes: GET /api/v1/captures/{id}/content)")
    public record View(UUID id, CaptureKind kind,
            @Schema(description = "Known from the bytes, whatever the tablet said", examples = "image/jpeg") String contentType,
            @Schema(description = "Bytes", examples = "1843200") long size,
            @Schema(description = "SHA-256 of the file, lower-case hex; also its ETag", examples = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08") String sha256,
            @Schema(description = "When the tablet says it was taken") Instant capturedAt,
            @Schema(description = "A face image: kept only for the retention period") boolean biometric,
            @Schema(description = "Present once a biometric capture's bytes were deleted") Instant purgedAt,
            @Schema(description = "Why they were deleted, when they were") Capture.PurgeReason purgeReason) {

        static View from(Capture c) {
            return new View(c.id(), c.kind(), c.contentType(), c.size(), c.sha256(), c.capturedAt(), c.biometric(),
                    c.purgedAt(), c.purgeReason());
        }

        @Schema(name = "CapturePage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
