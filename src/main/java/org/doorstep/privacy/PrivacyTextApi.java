package org.doorstep.privacy;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the privacy texts. */
public final class PrivacyTextApi {

    private PrivacyTextApi() {
    }

    @Schema(name = "PrivacyText", description = "A notice or consent text as published; a consent names the id of the one the resident agreed to")
    public record View(UUID id, PrivacyTextPurpose purpose,
            @Schema(description = "COUNTY: the county's wording, which every town without its own uses; TOWN: the town's own") PrivacyTexts.Scope scope,
            @Schema(description = "Counts up within its scope and purpose", examples = "2") int version,
            @Schema(examples = "为办理您申请的上门服务，我们将收集并使用您的姓名、身份证号、联系电话和住址……") String text,
            Instant publishedAt) {

        static View from(PrivacyText t) {
            return new View(t.id(), t.purpose(), PrivacyTexts.scopeOf(t), t.version(), t.body(), t.publishedAt());
        }
    }

    @Schema(name = "PublishPrivacyTextRequest")
    public record Publish(
            @NotNull @Schema(description = "COUNTY needs the county_admin role; TOWN publishes the caller's town's own wording") PrivacyTexts.Scope scope,
            @NotBlank @Size(min = 20, max = 5000) @Schema(description = "What is collected, why, for how long, and who receives it") String text) {
    }
}
