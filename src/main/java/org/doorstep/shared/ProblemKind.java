package org.doorstep.shared;

/**
 * A problem type: {@code urn:doorstep:problem:<slug>} with its status and its one title. Each feature
 * declares its own in an enum next to the code that raises them (and {@link ProblemType} those every
 * feature shares), so that one type has one title everywhere and a test can hold the documented list
 * against the declarations.
 */
public interface ProblemKind {

    String PREFIX = "urn:doorstep:problem:";

    /** What makes a problem type: its slug, its status and its one title. */
    record Definition(String slug, int status, String title) {
    }

    Definition definition();

    default String slug() {
        return definition().slug();
    }

    default int status() {
        return definition().status();
    }

    default String title() {
        return definition().title();
    }

    default String uri() {
        return PREFIX + slug();
    }

    /** The refusal of this type, with what went wrong this time. */
    default ProblemException exception(String detail) {
        return new ProblemException(this, detail);
    }
}
