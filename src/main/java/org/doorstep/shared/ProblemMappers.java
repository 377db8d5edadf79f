package org.doorstep.shared;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * Where exceptions of the REST layer become RFC 9457 problem responses (failures below it, such as a
 * body over the size limit or a broken request line, get the same bodies from {@link HttpFailureProblems}).
 * Whatever is thrown, the client gets a problem body; only {@link ProblemResponses#internal} answers 500.
 */
public class ProblemMappers {

    private static final List<String> PASSED_ON_HEADERS = List.of(HttpHeaders.ALLOW, HttpHeaders.RETRY_AFTER,
            HttpHeaders.WWW_AUTHENTICATE);

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response.ResponseBuilder answer = Response.status(e.status()).type(Problem.MEDIA_TYPE)
                .entity(e.toProblem(path(uri)));
        e.headers().forEach(answer::header);
        return answer.build();
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = new ArrayList<>();
        for (ConstraintViolation<?> v : e.getConstraintViolations()) {
            if (isReturnValue(v.getPropertyPath())) {
                return ProblemResponses.of(ProblemResponses.internal(e, path(uri)));
            }
            errors.add(new Problem.FieldError(fieldOf(v.getPropertyPath()), codeOf(v), v.getMessage(), argumentsOf(v)));
        }
        errors.sort(Comparator.comparing(Problem.FieldError::field).thenComparing(Problem.FieldError::message));
        return ProblemResponses.of(ProblemException.invalid(errors).toProblem(path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response unreadable(JsonProcessingException e, UriInfo uri) {
        return ProblemResponses.of(bodyProblem(e, path(uri)));
    }

    /** Declared for the exact type, because the framework's own mapper for it would win otherwise. */
    @ServerExceptionMapper(priority = 1)
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        return unreadable(e, uri);
    }

    @ServerExceptionMapper(priority = 1)
    public Response unauthorized(UnauthorizedException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .entity(ProblemResponses.of(ProblemType.UNAUTHORIZED, "A valid access token is required", path(uri)))
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response authenticationFailed(AuthenticationFailedException e, UriInfo uri) {
        return Response.status(401).type(Problem.MEDIA_TYPE)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")
                .entity(ProblemResponses.of(ProblemType.UNAUTHORIZED, "A valid access token is required", path(uri)))
                .build();
    }

    @ServerExceptionMapper(priority = 1)
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return ProblemResponses.of(ProblemResponses.of(ProblemType.FORBIDDEN, "Your role does not allow this", path(uri)));
    }

    @ServerExceptionMapper(priority = 1)
    public Response runtime(RuntimeException e, UriInfo uri) {
        return unexpected(e, uri);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        Throwable cause = e.getCause();
        if (cause instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        if (cause instanceof ProblemException problem) {
            return problem(problem, uri);
        }
        Response original = e.getResponse();
        int status = original == null ? 500 : original.getStatus();
        if (status >= 500) {
            return ProblemResponses.of(ProblemResponses.internal(e, path(uri)));
        }
        ProblemType type = ProblemType.forStatus(status);
        Problem problem = new Problem(type.uri(), type.title(), status, detailFor(status, uri), path(uri), null, null);
        Response.ResponseBuilder answer = Response.status(status).type(Problem.MEDIA_TYPE).entity(problem);
        for (String header : PASSED_ON_HEADERS) {
            if (original.getHeaders().containsKey(header)) {
                original.getHeaders().get(header).forEach(v -> answer.header(header, v));
            }
        }
        return answer.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e, UriInfo uri) {
        if (e instanceof JsonProcessingException json) {
            return unreadable(json, uri);
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof ProblemException problem) {
                return problem(problem, uri);
            }
            if (cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.StaleStateException) {
                return ProblemResponses.of(ProblemResponses.of(ProblemType.CONFLICT,
                        "Someone changed this at the same moment; read it again and retry", path(uri)));
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                Problem refused = DatabaseRefusals.problemFor(sql.getSQLState(), path(uri));
                if (refused != null) {
                    return withRetryAfter(ProblemResponses.of(refused));
                }
            }
        }
        // Only when nothing deeper said what went wrong (a deferred constraint refused at commit is a 409):
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.exception.JDBCConnectionException
                    || cause instanceof jakarta.transaction.RollbackException) {
                // the connection broke, or the commit could not be made: rolled back, so safe to send again
                return withRetryAfter(ProblemResponses.of(DatabaseRefusals.unavailable(path(uri))));
            }
        }
        return ProblemResponses.of(ProblemResponses.internal(e, path(uri)));
    }

    /** A 503 tells the client when to ask again. */
    private static Response withRetryAfter(Response answer) {
        return answer.getStatus() == 503 ? Response.fromResponse(answer).header("Retry-After", "2").build() : answer;
    }

    static Problem bodyProblem(JsonProcessingException e, String instance) {
        if (e instanceof JsonParseException || !(e instanceof JsonMappingException mapping)) {
            return ProblemResponses.of(ProblemType.MALFORMED_BODY,
                    "The body is not well-formed JSON" + location(e), instance);
        }
        String field = jsonPath(mapping);
        String message;
        String code;
        java.util.Map<String, Object> arguments = java.util.Map.of();
        if (e instanceof UnrecognizedPropertyException) {
            message = "is not a known field";
            code = "unknown-field";
        } else if (e instanceof InvalidFormatException format) {
            message = invalidValue(format);
            Class<?> target = format.getTargetType();
            code = target == String.class ? "nul-character" : target != null && target.isEnum() ? "one-of" : typeCode(target);
            if (target != null && target.isEnum()) {
                arguments = java.util.Map.of("values", constants(target));
            }
        } else if (e instanceof ValueInstantiationException) {
            message = "has a value that is not valid";
            code = "invalid";
        } else if (e instanceof MismatchedInputException mismatch) {
            message = mismatch.getTargetType() == null ? "has the wrong type"
                    : "must be " + describe(mismatch.getTargetType());
            code = typeCode(mismatch.getTargetType());
        } else {
            message = "cannot be read";
            code = "invalid";
        }
        if (field.isEmpty()) {
            return ProblemResponses.of(ProblemType.MALFORMED_BODY, "The body must be a JSON object", instance);
        }
        return ProblemResponses.of(ProblemType.VALIDATION, field + ": " + message, instance,
                List.of(new Problem.FieldError(field, code, message, arguments)));
    }

    /** The field error's code for a Bean Validation constraint: what kind of rule the value broke. */
    static String codeOf(ConstraintViolation<?> v) {
        String constraint = v.getConstraintDescriptor().getAnnotation().annotationType().getSimpleName();
        return switch (constraint) {
            case "NotNull", "NotBlank", "NotEmpty" -> "required";
            case "Size" -> "size";
            case "Min", "DecimalMin", "Positive", "PositiveOrZero" -> "min";
            case "Max", "DecimalMax", "Negative", "NegativeOrZero" -> "max";
            case "Pattern", "Email" -> "format";
            default -> "invalid";
        };
    }

    /** The constraint's own limits (min, max, value), which its wording in other languages names. */
    private static java.util.Map<String, Object> argumentsOf(ConstraintViolation<?> v) {
        java.util.Map<String, Object> arguments = new java.util.LinkedHashMap<>();
        java.util.Map<String, Object> attributes = v.getConstraintDescriptor().getAttributes();
        for (String name : List.of("min", "max", "value")) {
            Object value = attributes.get(name);
            if (value != null) {
                arguments.put(name, value);
            }
        }
        return arguments;
    }

    private static String typeCode(Class<?> type) {
        if (type == null) {
            return "type";
        }
        if (type.isEnum()) {
            return "one-of";
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long", "short", "Short" -> "type-integer";
            case "double", "Double", "float", "Float", "BigDecimal" -> "type-number";
            case "boolean", "Boolean" -> "type-boolean";
            case "String" -> "type-string";
            case "UUID" -> "type-uuid";
            case "LocalDate" -> "type-date";
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "type-datetime";
            case "LocalTime" -> "type-time";
            default -> List.class.isAssignableFrom(type) || type.isArray()
                    || java.util.Collection.class.isAssignableFrom(type) ? "type-array" : "type-object";
        };
    }

    private static String constants(Class<?> type) {
        List<String> names = new ArrayList<>();
        for (Object constant : type.getEnumConstants()) {
            names.add(((Enum<?>) constant).name());
        }
        return String.join(", ", names);
    }

    private static String invalidValue(InvalidFormatException e) {
        Class<?> target = e.getTargetType();
        if (target == String.class) {
            return "must not contain a NUL character";
        }
        if (target != null && target.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : target.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "must be one of " + String.join(", ", names);
        }
        return "must be " + describe(target);
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type.isEnum()) {
            List<String> names = new ArrayList<>();
            for (Object constant : type.getEnumConstants()) {
                names.add(((Enum<?>) constant).name());
            }
            return "one of " + String.join(", ", names);
        }
        String name = type.getSimpleName();
        return switch (name) {
            case "int", "Integer", "long", "Long", "short", "Short" -> "a whole number";
            case "double", "Double", "float", "Float", "BigDecimal" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "String" -> "a string";
            case "UUID" -> "a UUID";
            case "LocalDate" -> "a date like 2026-11-27";
            case "OffsetDateTime", "Instant", "ZonedDateTime" -> "a time with offset like 2026-11-27T09:30:00+08:00";
            case "LocalTime" -> "a time like 08:30";
            default -> {
                if (List.class.isAssignableFrom(type) || type.isArray() || java.util.Collection.class.isAssignableFrom(type)) {
                    yield "an array";
                }
                yield "an object";
            }
        };
    }

    private static String location(JsonProcessingException e) {
        if (e.getLocation() == null || e.getLocation().getLineNr() < 0) {
            return "";
        }
        return String.format(Locale.ROOT, " (line %d, column %d)", e.getLocation().getLineNr(),
                e.getLocation().getColumnNr());
    }

    private static String jsonPath(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isReturnValue(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.RETURN_VALUE) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@code book.request.caller.phone} becomes {@code caller.phone}, a list element
     * {@code tags[0]}; a query parameter keeps its name.
     */
    static String fieldOf(Path path) {
        StringBuilder field = new StringBuilder();
        String parameter = null;
        for (Path.Node node : path) {
            ElementKind kind = node.getKind();
            if (kind == ElementKind.PARAMETER) {
                parameter = node.getName();
                continue;
            }
            if (kind != ElementKind.PROPERTY && kind != ElementKind.CONTAINER_ELEMENT && kind != ElementKind.BEAN) {
                continue;
            }
            if (node.isInIterable() && !field.isEmpty()) {
                field.append('[').append(node.getIndex() != null ? node.getIndex() : node.getKey()).append(']');
            }
            if (kind == ElementKind.PROPERTY && node.getName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(node.getName());
            }
        }
        if (!field.isEmpty()) {
            return field.toString();
        }
        return parameter == null ? "body" : parameter;
    }

    private static String detailFor(int status, UriInfo uri) {
        return switch (status) {
            case 401 -> "A valid access token is required";
            case 403 -> "Your role does not allow this";
            case 404 -> "Nothing is found at " + path(uri);
            case 405 -> "This method is not allowed on " + path(uri);
            case 406 -> "None of the accepted media types can be produced";
            case 413 -> "The request body is too large";
            case 415 -> "This media type is not supported here; send application/json";
            default -> "The request cannot be handled";
        };
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }
}
