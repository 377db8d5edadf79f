package org.doorstep.catalog;

import java.util.List;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ServiceType", description = "One entry of the town's service catalogue (事项清单)")
public record ServiceTypeResponse(
        @Schema(examples = "RETIREMENT_CERTIFICATION") String code,
        @Schema(examples = "退休资格认证") String name,
        @Schema(description = "What must be captured before the visit can be completed, in capture order") List<CaptureKind> requiredCaptures,
        @Schema(description = "Whether a face image is taken; needs the resident's consent first") boolean biometric,
        @Schema(description = "Expected length of the visit at the door", examples = "30") int durationMinutes,
        @Schema(description = "Working days from booking to the deadline (dueAt)", examples = "5") int deadlineDays) {

    public static ServiceTypeResponse from(ServiceType type) {
        return new ServiceTypeResponse(type.code(), type.name(), type.requiredCaptures(), type.biometric(),
                type.durationMinutes(), type.deadlineDays());
    }

    /** The contract's name for a page of these. */
    @Schema(name = "ServiceTypePage")
    public static final class Paged extends PageSchema<ServiceTypeResponse> {
    }
}
