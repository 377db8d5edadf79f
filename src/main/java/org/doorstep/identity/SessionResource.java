package org.doorstep.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.ConsoleSession;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;

/**
 * The web console's session: the same sign-in and refresh as {@link AuthResource}, but the refresh
 * token lives in an {@code HttpOnly}, {@code SameSite=Strict} cookie scoped to this path, so that page
 * script never reads it. Every request here must come from the console's own pages
 * ({@link ConsoleSession#checkSameOrigin}).
 */
@Path(ConsoleSession.PATH)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class SessionResource {

    private static final String SESSION_EXAMPLE = """
            {"accessToken":"eyJraWQiOiJrZXktMjAyNi0xMSIsInR5cCI6ImF0K2p3dCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiIuLi4ifQ.c2ln",
            "expiresIn":900,"tokenType":"Bearer"}""";

    /** The one value of the header that proves a call comes from the console's own script. */
    @Schema(name = "ConsoleMarker", type = SchemaType.STRING, description = "The value of "
            + ConsoleSession.CSRF_HEADER, enumeration = ConsoleSession.CSRF_VALUE)
    public static final class ConsoleMarker {
        private ConsoleMarker() {
        }
    }

    @Schema(name = "ConsoleSession", description = "An access token for the console; the refresh token is in the session cookie")
    public record Session(
            @Schema(description = "RS256 JWT for the Authorization: Bearer header") String accessToken,
            @Schema(description = "Seconds until the access token expires", examples = "900") long expiresIn,
            @Schema(examples = "Bearer") String tokenType) {

        static Session of(TokenPair pair) {
            return new Session(pair.accessToken(), pair.expiresIn(), pair.tokenType());
        }
    }

    private final AuthService auth;
    private final ClientAddress addresses;

    public SessionResource(AuthService auth, ClientAddress addresses) {
        this.auth = auth;
        this.addresses = addresses;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @PermitAll
    @Operation(operationId = "startConsoleSession", summary = "Sign in on the web console", description = "Roles: none (public)."
            + " As POST /api/v1/auth/login, but the refresh token is set as the HttpOnly, SameSite=Strict cookie "
            + ConsoleSession.COOKIE + " (path " + ConsoleSession.PATH + ") instead of being returned. Only the"
            + " console's own pages may call it: the header " + ConsoleSession.CSRF_HEADER + " is required, and a"
            + " cross-site Origin or Sec-Fetch-Site is refused (403 cross-site-request).")
    @Parameter(name = ConsoleSession.CSRF_HEADER, in = ParameterIn.HEADER, required = true, description = "Proves the call comes from the console's own script", example = ConsoleSession.CSRF_VALUE, schema = @Schema(implementation = ConsoleMarker.class))
    @APIResponse(responseCode = "200", description = "Signed in", headers = @Header(name = "Set-Cookie", description = "The session cookie", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Session.class), examples = @ExampleObject(name = "signedIn", value = SESSION_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "invalid-credentials: wrong username or password", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "cross-site-request: not called by the console's own pages", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "account-locked: too many failures for this username from this address, or from this address for any username; sign-in-slowed: many failures for this username from anywhere, so each attempt waits its turn (doubling, at most a minute); see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "sign-in-busy: too many sign-ins being checked at once; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response start(@Context HttpHeaders headers, @Context HttpServerRequest request,
            @NotNull @Valid AuthRequests.Login login) {
        ConsoleSession.checkSameOrigin(headers, request);
        TokenPair pair = auth.login(login.username(), login.password(), addresses.of(request));
        return Response.ok(Session.of(pair))
                .header(HttpHeaders.SET_COOKIE, ConsoleSession.cookie(pair.refreshToken(), request))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @POST
    @Path("/refresh")
    @Consumes(MediaType.WILDCARD)
    @PermitAll
    @Operation(operationId = "refreshConsoleSession", summary = "Renew the console's access token", description = "Roles: none"
            + " (the session cookie is the credential). Spends the cookie's refresh token and sets its successor,"
            + " as POST /api/v1/auth/refresh does. A tablet's refresh token is never accepted here. Same-origin"
            + " rules as the sign-in. A request with more than one session cookie is refused (400 session-cookie-ambiguous):"
            + " the second can only have been planted.")
    @Parameter(name = ConsoleSession.CSRF_HEADER, in = ParameterIn.HEADER, required = true, description = "Proves the call comes from the console's own script", example = ConsoleSession.CSRF_VALUE, schema = @Schema(implementation = ConsoleMarker.class))
    @APIResponse(responseCode = "200", description = "A new access token; the cookie is renewed", headers = @Header(name = "Set-Cookie", description = "The renewed session cookie", schema = @Schema(type = SchemaType.STRING)), content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Session.class), examples = @ExampleObject(name = "refreshed", value = SESSION_EXAMPLE)))
    @APIResponse(responseCode = "400", description = "session-cookie-ambiguous: more than one doorstep_session cookie came with the request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "invalid-refresh-token: no cookie, or unknown, expired, spent or revoked", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "cross-site-request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response refresh(@Context HttpHeaders headers, @Context HttpServerRequest request,
            @Parameter(hidden = true) @CookieParam(ConsoleSession.COOKIE) String token) {
        ConsoleSession.checkSameOrigin(headers, request);
        ConsoleSession.requireOneSessionCookie(request);
        if (token == null || token.isBlank() || token.length() > 200) {
            throw IdentityProblems.invalidRefreshToken();
        }
        TokenPair pair = auth.refreshConsole(token);
        return Response.ok(Session.of(pair))
                .header(HttpHeaders.SET_COOKIE, ConsoleSession.cookie(pair.refreshToken(), request))
                .header(HttpHeaders.CACHE_CONTROL, "no-store").build();
    }

    @DELETE
    @PermitAll
    @Operation(operationId = "endConsoleSession", summary = "Sign out of the web console", description = "Roles: none (the session"
            + " cookie is the credential). Revokes the session on the server (its refresh token and every access token"
            + " it issued stop working at once, as with POST /api/v1/auth/logout) and clears the cookie. Without a"
            + " live session it only clears the cookie; with more than one session cookie it ends each. Same-origin rules"
            + " as the sign-in.")
    @Parameter(name = ConsoleSession.CSRF_HEADER, in = ParameterIn.HEADER, required = true, description = "Proves the call comes from the console's own script", example = ConsoleSession.CSRF_VALUE, schema = @Schema(implementation = ConsoleMarker.class))
    @APIResponse(responseCode = "204", description = "Signed out; the cookie is cleared", headers = @Header(name = "Set-Cookie", description = "Clears the session cookie", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "403", description = "cross-site-request", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response end(@Context HttpHeaders headers, @Context HttpServerRequest request) {
        ConsoleSession.checkSameOrigin(headers, request);
        // with a planted second cookie beside the user's, signing out ends both
        for (String presented : ConsoleSession.sessionCookies(request)) {
            if (!presented.isBlank() && presented.length() <= 200) {
                auth.logout(presented);
            }
        }
        return Response.noContent().header(HttpHeaders.SET_COOKIE, ConsoleSession.clearedCookie(request)).build();
    }
}
