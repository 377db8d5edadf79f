package org.doorstep.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem detail, the body of every error response. Extension members
 * (for example {@code existingId} or {@code currentStatus}) are written beside the
 * standard members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
@Schema(name = "Problem", description = "RFC 9457 problem details. Further members may appear per problem type.", additionalProperties = Schema.True.class)
public final class Problem {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Schema(description = "Stable identifier of the problem type", examples = "urn:doorstep:problem:validation")
    private final String type;
    @Schema(description = "Short summary of the problem type", examples = "The request is not valid")
    private final String title;
    @Schema(description = "HTTP status code", examples = "400")
    private final int status;
    @Schema(description = "What went wrong with this request", examples = "2 fields are not valid")
    private final String detail;
    @Schema(description = "The request path", examples = "/api/v1/residents")
    private final String instance;
    @Schema(description = "For validation problems: each field in error")
    private final List<FieldError> errors;
    @Schema(hidden = true)
    private final Map<String, Object> extensions;

    public Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors,
            Map<String, Object> extensions) {
        this.type = type;
        this.title = title;
        this.status = status;
        this.detail = detail;
        this.instance = instance;
        this.errors = errors == null || errors.isEmpty() ? null : List.copyOf(errors);
        this.extensions = extensions == null ? Map.of() : new LinkedHashMap<>(extensions);
    }

    public String getType() {
        return type;
    }

    public String getTitle() {
        return title;
    }

    public int getStatus() {
        return status;
    }

    public String getDetail() {
        return detail;
    }

    public String getInstance() {
        return instance;
    }

    public List<FieldError> getErrors() {
        return errors;
    }

    @JsonAnyGetter
    public Map<String, Object> getExtensions() {
        return extensions;
    }

    /** One field that failed validation; {@code field} is a JSON path such as {@code caller.phone}. */
    @Schema(name = "FieldError")
    public record FieldError(
            @Schema(examples = "idNumber") String field,
            @Schema(examples = "check digit does not match") String message) {
    }
}
