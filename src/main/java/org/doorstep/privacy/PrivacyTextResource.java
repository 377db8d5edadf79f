package org.doorstep.privacy;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.QueryParams;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/privacy-texts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Privacy texts")
public class PrivacyTextResource {

    private static final String TEXT_EXAMPLE = """
            {"id":"6f0d3c52-8a4e-4d8b-9a61-2c7e5b1f0a02","purpose":"BIOMETRIC_CAPTURE","scope":"COUNTY","version":1,
            "text":"为办理本次事项（如退休人员领取待遇资格认证），工作人员需要拍摄您的人脸照片……",
            "publishedAt":"2026-12-06T00:00:00+08:00"}""";

    private final PrivacyTexts texts;
    private final Caller caller;

    public PrivacyTextResource(PrivacyTexts texts, Caller caller) {
        this.texts = texts;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "listPrivacyTexts", summary = "The notice and consent texts in force for your town", description = "Roles: any signed-in staff. For each purpose, the town's own latest version if it published one, the county's otherwise.")
    @APIResponse(responseCode = "200", description = "One text per purpose", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = PrivacyTextApi.View.class), examples = @ExampleObject(name = "in-force", value = "["
            + TEXT_EXAMPLE + "]")))
    public List<PrivacyTextApi.View> inForce() {
        return java.util.Arrays.stream(PrivacyTextPurpose.values())
                .map(p -> PrivacyTextApi.View.from(texts.current(caller.townId(), p))).toList();
    }

    @GET
    @Path("/{purpose}")
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "getPrivacyText", summary = "The text in force for one purpose", description = "Roles: any signed-in staff. BOOKING_NOTICE is what the operator reads to the caller at booking; BIOMETRIC_CAPTURE is what the tablet shows before a face photo, and a consent to it names this text's id (one given against an older version is refused).")
    @APIResponse(responseCode = "200", description = "The text", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrivacyTextApi.View.class), examples = @ExampleObject(name = "consent-text", value = TEXT_EXAMPLE)))
    @APIResponse(responseCode = "404", description = "No such purpose", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public PrivacyTextApi.View current(
            @Parameter(schema = @Schema(implementation = PrivacyTextPurpose.class)) @PathParam("purpose") String purpose) {
        return PrivacyTextApi.View.from(texts.current(caller.townId(), purpose(purpose)));
    }

    @GET
    @Path("/{purpose}/versions")
    @RolesAllowed({ Roles.OPERATOR, Roles.DISPATCHER, Roles.FIELD_AGENT, Roles.SUPERVISOR, Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "listPrivacyTextVersions", summary = "Every version that applied to your town, newest first", description = "Roles: any signed-in staff. The county's and the town's own, so that what any consent agreed to can be read again. With scope, the versions of one wording instead, whether or not they applied to your town: COUNTY the county's (what a county admin publishes next to), TOWN your town's own.")
    @APIResponse(responseCode = "200", description = "The versions", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = PrivacyTextApi.View.class), examples = @ExampleObject(name = "versions", value = "["
            + TEXT_EXAMPLE + "]")))
    @APIResponse(responseCode = "404", description = "No such purpose", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public List<PrivacyTextApi.View> versions(
            @Parameter(schema = @Schema(implementation = PrivacyTextPurpose.class)) @PathParam("purpose") String purpose,
            @Parameter(description = "COUNTY or TOWN: the versions of that wording only; without it, every version that applied to your town", schema = @Schema(implementation = PrivacyTexts.Scope.class)) @QueryParam("scope") String scope) {
        PrivacyTextPurpose wanted = purpose(purpose);
        PrivacyTexts.Scope only = QueryParams.enumValue("scope", scope, PrivacyTexts.Scope.class);
        List<PrivacyText> versions = only == null ? texts.history(caller, wanted) : texts.versions(caller, wanted, only);
        return versions.stream().map(PrivacyTextApi.View::from).toList();
    }

    @POST
    @Path("/{purpose}/versions")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({ Roles.ADMIN, Roles.COUNTY_ADMIN })
    @Operation(operationId = "publishPrivacyText", summary = "Publish a new version of a notice or consent text", description = "Roles: admin for the town's own wording (scope TOWN), county_admin for the county's (scope COUNTY). It applies from now on: consents to the older version are refused from then. Audited (PRIVACY_TEXT_PUBLISHED).")
    @APIResponse(responseCode = "201", description = "Published", content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PrivacyTextApi.View.class), examples = @ExampleObject(name = "published", value = TEXT_EXAMPLE)))
    @APIResponse(responseCode = "403", description = "forbidden: the scope is not the caller's to publish", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such purpose", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response publish(
            @Parameter(schema = @Schema(implementation = PrivacyTextPurpose.class)) @PathParam("purpose") String purpose,
            @NotNull @Valid PrivacyTextApi.Publish request) {
        PrivacyText text = texts.publish(caller, purpose(purpose), request.scope(), request.text());
        return Response.created(URI.create("/api/v1/privacy-texts/" + text.purpose().name()))
                .entity(PrivacyTextApi.View.from(text)).build();
    }

    private static PrivacyTextPurpose purpose(String typed) {
        try {
            return PrivacyTextPurpose.valueOf(typed.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("Privacy text purpose " + typed);
        }
    }
}
