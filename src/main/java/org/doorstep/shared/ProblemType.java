package org.doorstep.shared;

/** The problem types every feature shares; a feature's own are in its own enum ({@link ProblemKind}). */
public enum ProblemType implements ProblemKind {
    VALIDATION("validation", 400, "The request is not valid"),
    MALFORMED_BODY("malformed-body", 400, "The request body cannot be read"),
    BAD_REQUEST("bad-request", 400, "Bad request"),
    UNAUTHORIZED("unauthorized", 401, "Authentication is required"),
    FORBIDDEN("forbidden", 403, "This role may not do that"),
    NOT_FOUND("not-found", 404, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", 405, "Method not allowed"),
    NOT_ACCEPTABLE("not-acceptable", 406, "No acceptable representation"),
    CONFLICT("conflict", 409, "Conflict"),
    PRECONDITION_FAILED("precondition-failed", 412, "The resource has changed"),
    PAYLOAD_TOO_LARGE("payload-too-large", 413, "The request body is too large"),
    URI_TOO_LONG("uri-too-long", 414, "The request address is too long"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415, "Unsupported media type"),
    UNPROCESSABLE("unprocessable", 422, "The request cannot be carried out"),
    PRECONDITION_REQUIRED("precondition-required", 428, "A precondition header is required"),
    TOO_MANY_REQUESTS("too-many-requests", 429, "Too many requests"),
    HEADERS_TOO_LARGE("headers-too-large", 431, "The request headers are too large"),
    INTERNAL("internal", 500, "Internal error"),
    UNAVAILABLE("unavailable", 503, "Service unavailable"),
    IDEMPOTENCY_KEY_REUSED("idempotency-key-reused", 422, "The Idempotency-Key was used for another request"),
    CROSS_SITE_REQUEST("cross-site-request", 403, "Not from the console"),
    SESSION_COOKIE_AMBIGUOUS("session-cookie-ambiguous", 400, "More than one session cookie");

    private final Definition definition;

    ProblemType(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }

    /** The shared type for a bare HTTP status, for errors raised by the framework. */
    public static ProblemType forStatus(int status) {
        for (ProblemType t : values()) {
            if (t.status() == status && t != MALFORMED_BODY && t != VALIDATION && t != IDEMPOTENCY_KEY_REUSED
                    && t != CROSS_SITE_REQUEST && t != SESSION_COOKIE_AMBIGUOUS) {
                return t;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
