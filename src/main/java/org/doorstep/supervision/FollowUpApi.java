package org.doorstep.supervision;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the follow-up endpoints. */
public final class FollowUpApi {

    private FollowUpApi() {
    }

    @Schema(name = "RecordFollowUpRequest", description = "One call to the resident. When reached, satisfaction and resolved"
            + " are required; when not reached, both must be left out.")
    public record Call(
            @NotNull @Schema(description = "Whether the resident (or the caller who booked) answered", examples = "true") Boolean reached,
            @Min(1) @Max(10) @Schema(description = "The resident's rating, 1 to 10 (十星好评 is 10)", examples = "9") Integer satisfaction,
            @Schema(description = "Whether the resident says the matter is resolved", examples = "true") Boolean resolved,
            @Size(max = 500) @Schema(examples = "老人很满意，证件已办好") String comment) {
    }

    @Schema(name = "FollowUp")
    public record View(UUID id, UUID visitId, boolean reached,
            @Schema(description = "Only when reached") Integer satisfaction,
            @Schema(description = "Only when reached") Boolean resolved, String comment,
            @Schema(description = "The operator who called") UUID calledBy, Instant calledAt) {

        static View from(FollowUp f) {
            return new View(f.id(), f.visitId(), f.reached(), f.satisfaction(), f.resolved(), f.comment(), f.calledBy(),
                    f.calledAt());
        }

        @Schema(name = "FollowUpPage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
