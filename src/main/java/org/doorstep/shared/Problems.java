package org.doorstep.shared;

/** Builds a feature's own problem types: {@code urn:doorstep:problem:<slug>}. */
public final class Problems {

    private Problems() {
    }

    /** name, value, name, value... as a map, for the wording of a problem in other languages. */
    public static java.util.Map<String, Object> arguments(Object... nameValuePairs) {
        if (nameValuePairs.length % 2 != 0) {
            throw new IllegalArgumentException("arguments come in pairs of a name and a value");
        }
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < nameValuePairs.length; i += 2) {
            map.put((String) nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return map;
    }

    public static ProblemException of(String slug, int status, String title, String detail) {
        return new ProblemException(ProblemType.PREFIX + slug, title, status, detail);
    }
}
