package org.doorstep.shared.openapi;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemType;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Completes the generated contract with what every operation shares, so that no resource has
 * to repeat it: the paging parameters' types and bounds, and the error responses with their
 * RFC 9457 problem body and an example.
 */
public class ContractFilter implements OASFilter {

    private static final String PROBLEM_REF = "#/components/schemas/Problem";
    /** What the generator writes when it adds a response by itself; ours says more. */
    private static final java.util.Set<String> GENERIC_DESCRIPTIONS = java.util.Set.of("Not Authorized", "Not Allowed",
            "Bad Request");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            for (Map.Entry<PathItem.HttpMethod, Operation> op : path.getValue().getOperations().entrySet()) {
                describePaging(op.getValue());
                if (op.getValue().getSecurity() == null) {
                    // Declared open, not forgotten: an operation without a role says so explicitly.
                    op.getValue().setSecurity(new java.util.ArrayList<>());
                }
                addErrors(path.getKey(), op.getKey(), op.getValue());
            }
        }
    }

    private void describePaging(Operation operation) {
        if (operation.getParameters() == null) {
            return;
        }
        for (Parameter p : operation.getParameters()) {
            if (p.getIn() != Parameter.In.QUERY) {
                continue;
            }
            if ("page".equals(p.getName())) {
                p.description("Page number, from 0")
                        .schema(OASFactory.createSchema()
                                .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)
                                .minimum(BigDecimal.ZERO).defaultValue(0));
            } else if ("size".equals(p.getName())) {
                p.description("Page size, at most 200")
                        .schema(OASFactory.createSchema()
                                .addType(org.eclipse.microprofile.openapi.models.media.Schema.SchemaType.INTEGER)
                                .minimum(BigDecimal.ONE).maximum(BigDecimal.valueOf(200)).defaultValue(50));
            }
        }
    }

    private void addErrors(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (responses == null) {
            responses = OASFactory.createAPIResponses();
            operation.setResponses(responses);
        }
        if (!path.startsWith("/api/")) {
            return;
        }
        ensure(responses, path, ProblemType.VALIDATION, "The request is not valid (a field, a parameter or the body)",
                "size: must be between 1 and 200");
        ensure(responses, path, ProblemType.INTERNAL, "Unexpected failure; the body names a correlation id only",
                "Something went wrong on our side. Quote this correlation id when reporting it: 7d9f3b2e-1c4a-4f7e-9a51-0b6c2d8e4f13");
        if (operation.getSecurity() != null && !operation.getSecurity().isEmpty()) {
            ensure(responses, path, ProblemType.UNAUTHORIZED, "No valid access token (missing, expired, revoked)",
                    "A valid access token is required");
            ensure(responses, path, ProblemType.FORBIDDEN, "The caller's role may not do this",
                    "Your role does not allow this");
        }
        if (method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH) {
            ensure(responses, path, ProblemType.UNSUPPORTED_MEDIA_TYPE, "The body is not application/json",
                    "This media type is not supported here; send application/json");
            ensure(responses, path, ProblemType.PAYLOAD_TOO_LARGE, "The body is larger than the limit",
                    "The request body is too large");
        }
    }

    /** Built in a fixed order, so that the generated contract is the same on every build. */
    private static Map<String, Object> example(ProblemType type, String detail, String path) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", type.uri());
        example.put("title", type.title());
        example.put("status", type.status());
        example.put("detail", detail);
        example.put("instance", path);
        return example;
    }

    private void ensure(APIResponses responses, String path, ProblemType type, String description, String detail) {
        String code = String.valueOf(type.status());
        APIResponse existing = responses.getAPIResponse(code);
        if (existing == null) {
            existing = OASFactory.createAPIResponse().description(description);
            responses.addAPIResponse(code, existing);
        } else if (existing.getDescription() == null || GENERIC_DESCRIPTIONS.contains(existing.getDescription())) {
            existing.setDescription(description);
        }
        if (existing.getContent() == null || existing.getContent().getMediaType(Problem.MEDIA_TYPE) == null) {
            existing.content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                    OASFactory.createMediaType()
                            .schema(OASFactory.createSchema().ref(PROBLEM_REF))
                            .addExample(type.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
                                    OASFactory.createExample().value(example(type, detail, path)))));
        }
    }
}
