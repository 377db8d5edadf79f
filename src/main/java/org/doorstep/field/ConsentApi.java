package org.doorstep.field;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Request and response records of the consent endpoints. */
public final class ConsentApi {

    private ConsentApi() {
    }

    @Schema(name = "RecordConsentRequest")
    public record Record(
            @NotNull ConsentPurpose purpose,
            @NotNull ConsentGrantor grantedBy,
            @Size(max = 50) @Schema(description = "Required when grantedBy is GUARDIAN, absent otherwise", examples = "胡建国") String guardianName,
            @Schema(description = "Required when grantedBy is GUARDIAN, absent otherwise", examples = "CHILD") ConsentRelation relation,
            @Schema(description = "A complete SIGNATURE capture of this visit, if the consent was signed") UUID signatureCaptureId,
            @NotNull @Schema(description = "The id of the consent text shown to the resident (GET /api/v1/privacy-texts/BIOMETRIC_CAPTURE); a consent to an older version is refused with 409 consent-text-outdated", examples = "6f0d3c52-8a4e-4d8b-9a61-2c7e5b1f0a02") UUID textId) {
    }

    @Schema(name = "Consent")
    public record View(UUID id, UUID visitId, ConsentPurpose purpose, ConsentGrantor grantedBy, String guardianName,
            ConsentRelation relation, UUID signatureCaptureId,
            @Schema(description = "The consent text agreed to; absent for consents recorded before texts were versioned") UUID textId,
            UUID recordedBy, UUID deviceId,
            @Schema(description = "When the server recorded it") Instant recordedAt,
            @Schema(description = "When the resident withdrew it; a withdrawn consent no longer counts") Instant withdrawnAt) {

        static View from(Consent c) {
            return new View(c.id(), c.visitId(), c.purpose(), c.grantedBy(), c.guardianName(), c.relation(),
                    c.signatureCaptureId(), c.textId(), c.recordedBy(), c.deviceId(), c.recordedAt(), c.withdrawnAt());
        }
    }

    @Schema(name = "ConsentWithdrawal", description = "What withdrawing consent to biometric capture did")
    public record Withdrawal(UUID residentId, ConsentPurpose purpose,
            @Schema(description = "Consents (one per visit) no longer in force", examples = "2") int consentsWithdrawn,
            @Schema(description = "Face images deleted from the store, filed or not", examples = "1") int faceImagesDeleted,
            @Schema(description = "Face uploads under way that were stopped", examples = "0") int uploadsStopped,
            @Schema(description = "Filed visits whose upstream system is told the face image was withdrawn", examples = "1") int upstreamNotices) {
    }

    @Schema(name = "WithdrawConsentRequest")
    public record Withdraw(@jakarta.validation.constraints.NotNull ConsentPurpose purpose,
            @Schema(required = true, description = "The resident's open CONSENT_WITHDRAWAL request this withdrawal carries out", examples = "2b3c4d5e-6f70-4812-9a3b-4c5d6e7f8091") UUID requestId) {
    }

    @Schema(name = "VisitConsents", description = "The consents recorded on a visit, and the purposes they grant")
    public record OfVisit(UUID visitId, @Schema(examples = "[\"BIOMETRIC_CAPTURE\"]") List<ConsentPurpose> purposesGranted,
            List<View> consents) {
    }
}
