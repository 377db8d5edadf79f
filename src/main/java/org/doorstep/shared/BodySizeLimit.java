package org.doorstep.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds request bodies and reads the small ones before the REST layer sees them. JSON bodies are small, so they
 * get {@code doorstep.http.max-json-body-size}; tus upload chunks ({@code application/offset+octet-stream}) are
 * streamed and bounded by the upload code per capture kind, under the larger server-wide
 * {@code quarkus.http.limits.max-body-size}. A body declared too large is refused with a problem before it is
 * read; any other is gathered here, on the event loop, and refused as soon as the bytes read pass the limit.
 * Only a complete body goes on to a worker thread: the REST layer would otherwise give a worker to a request at
 * once and let it wait for the body there, so a few hundred clients sending a byte every few seconds held
 * every worker and stalled the whole API ({@link BodyDeadline} closes them in the end).
 */
@ApplicationScoped
public class BodySizeLimit {

    private static final Logger LOG = Logger.getLogger(BodySizeLimit.class);
    static final String STREAMED_MEDIA_TYPE = "application/offset+octet-stream";

    private final long limit;

    public BodySizeLimit(HttpConfig config) {
        this.limit = config.maxJsonBodySize().asLongValue();
    }

    void install(@Observes Router router) {
        router.route().order(-1000).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        String contentType = request.getHeader(HttpHeaders.CONTENT_TYPE);
        HttpMethod method = request.method();
        if (contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(STREAMED_MEDIA_TYPE)
                || method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        long declared = declaredLength(request.getHeader(HttpHeaders.CONTENT_LENGTH));
        if (declared > limit) {
            refuse(ctx, "The request body is " + declared + " bytes; the limit is " + limit + " bytes");
            return;
        }
        if (request.isEnded() || request.version() == HttpVersion.HTTP_2) {
            // An HTTP/2 request cannot be read ahead: the REST layer pauses it, which HTTP/2 refuses once it has
            // ended. The service speaks HTTP/1.1 (quarkus.http.http2=false); HTTP/2 is the load balancer's.
            ctx.next();
            return;
        }
        // grown as bytes come: a client declaring a large body holds only what it sent
        Buffer body = Buffer.buffer((int) Math.min(Math.max(declared, 1024), 64 * 1024));
        request.exceptionHandler(failure -> LOG.debugf("A request body to %s did not arrive: %s", request.path(), failure));
        request.handler(chunk -> {
            if (ctx.response().ended()) {
                return;
            }
            if (body.length() + chunk.length() > limit) {
                refuse(ctx, "The request body is larger than the limit of " + limit + " bytes");
                return;
            }
            body.appendBuffer(chunk);
        });
        request.endHandler(ended -> {
            if (!ctx.response().ended()) {
                ctx.setBody(body);
                ctx.next();
            }
        });
        request.resume();
    }

    /** The declared length, or -1 when there is none (a chunked body) or it is not a number. */
    private static long declaredLength(String header) {
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void refuse(RoutingContext ctx, String detail) {
        Problem problem = ProblemResponses.of(ProblemType.PAYLOAD_TOO_LARGE, detail, ctx.request().path());
        ctx.response().setStatusCode(413)
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(Json.encode(problem));
    }
}
