package org.doorstep.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import org.doorstep.shared.Problem;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.vertx.core.http.HttpServerRequest;

@Path("/api/v1/auth")
@Consumes(MediaType.APPLICATION_JSON)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Identity")
public class AuthResource {

    private static final String PAIR_EXAMPLE = """
            {"accessToken":"eyJraWQiOiJrZXktMjAyNi0xMSIsInR5cCI6ImF0K2p3dCIsImFsZyI6IlJTMjU2In0.eyJzdWIiOiIuLi4ifQ.c2ln",
            "refreshToken":"rt_9Zq3o2kX1mB7yQw4LhV0sN8dE5rT6uI2oP1aS3dF4gH","expiresIn":900,"tokenType":"Bearer"}""";

    private final AuthService auth;
    private final Caller caller;
    private final ClientAddress addresses;

    public AuthResource(AuthService auth, Caller caller, ClientAddress addresses) {
        this.auth = auth;
        this.addresses = addresses;
        this.caller = caller;
    }

    @POST
    @Path("/login")
    @PermitAll
    @Operation(operationId = "login", summary = "Staff sign-in on a console", description = "Roles: none (public). Wrong username and wrong password get the same answer. After 5 failures"
            + " in a row from one address the username is locked for 15 minutes for that address (429 with"
            + " Retry-After), and after 20 from one address whatever the usernames, that address is. Field agents sign in"
            + " on a tablet instead (POST /api/v1/auth/device-login): here they get the same 401 as a wrong password.")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPair.class), examples = @ExampleObject(name = "signedIn", value = PAIR_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "invalid-credentials: wrong username or password", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "account-locked: too many failures for this username from this address, or from this address for any username; sign-in-slowed: many failures for this username from anywhere, so each attempt waits its turn (doubling, at most a minute); see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "sign-in-busy: too many sign-ins being checked at once; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenPair login(@Context HttpServerRequest http, @NotNull @Valid AuthRequests.Login request) {
        return auth.login(request.username(), request.password(), addresses.of(http));
    }

    @POST
    @Path("/device-login")
    @PermitAll
    @Operation(operationId = "deviceLogin", summary = "Field agent sign-in on an enrolled tablet", description = "Roles: none (public). The tablet proves itself with its id and secret, the agent with"
            + " username and password. Only field agents of the tablet's town, in a team, may sign in on it."
            + " The access token carries the tablet's id (did).")
    @APIResponse(responseCode = "200", description = "Signed in", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPair.class), examples = @ExampleObject(name = "signedIn", value = PAIR_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "invalid-device-credentials or invalid-credentials", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "not-allowed-on-tablet: not a field agent of the tablet's town", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "429", description = "account-locked: too many failures for this username from this address, or from this address for any username; sign-in-slowed: many failures for this username from anywhere, so each attempt waits its turn (doubling, at most a minute); see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "sign-in-busy: too many sign-ins being checked at once; see Retry-After", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenPair deviceLogin(@Context HttpServerRequest http, @NotNull @Valid AuthRequests.DeviceLogin request) {
        return auth.deviceLogin(request.deviceId(), request.deviceSecret(), request.username(), request.password(),
                request.appVersion(), addresses.of(http));
    }

    @POST
    @Path("/refresh")
    @PermitAll
    @Operation(operationId = "refresh", summary = "Trade a refresh token for a new pair", description = "Roles: none (public). The refresh token is spent. Presenting a spent token again revokes its"
            + " whole family (theft), except a retry from the same tablet within 30 seconds whose new pair was not used"
            + " yet: it gets that same pair again. A tablet's session is refreshed by that tablet only: it sends its"
            + " deviceId and deviceSecret with every refresh, or gets 401 invalid-device-credentials.")
    @APIResponse(responseCode = "200", description = "A new pair", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = TokenPair.class), examples = @ExampleObject(name = "refreshed", value = PAIR_EXAMPLE)))
    @APIResponse(responseCode = "401", description = "invalid-refresh-token: unknown, expired, spent or revoked; invalid-device-credentials: a tablet's token without that tablet's id and secret", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public TokenPair refresh(@NotNull @Valid AuthRequests.Refresh request) {
        return auth.refresh(request.refreshToken(), request.deviceId(), request.deviceSecret());
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Path("/logout")
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "logout", summary = "Sign out", description = "Roles: any signed-in staff. Revokes the caller's refresh family; its access tokens stop"
            + " working at once too.")
    @APIResponse(responseCode = "204", description = "Signed out")
    public void logout() {
        auth.logout(caller.staffId(), caller.username(), caller.townId(), caller.sessionId().orElseThrow(),
                caller.deviceId().orElse(null));
    }
}
