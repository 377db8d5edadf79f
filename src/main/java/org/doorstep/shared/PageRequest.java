package org.doorstep.shared;

/**
 * {@code ?page=&size=} as the client sent them. Parsed here rather than bound as integers,
 * so that {@code ?page=abc} is a 400 with a field error, not the 404 JAX-RS gives for a
 * query parameter it cannot convert.
 */
public record PageRequest(int page, int size) {

    public static final int DEFAULT_SIZE = 50;
    public static final int MAX_SIZE = 200;
    /** Far beyond any real list; keeps page times size well inside an int. */
    public static final int MAX_PAGE = 100_000;

    public PageRequest {
        if (page < 0 || page > MAX_PAGE) {
            throw ProblemException.invalid("page", "range", "must be between 0 and " + MAX_PAGE, "min", 0, "max", MAX_PAGE);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw ProblemException.invalid("size", "range", "must be between 1 and " + MAX_SIZE, "min", 1, "max", MAX_SIZE);
        }
    }

    public static PageRequest of(String page, String size) {
        return new PageRequest(parse("page", page, 0), parse("size", size, DEFAULT_SIZE));
    }

    public int offset() {
        return page * size;
    }

    private static int parse(String field, String value, int fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "type-integer", "must be a whole number");
        }
    }
}
