package org.doorstep.shared;

import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Bounds how long a request body may take to arrive. A client that sends a body a byte every few seconds
 * otherwise holds its connection (and, for a body read by a worker thread, that thread) for as long as it
 * likes: a few hundred such clients stalled the whole API. A JSON body must arrive within
 * {@code doorstep.http.body-timeout}; a tus PATCH, which streams a chunk from a village network, within the
 * more generous {@code doorstep.http.patch-body-timeout} (what came of it by then is kept, as with any cut).
 * Past that the connection is closed, and whatever was waiting for the body is released.
 */
@ApplicationScoped
public class BodyDeadline {

    private static final Logger LOG = Logger.getLogger(BodyDeadline.class);

    private final long jsonMillis;
    private final long patchMillis;

    public BodyDeadline(HttpConfig config) {
        this.jsonMillis = config.bodyTimeout().toMillis();
        this.patchMillis = config.patchBodyTimeout().toMillis();
    }

    void install(@Observes Router router) {
        router.route().order(-1500).handler(this::watch);
    }

    private void watch(RoutingContext ctx) {
        HttpMethod method = ctx.request().method();
        if (ctx.request().isEnded() || method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS) {
            ctx.next();
            return;
        }
        String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        boolean streamed = type != null
                && type.toLowerCase(Locale.ROOT).startsWith(BodySizeLimit.STREAMED_MEDIA_TYPE);
        long deadline = streamed ? patchMillis : jsonMillis;
        long timer = ctx.vertx().setTimer(deadline, id -> {
            if (ctx.request().isEnded()) {
                return;
            }
            // Closed, not answered: whatever waits for the body then fails as any broken connection does (the
            // bytes of a tus chunk that came are kept), and the client, a tablet or an attacker, is gone.
            LOG.debugf("A request body to %s took longer than %d ms; closing the connection", ctx.request().path(),
                    deadline);
            ctx.request().connection().close();
        });
        ctx.addEndHandler(ended -> ctx.vertx().cancelTimer(timer));
        ctx.next();
    }
}
