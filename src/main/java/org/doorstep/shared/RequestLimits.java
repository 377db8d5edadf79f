package org.doorstep.shared;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses an overlong request line (414) or oversized headers (431) with a problem body. The HTTP codec would
 * refuse them too, but with an empty answer that no client can explain to its user; so the codec's own limits
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) are set well above these, and
 * only a request beyond even those still gets the codec's bare status.
 */
@ApplicationScoped
public class RequestLimits {

    private final int maxUriLength;
    private final long maxHeaderBytes;

    public RequestLimits(HttpConfig config) {
        this.maxUriLength = config.maxUriLength();
        this.maxHeaderBytes = config.maxHeaderSize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-3000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().uri().length() > maxUriLength) {
            refuse(ctx, ProblemType.URI_TOO_LONG, "The address is longer than " + maxUriLength + " characters");
            return;
        }
        long headerBytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            headerBytes += header.getKey().length() + header.getValue().length() + 4;
        }
        if (headerBytes > maxHeaderBytes) {
            refuse(ctx, ProblemType.HEADERS_TOO_LARGE, "The headers take more than " + maxHeaderBytes + " bytes");
            return;
        }
        ctx.next();
    }

    /** Answered and closed: a client that sends such a request is not one to keep a connection open for. */
    private static void refuse(RoutingContext ctx, ProblemType type, String detail) {
        String instance = ctx.request().path();
        Problem problem = ProblemResponses.of(type, detail, instance.length() > 200 ? null : instance);
        ctx.response()
                .setStatusCode(type.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, HttpHeaders.CLOSE)
                .end(Json.encode(problem));
    }
}
