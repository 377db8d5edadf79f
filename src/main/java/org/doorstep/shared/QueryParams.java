package org.doorstep.shared;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Locale;
import java.util.UUID;

/**
 * Query parameters, parsed here rather than bound by JAX-RS, which answers 404 for a parameter it
 * cannot convert: a bad value is a 400 with the parameter named.
 */
public final class QueryParams {

    private QueryParams() {
    }

    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "one-of", "must be one of " + Arrays.toString(type.getEnumConstants()),
                    "values", Arrays.toString(type.getEnumConstants()));
        }
    }

    /** Every value of a repeated parameter (each may also list several, comma-separated); empty when none. */
    public static <E extends Enum<E>> java.util.Set<E> enumValues(String field, java.util.List<String> values, Class<E> type) {
        java.util.Set<E> set = java.util.EnumSet.noneOf(type);
        if (values == null) {
            return set;
        }
        if (values.size() > 50) {
            throw ProblemException.invalid(field, "repeated-too-often", "is repeated too often");
        }
        for (String value : values) {
            for (String one : value == null ? new String[0] : value.split(",", 50)) {
                E parsed = enumValue(field, one, type);
                if (parsed != null) {
                    set.add(parsed);
                }
            }
        }
        return set;
    }

    /** A date like 2026-11-27, in years 1900–2999 (a date far outside them is a mistake, and the database's limit). */
    public static LocalDate date(String field, String value) {
        LocalDate date;
        try {
            date = value == null || value.isBlank() ? null : LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "type-date", "must be a date like 2026-11-27");
        }
        if (date != null && (date.getYear() < 1900 || date.getYear() > 2999)) {
            throw ProblemException.invalid(field, "date-range", "must be a date like 2026-11-27, in the years 1900 to 2999",
                    "from", 1900, "to", 2999);
        }
        return date;
    }

    public static UUID uuid(String field, String value) {
        try {
            return value == null || value.isBlank() ? null : UUID.fromString(value.strip());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "type-uuid", "must be a UUID");
        }
    }

    public static Boolean bool(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw ProblemException.invalid(field, "type-boolean", "must be true or false");
        };
    }

    /** A time with offset; a '+' left unencoded in a query string arrives as a space. */
    public static java.time.Instant instant(String field, String value) {
        try {
            return value == null || value.isBlank() ? null
                    : java.time.OffsetDateTime.parse(value.strip().replace(' ', '+')).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid(field, "type-datetime", "must be a time with offset like 2026-11-27T09:30:00+08:00");
        }
    }

    public static Integer integer(String field, String value, int min, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int n = Integer.parseInt(value.strip());
            if (n < min || n > max) {
                throw ProblemException.invalid(field, "range", "must be between " + min + " and " + max, "min", min, "max",
                        max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw ProblemException.invalid(field, "type-integer", "must be a whole number");
        }
    }
}
