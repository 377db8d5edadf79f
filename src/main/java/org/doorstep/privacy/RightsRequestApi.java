package org.doorstep.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.doorstep.booking.CallerRelation;
import org.doorstep.shared.openapi.PageSchema;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of residents' rights requests. */
public final class RightsRequestApi {

    private RightsRequestApi() {
    }

    @Schema(name = "RecordRightsRequest")
    public record Record(@NotNull RightsRequestKind kind,
            @NotNull @Schema(description = "SELF when the resident asks; otherwise who acts for them, named in requesterName") CallerRelation requestedBy,
            @Size(max = 50) @Schema(description = "Required when someone acts for the resident, absent otherwise", examples = "胡建国") String requesterName,
            @NotNull IdentityCheck identityCheck,
            @Size(max = 500) @Schema(description = "What the resident asks, in their words (no numbers needed)", examples = "电话号码换了，要改成新号码") String details) {
    }

    @Schema(name = "CloseRightsRequest")
    public record Close(@NotNull @Schema(description = "DONE or REFUSED") RightsRequestStatus outcome,
            @Size(max = 500) @Schema(description = "Required for REFUSED: the legal reason, which the resident is told", examples = "该工单仍在办理中，办结前不能删除（《个人信息保护法》第四十七条）") String reason) {
    }

    @Schema(name = "RightsRequest")
    public record View(UUID id, UUID residentId, RightsRequestKind kind, CallerRelation requestedBy, String requesterName,
            IdentityCheck identityCheck, String details, RightsRequestStatus status,
            @Schema(description = "Why it was refused, as the resident is told") String reason,
            Instant receivedAt,
            @Schema(description = "Counted in working days on the national calendar from the day it came in") Instant dueAt,
            boolean overdue, UUID recordedBy, Instant closedAt, UUID closedBy, long version) {

        static View from(RightsRequest r, boolean overdue) {
            return new View(r.id(), r.residentId(), r.kind(), r.requestedBy(), r.requesterName(), r.identityCheck(),
                    r.details(), r.status(), r.reason(), r.receivedAt(), r.dueAt(), overdue, r.recordedBy(), r.closedAt(),
                    r.closedBy(), r.version());
        }

        @Schema(name = "RightsRequestPage")
        public static final class Paged extends PageSchema<View> {
        }
    }
}
