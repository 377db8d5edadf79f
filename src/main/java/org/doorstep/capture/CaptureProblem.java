package org.doorstep.capture;

import org.doorstep.shared.ProblemKind;

/** The refusals of uploads and captures. Each type once, with its status and title. */
public enum CaptureProblem implements ProblemKind {
    CAPTURE_PURGED("capture-purged", 410, "Deleted at the end of its retention"),
    /** The rows say the bytes are there and the store has not got them: lost outside this service. */
    CAPTURE_BYTES_MISSING("capture-bytes-missing", 502, "The capture's bytes are missing from the store"),
    CAPTURE_STORE_UNAVAILABLE("capture-store-unavailable", 503, "The capture store is unavailable"),
    /** WebDAV's 507 Insufficient Storage: the store's disk (or quota) is full; nothing was kept. */
    CAPTURE_STORE_FULL("capture-store-full", 507, "The capture store is full"),
    /** tus's own status for a checksum that does not match (460, outside HTTP's list). */
    CHECKSUM_MISMATCH("checksum-mismatch", Tus.CHECKSUM_MISMATCH, "Checksum mismatch"),
    CAPTURE_COMPLETE("capture-complete", 409, "Already a capture"),
    CAPTURE_CONTENT_REFUSED("capture-content-refused", 422, "Not a file this capture takes"),
    CAPTURE_NOT_NEEDED("capture-not-needed", 422, "Not taken for this service"),
    CAPTURE_QUOTA_EXCEEDED("capture-quota-exceeded", 409, "Too many uploads open, or captures of this kind"),
    CAPTURE_TOO_LARGE("capture-too-large", 413, "Too large for its kind"),
    CHUNK_TOO_LARGE("chunk-too-large", 413, "More than the upload's length"),
    CONSENT_REQUIRED("consent-required", 403, "Consent is required first"),
    OFFSET_MISMATCH("offset-mismatch", 409, "Upload-Offset does not match"),
    UNSUPPORTED_TUS_VERSION("unsupported-tus-version", 412, "Unsupported tus version"),
    UPLOAD_EXPIRED("upload-expired", 410, "The upload has expired"),
    UPLOAD_GONE("upload-gone", 410, "The upload is gone"),
    UPLOAD_INTERRUPTED("upload-interrupted", 400, "The request was cut off"),
    VISIT_NOT_TAKING_CAPTURES("visit-not-taking-captures", 409, "The visit takes no captures now");

    private final Definition definition;

    CaptureProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
