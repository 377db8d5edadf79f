package org.doorstep.shared;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A refusal the API answers with a problem response: a domain rule, a missing object, a
 * conflict. Raised through a problem type ({@link ProblemKind#exception}) or the factories here; never
 * for bugs.
 */
public class ProblemException extends RuntimeException {

    private final String type;
    private final String title;
    private final int status;
    private final List<Problem.FieldError> errors;
    private final Map<String, Object> extensions = new LinkedHashMap<>();
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final Map<String, Object> arguments = new LinkedHashMap<>();

    public ProblemException(String type, String title, int status, String detail) {
        this(type, title, status, detail, List.of());
    }

    public ProblemException(String type, String title, int status, String detail, List<Problem.FieldError> errors) {
        super(detail, null, false, false);
        this.type = type;
        this.title = title;
        this.status = status;
        this.errors = List.copyOf(errors);
    }

    public ProblemException(ProblemKind type, String detail) {
        this(type.uri(), type.title(), type.status(), detail);
    }

    public static ProblemException notFound(String what) {
        return new ProblemException(ProblemType.NOT_FOUND, what + " not found");
    }

    /**
     * 400 for one field. {@code code} names the kind of error; {@code arguments} are name, value, name,
     * value... for its wording in other languages.
     */
    public static ProblemException invalid(String field, String code, String message, Object... arguments) {
        return invalid(List.of(new Problem.FieldError(field, code, message, pairs(arguments))));
    }

    /** 400 naming every field that is wrong: one in the detail, or how many. */
    public static ProblemException invalid(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1 ? errors.get(0).field() + ": " + errors.get(0).message()
                : errors.size() + " fields are not valid";
        return new ProblemException(ProblemType.VALIDATION.uri(), ProblemType.VALIDATION.title(), 400, detail, errors);
    }

    /** name, value, name, value... as a map. */
    private static Map<String, Object> pairs(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in pairs of a name and a value");
        }
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }

    /** Adds an extension member to the problem body, e.g. the id of the existing object. */
    public ProblemException with(String name, Object value) {
        extensions.put(name, value);
        return this;
    }

    /**
     * Adds a value that the problem's detail names in other languages but that is not a member of its
     * body (the English detail already carries it).
     */
    public ProblemException arg(String name, Object value) {
        arguments.put(name, value);
        return this;
    }

    /** Adds a response header, e.g. {@code Retry-After}. */
    public ProblemException header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public String type() {
        return type;
    }

    public String title() {
        return title;
    }

    public int status() {
        return status;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors, extensions).withArguments(arguments);
    }
}
