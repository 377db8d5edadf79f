package org.doorstep.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The headers that keep a browser from misusing what we send, on every answer: the console's pages,
 * its scripts and styles, and the API's JSON alike. The Content-Security-Policy allows only our own
 * scripts, styles, images, fonts and connections (no inline script, no {@code eval}, no framing).
 * Swagger UI (dev and demo only) keeps its own inline bootstrap, so it is left without the policy.
 * The console's own files are revalidated on every load ({@code no-cache}, answered 304 while they have
 * not changed), so that a new release reaches every browser at once rather than a day later. The API's
 * answers are {@code no-store}, unless an endpoint says otherwise. An answer to a request that came over TLS
 * (directly, or through a trusted proxy that says so) carries {@code Strict-Transport-Security}.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "img-src 'self' data:",
            "font-src 'self'",
            "connect-src 'self'",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /**
     * The field app's own policy: it takes photos and sends positions, so the camera and the location are allowed
     * to this origin there (and only there); its previews are blob: images; its service worker is ours.
     */
    static final String FIELD_CONTENT_SECURITY_POLICY = CONTENT_SECURITY_POLICY.replace("img-src 'self' data:",
            "img-src 'self' data: blob:") + "; worker-src 'self'; manifest-src 'self'";
    static final String FIELD_PERMISSIONS_POLICY = "camera=(self), geolocation=(self), microphone=(), payment=()";

    void install(@Observes Router router) {
        router.route().order(-2000).handler(this::addHeaders);
    }

    /** A year: browsers that once reached the service over TLS never try it in clear again for that long. */
    static final String STRICT_TRANSPORT_SECURITY = "max-age=31536000";

    private void addHeaders(RoutingContext ctx) {
        String path = ctx.request().path();
        // over TLS, here or at a trusted proxy that says so (X-Forwarded-Proto, believed only from trusted proxies)
        boolean tls = ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().scheme());
        ctx.addHeadersEndHandler(ignored -> {
            MultiMap headers = ctx.response().headers();
            if (tls) {
                headers.set("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
            }
            headers.set("X-Content-Type-Options", "nosniff");
            headers.set("Referrer-Policy", "no-referrer");
            headers.set("X-Frame-Options", "DENY");
            headers.set("Cross-Origin-Opener-Policy", "same-origin");
            boolean field = path != null && (path.equals("/field") || path.startsWith("/field/"));
            headers.set("Permissions-Policy",
                    field ? FIELD_PERMISSIONS_POLICY : "camera=(), microphone=(), geolocation=(), payment=()");
            if (path == null || !(path.startsWith("/q/swagger-ui") || path.startsWith("/q/dev-ui")
                    || path.startsWith("/q/dev"))) {
                headers.set("Content-Security-Policy", field ? FIELD_CONTENT_SECURITY_POLICY : CONTENT_SECURITY_POLICY);
            }
            if (path != null && (path.equals("/") || path.startsWith("/console/") || path.equals("/index.html") || field)) {
                headers.set("Cache-Control", "no-cache");
            }
            // the API's answers hold tokens and personal data: no browser or proxy keeps a copy
            if (path != null && path.startsWith("/api/") && !headers.contains("Cache-Control")) {
                headers.set("Cache-Control", "no-store");
            }
        });
        ctx.next();
    }
}
