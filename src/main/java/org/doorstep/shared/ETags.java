package org.doorstep.shared;

/**
 * Optimistic concurrency over HTTP: an object's {@code version} is its ETag ({@code "3"}), and an
 * update must send it back in {@code If-Match}. Missing → 428, stale → 412.
 */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Checks {@code If-Match} against the current version. */
    public static void require(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank()) {
            throw new ProblemException(ProblemType.PRECONDITION_REQUIRED,
                    "Send the ETag you last read in If-Match, so that a change made meanwhile is not overwritten");
        }
        String expected = of(currentVersion);
        for (String candidate : ifMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(expected) || tag.equals("*")) {
                return;
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "Someone changed this since you read it (now at version " + currentVersion + "); read it again")
                .with("currentVersion", currentVersion);
    }
}
