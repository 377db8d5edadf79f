package org.doorstep.shared;

/** Builds a feature's own problem types: {@code urn:doorstep:problem:<slug>}. */
public final class Problems {

    private Problems() {
    }

    public static ProblemException of(String slug, int status, String title, String detail) {
        return new ProblemException(ProblemType.PREFIX + slug, title, status, detail);
    }
}
