package org.doorstep.shared.security;

import java.net.URI;
import java.util.Locale;

import jakarta.ws.rs.core.HttpHeaders;

import org.doorstep.shared.ProblemType;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;

/**
 * How the web console holds its session: the refresh token in a cookie that page script cannot read
 * ({@code HttpOnly}), that no other site's page sends ({@code SameSite=Strict}), scoped to the session
 * endpoints only, and {@code Secure} when the console is served over TLS. Requests that ride on the
 * cookie must also prove they come from the console's own pages: a custom header (which a cross-site
 * form or image cannot send, and a cross-site script cannot send without a CORS preflight that this
 * service never grants) and, where the browser says, a same-origin {@code Origin} and
 * {@code Sec-Fetch-Site}.
 */
public final class ConsoleSession {

    public static final String PATH = "/api/v1/auth/session";
    public static final String COOKIE = "doorstep_session";
    public static final String CSRF_HEADER = "X-Doorstep-Console";
    public static final String CSRF_VALUE = "1";

    private ConsoleSession() {
    }

    /**
     * Refuses a request that carries more than one session cookie: a second one can only have been planted (by a
     * neighbouring subdomain, or over plain HTTP) to make the console work in a session that is not the user's,
     * and which of the two a server reads is anybody's guess.
     */
    public static void requireOneSessionCookie(HttpServerRequest request) {
        if (sessionCookies(request).size() > 1) {
            throw ProblemType.SESSION_COOKIE_AMBIGUOUS.exception("The request carries more than one " + COOKIE
                    + " cookie; clear this site's cookies and sign in again");
        }
    }

    /** Refuses a request that does not come from a page of this very origin. */
    public static void checkSameOrigin(HttpHeaders headers, HttpServerRequest request) {
        if (!CSRF_VALUE.equals(headers.getHeaderString(CSRF_HEADER))) {
            throw crossSite("The request lacks the " + CSRF_HEADER + " header that the console sends");
        }
        String site = headers.getHeaderString("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw crossSite("The request comes from another site (" + site + ")");
        }
        String origin = headers.getHeaderString("Origin");
        if (origin != null && !sameAuthority(origin, request)) {
            throw crossSite("The request comes from another origin");
        }
    }

    /** The values of every session cookie the request carries (normally one). */
    public static java.util.List<String> sessionCookies(HttpServerRequest request) {
        java.util.List<String> found = new java.util.ArrayList<>();
        for (String header : request.headers().getAll("Cookie")) {
            for (String pair : header.split(";")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && pair.substring(0, eq).strip().equals(COOKIE)) {
                    found.add(pair.substring(eq + 1).strip());
                }
            }
        }
        return found;
    }

    /** The Set-Cookie value that stores a refresh token for the console. */
    public static String cookie(String refreshToken, HttpServerRequest request) {
        return COOKIE + "=" + refreshToken + attributes(request);
    }

    /** The Set-Cookie value that makes the browser forget the session. */
    public static String clearedCookie(HttpServerRequest request) {
        return COOKIE + "=" + attributes(request) + "; Max-Age=0";
    }

    private static String attributes(HttpServerRequest request) {
        boolean tls = request.isSSL() || "https".equalsIgnoreCase(request.scheme());
        return "; Path=" + PATH + "; HttpOnly; SameSite=Strict" + (tls ? "; Secure" : "");
    }

    private static boolean sameAuthority(String origin, HttpServerRequest request) {
        HostAndPort own = request.authority();
        if (own == null) {
            return false;
        }
        URI uri;
        try {
            uri = URI.create(origin.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (uri.getHost() == null || uri.getScheme() == null) {
            return false;
        }
        int port = uri.getPort() != -1 ? uri.getPort() : defaultPort(uri.getScheme());
        int ownPort = own.port() > 0 ? own.port() : defaultPort(uri.getScheme());
        return uri.getHost().toLowerCase(Locale.ROOT).equals(own.host().toLowerCase(Locale.ROOT)) && port == ownPort;
    }

    private static int defaultPort(String scheme) {
        return "https".equalsIgnoreCase(scheme) ? 443 : 80;
    }

    private static org.doorstep.shared.ProblemException crossSite(String detail) {
        return ProblemType.CROSS_SITE_REQUEST.exception(detail);
    }
}
