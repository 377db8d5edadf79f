package org.doorstep.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/.well-known/jwks.json")
@Tag(name = "Identity")
public class JwksResource {

    private final SigningKeys keys;

    public JwksResource(SigningKeys keys) {
        this.keys = keys;
    }

    @GET
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "jwks", summary = "The public keys that verify access tokens", description = "Roles: none (public). A JWK set; each key has its kid. During a key rotation it holds the"
            + " previous key too, until the tokens it signed have expired.")
    @APIResponse(responseCode = "200", description = "The JWK set", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = org.eclipse.microprofile.openapi.annotations.enums.SchemaType.OBJECT), examples = @ExampleObject(name = "keys", value = """
            {"keys":[{"kty":"RSA","kid":"key-2026-11","use":"sig","alg":"RS256","n":"u1SU1LfVLPHCozMxH2Mo...","e":"AQAB"}]}""")))
    @APIResponse(responseCode = "406", description = "not-acceptable: Accept does not name application/json", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response jwks() {
        CacheControl cache = new CacheControl();
        cache.setMaxAge(300);
        return Response.ok(keys.publicJwks(), MediaType.APPLICATION_JSON).cacheControl(cache).build();
    }
}
