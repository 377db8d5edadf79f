package org.doorstep.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * An RFC 9457 problem detail, the body of every error response. Extension members
 * (for example {@code existingId} or {@code currentStatus}) are written beside the
 * standard members.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "type", "title", "status", "detail", "instance", "errors" })
@Schema(name = "Problem", description = "RFC 9457 problem details. Further members may appear per problem type. Besides the"
        + " types each operation names, any operation may answer those every feature shares: validation and malformed-body"
        + " (400), bad-request (400), unauthorized (401), forbidden (403), not-found (404), method-not-allowed (405),"
        + " not-acceptable (406), conflict (409: changed by someone else at the same moment; read again and retry),"
        + " payload-too-large (413), uri-too-long (414), unsupported-media-type (415), unprocessable (422),"
        + " too-many-requests (429), headers-too-large (431),"
        + " internal (500, with a correlationId) and unavailable (503). Every type is listed in docs/problems.md.", additionalProperties = Schema.True.class)
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
    @Schema(hidden = true)
    @JsonIgnore
    private final Map<String, Object> arguments = new LinkedHashMap<>();

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

    /**
     * What a localized rendering needs beyond the members: the values the detail's template names. Never
     * written out.
     */
    @Schema(hidden = true)
    @JsonIgnore
    public Map<String, Object> getArguments() {
        return arguments;
    }

    /** The same problem with another title, detail and field errors: its rendering in another language. */
    public Problem translated(String title, String detail, List<FieldError> errors) {
        Problem copy = new Problem(type, title, status, detail, instance, errors, extensions);
        copy.arguments.putAll(arguments);
        return copy;
    }

    /** Adds values for the detail's template in other languages; they are not written out. */
    public Problem withArguments(Map<String, Object> values) {
        arguments.putAll(values);
        return this;
    }

    /**
     * One field that failed validation; {@code field} is a JSON path such as {@code caller.phone}, {@code code}
     * names the kind of error for programs (and picks its wording in other languages).
     */
    @Schema(name = "FieldError")
    @JsonPropertyOrder({ "field", "code", "message" })
    public static final class FieldError {

        @JsonProperty
        @Schema(examples = "idNumber")
        private final String field;
        @JsonProperty
        @Schema(description = "The kind of error, stable for programs: required, size, format, min, max, one-of,"
                + " id-number-check, phone, ...", examples = "id-number-check")
        private final String code;
        @JsonProperty
        @Schema(examples = "the check character does not match; please read the number again")
        private final String message;
        /** The values its wording in other languages names (min, max...); never written out. */
        @JsonIgnore
        @Schema(hidden = true)
        private final Map<String, Object> arguments;

        public FieldError(String field, String code, String message, Map<String, Object> arguments) {
            this.field = field;
            this.code = code;
            this.message = message;
            this.arguments = arguments == null ? Map.of() : Map.copyOf(arguments);
        }

        public FieldError(String field, String code, String message) {
            this(field, code, message, Map.of());
        }

        public String field() {
            return field;
        }

        public String code() {
            return code;
        }

        public String message() {
            return message;
        }

        public Map<String, Object> arguments() {
            return arguments;
        }

        /** The same error with another message: its rendering in another language. */
        public FieldError withMessage(String translated) {
            return new FieldError(field, code, translated, arguments);
        }
    }
}
