package org.doorstep.capture;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.booking.VisitFacts;
import org.doorstep.booking.VisitStatus;
import org.doorstep.catalog.CaptureKind;

import io.quarkus.runtime.configuration.MemorySize;

/**
 * The rules of captures: what each kind may be (its largest size, the file types it accepts, whether it
 * is biometric: a face, sensitive personal information, kept only for the retention period and only with
 * consent), when a visit takes captures, and what a face photo needs first. Pure: it judges what it is
 * given and refuses with the problem that says why.
 */
@ApplicationScoped
public class CapturePolicy {

    private static final Set<ContentType> IMAGES = EnumSet.of(ContentType.JPEG, ContentType.PNG);
    private static final Set<ContentType> DOCUMENTS = EnumSet.allOf(ContentType.class);

    private final Map<CaptureKind, Long> maxSize = new EnumMap<>(CaptureKind.class);
    private final Duration lateUploadGrace;
    private final long maxImagePixels;
    private final CaptureConfig.Quota quota;

    public CapturePolicy(CaptureConfig config) {
        for (CaptureKind kind : CaptureKind.values()) {
            MemorySize size = config.maxSize().get(configName(kind));
            if (size == null) {
                throw new IllegalStateException("doorstep.capture.max-size." + configName(kind) + " is not set");
            }
            maxSize.put(kind, size.asLongValue());
        }
        this.lateUploadGrace = config.lateUploadGrace();
        this.maxImagePixels = config.maxImagePixels();
        this.quota = config.quota();
    }

    static String configName(CaptureKind kind) {
        return kind.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public long maxSize(CaptureKind kind) {
        return maxSize.get(kind);
    }

    /** The largest capture of any kind (what OPTIONS advertises as Tus-Max-Size). */
    public long largest() {
        return maxSize.values().stream().mapToLong(Long::longValue).max().orElse(0);
    }

    public Set<ContentType> allowed(CaptureKind kind) {
        return switch (kind) {
            case APPLICATION_FORM, MEDICAL_REPORT, HOUSEHOLD_REGISTER -> DOCUMENTS;
            default -> IMAGES;
        };
    }

    public static boolean biometric(CaptureKind kind) {
        return kind == CaptureKind.FACE_PHOTO;
    }

    /** A file of this kind may be this long (413 otherwise, naming the limit). */
    /**
     * Refuses an upload past the quotas: one agent cannot reserve unbounded storage by opening uploads it never
     * finishes (50 × 30 MiB on one visit was possible), nor fill a visit with captures of one kind.
     */
    void requireWithinQuota(CaptureRepository.Open open, CaptureKind kind, long length) {
        CaptureConfig.Quota q = quota;
        String refused = null;
        if (open.agentUploads() >= q.openUploadsPerAgent()) {
            refused = "You have " + open.agentUploads() + " uploads open; finish or cancel some first (at most "
                    + q.openUploadsPerAgent() + ")";
        } else if (open.agentBytes() + length > q.reservedBytesPerAgent().asLongValue()) {
            refused = "Your open uploads would hold " + (open.agentBytes() + length) + " bytes; at most "
                    + q.reservedBytesPerAgent().asLongValue() + " at once";
        } else if (open.visitUploads() >= q.openUploadsPerVisit()) {
            refused = "This visit has " + open.visitUploads() + " uploads open (at most " + q.openUploadsPerVisit() + ")";
        } else if (open.visitKindCaptures() >= q.capturesPerKindPerVisit()) {
            refused = "This visit has " + open.visitKindCaptures() + " captures of " + kind + " already (at most "
                    + q.capturesPerKindPerVisit() + ")";
        }
        if (refused != null) {
            throw CaptureProblem.CAPTURE_QUOTA_EXCEEDED.exception(refused);
        }
    }

    void requireSize(CaptureKind kind, long length) {
        long max = maxSize(kind);
        if (length > max) {
            throw Tus.error(CaptureProblem.CAPTURE_TOO_LARGE, "A " + kind + " may be at most " + max + " bytes; this one is "
                    + length).with("maxSize", max);
        }
    }

    /**
     * A face photo is taken only for a biometric service (422), and only once the resident has consented to
     * biometric capture (403).
     */
    void requireFacePhotoAllowed(UUID visitId, boolean biometricService, boolean consented) {
        if (!biometricService) {
            throw Tus.error(CaptureProblem.CAPTURE_NOT_NEEDED,
                    "A face photo is taken only for a biometric service; this visit's service takes none");
        }
        if (!consented) {
            throw Tus.error(CaptureProblem.CONSENT_REQUIRED, "Record the resident's consent to biometric capture"
                    + " (POST /api/v1/visits/" + visitId + "/consents) before uploading a face photo");
        }
    }

    /**
     * Captures are taken at the door: while the visit is ON_SITE, or COMPLETED within the late-upload
     * grace. Refused at creation with 409 (and the visit's status); for an upload under way the upload is
     * gone (410), as it can never finish.
     */
    void requireAcceptingCaptures(VisitFacts.Facts visit, Instant now, boolean underWay) {
        boolean accepting = visit.status() == VisitStatus.ON_SITE || (visit.status() == VisitStatus.COMPLETED
                && visit.closedAt() != null && now.isBefore(visit.closedAt().plus(lateUploadGrace)));
        if (accepting) {
            return;
        }
        String detail = "Captures are taken while the visit is ON_SITE, or up to " + describe(lateUploadGrace)
                + " after it is COMPLETED; it is " + visit.status()
                + (visit.status() == VisitStatus.COMPLETED ? " since " + visit.closedAt() : "");
        throw Tus.error(underWay ? CaptureProblem.UPLOAD_GONE : CaptureProblem.VISIT_NOT_TAKING_CAPTURES, detail)
                .with("currentStatus", visit.status());
    }

    /**
     * Why a complete file cannot be this kind's capture, judged by what its first bytes say: a type the
     * kind does not take, or an image whose declared size is absurd. Empty when it can.
     */
    Optional<String> refusal(CaptureKind kind, Optional<ContentInspector.Inspection> inspection) {
        ContentType type = inspection.map(ContentInspector.Inspection::type).orElse(null);
        if (type == null) {
            return Optional.of("The file is none of " + allowed(kind) + " (judged by its first bytes)");
        }
        if (!allowed(kind).contains(type)) {
            return Optional.of("The file is " + type.mediaType() + " by its first bytes; a " + kind + " must be one of "
                    + allowed(kind));
        }
        ContentInspector.Inspection image = inspection.get();
        // Each side bounded first, so that the product cannot overflow whatever a header declares.
        if (type.image() && (image.width() <= 0 || image.height() <= 0 || image.width() > maxImagePixels
                || image.height() > maxImagePixels || image.width() * image.height() > maxImagePixels)) {
            return Optional.of("The image declares " + image.width() + " × " + image.height() + " pixels; at most "
                    + maxImagePixels + " are taken");
        }
        return Optional.empty();
    }

    private static String describe(Duration d) {
        return d.toMinutes() % 60 == 0 ? d.toHours() + " h" : d.toMinutes() + " min";
    }
}
