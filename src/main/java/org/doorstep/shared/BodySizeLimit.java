package org.doorstep.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds request bodies. JSON bodies are small, so they get {@code doorstep.http.max-json-body-size};
 * tus upload chunks ({@code application/offset+octet-stream}) are streamed and bounded by the
 * upload code per capture kind, under the larger server-wide {@code quarkus.http.limits.max-body-size}.
 * A body declared too large is refused with a problem response before it is read; a chunked body
 * is cut off when it passes the limit.
 */
@ApplicationScoped
public class BodySizeLimit {

    /** The routing-context key under which the HTTP layer reads the limit for a body without a length. */
    private static final String MAX_REQUEST_SIZE_KEY = "io.quarkus.max-request-size";
    static final String STREAMED_MEDIA_TYPE = "application/offset+octet-stream";

    private final long limit;

    public BodySizeLimit(@ConfigProperty(name = "doorstep.http.max-json-body-size", defaultValue = "1M") MemorySize limit) {
        this.limit = limit.asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(STREAMED_MEDIA_TYPE)) {
            ctx.next();
            return;
        }
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            long declared;
            try {
                declared = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                declared = -1;
            }
            if (declared > limit) {
                Problem problem = ProblemResponses.of(ProblemType.PAYLOAD_TOO_LARGE,
                        "The request body is " + declared + " bytes; the limit is " + limit + " bytes",
                        ctx.request().path());
                ctx.response().setStatusCode(413)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close")
                        .end(Json.encode(problem));
                return;
            }
        } else {
            ctx.put(MAX_REQUEST_SIZE_KEY, limit);
        }
        ctx.next();
    }
}
