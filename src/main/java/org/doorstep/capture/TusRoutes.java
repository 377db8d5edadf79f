package org.doorstep.capture;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * What tus asks of every request on the upload resources, below the REST layer: every answer
 * carries {@code Tus-Resumable} (refusals of the security layer too), and a client that cannot send
 * PATCH or DELETE (Java's HttpURLConnection, some proxies) sends POST with
 * {@code X-HTTP-Method-Override}, which is then handled as that method.
 */
@ApplicationScoped
public class TusRoutes {

    static final String METHOD_OVERRIDE = "X-HTTP-Method-Override";
    private static final Set<String> OVERRIDES = Set.of("PATCH", "DELETE", "HEAD");

    void install(@Observes Router router) {
        router.route("/api/v1/uploads/*").order(-3000).handler(TusRoutes::resumableHeader);
        router.postWithRegex("/api/v1/visits/[^/]+/captures").order(-3000).handler(TusRoutes::resumableHeader);
        router.post("/api/v1/uploads/*").order(-2000).handler(this::override);
    }

    private static void resumableHeader(RoutingContext ctx) {
        if (ctx.request().method() != HttpMethod.OPTIONS) {
            ctx.addHeadersEndHandler(v -> {
                if (!ctx.response().headers().contains(Tus.RESUMABLE)) {
                    ctx.response().putHeader(Tus.RESUMABLE, Tus.VERSION);
                }
            });
        }
        ctx.next();
    }

    private void override(RoutingContext ctx) {
        String method = ctx.request().getHeader(METHOD_OVERRIDE);
        if (method == null || !OVERRIDES.contains(method.trim().toUpperCase(Locale.ROOT))) {
            ctx.next();
            return;
        }
        ctx.request().headers().remove(METHOD_OVERRIDE);
        ctx.reroute(HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)), ctx.request().uri());
    }
}
