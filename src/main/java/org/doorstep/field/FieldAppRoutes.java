package org.doorstep.field;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;

/**
 * The field app lives at {@code /field/} (its service worker's scope); {@code /field}, as a person types it,
 * goes there.
 */
@ApplicationScoped
public class FieldAppRoutes {

    void install(@Observes Router router) {
        router.get("/field").handler(ctx -> {
            // a path route matches /field/ too (a trailing slash is optional to it): only the bare path goes
            if ("/field".equals(ctx.request().path())) {
                ctx.response().setStatusCode(301).putHeader("Location", "/field/").end();
            } else {
                ctx.next();
            }
        });
    }
}
