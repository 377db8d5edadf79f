package org.doorstep.capture;

import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * tus core: a client that cannot send PATCH or DELETE (Java's HttpURLConnection, some proxies)
 * sends POST with {@code X-HTTP-Method-Override}, and the request is handled as that method. Only on
 * the upload resources, and only for the methods tus uses there.
 */
@ApplicationScoped
public class TusMethodOverride {

    static final String HEADER = "X-HTTP-Method-Override";
    private static final Set<String> OVERRIDES = Set.of("PATCH", "DELETE", "HEAD");

    void install(@Observes Router router) {
        router.post("/api/v1/uploads/*").order(-2000).handler(this::override);
    }

    private void override(RoutingContext ctx) {
        String method = ctx.request().getHeader(HEADER);
        if (method == null || !OVERRIDES.contains(method.trim().toUpperCase(Locale.ROOT))) {
            ctx.next();
            return;
        }
        ctx.request().headers().remove(HEADER);
        ctx.reroute(HttpMethod.valueOf(method.trim().toUpperCase(Locale.ROOT)), ctx.request().uri());
    }
}
