package org.doorstep.shared;

/**
 * The database enforces rules too (unique indexes, exclusion and check constraints, foreign keys).
 * When one of them refuses a write that the code did not foresee, the client still gets a 409 or
 * 422 problem, never a 500; services translate the ones they expect into more precise problems.
 */
public final class DatabaseRefusals {

    private DatabaseRefusals() {
    }

    /**
     * Whether a failure is the database refusing a write because of this constraint (by name: unique,
     * exclusion or check), so that a service can answer with the problem that constraint means.
     */
    public static boolean violated(Throwable failure, String constraint) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof org.hibernate.exception.ConstraintViolationException c
                    && constraint.equals(c.getConstraintName())) {
                return true;
            }
            if (t instanceof java.sql.SQLException sql && sql.getMessage() != null
                    && sql.getMessage().contains("\"" + constraint + "\"")) {
                return true;
            }
        }
        return false;
    }

    static Problem problemFor(String sqlState, String instance) {
        if (connectionLost(sqlState)) {
            return unavailable(instance);
        }
        return switch (sqlState) {
            case "23505", "23P01" -> ProblemResponses.of(ProblemType.CONFLICT,
                    "This conflicts with data that already exists", instance);
            case "40001", "40P01" -> ProblemResponses.of(ProblemType.CONFLICT,
                    "Another change was made at the same time; try again", instance);
            case "22021", "22P05" -> ProblemResponses.of(ProblemType.VALIDATION,
                    "The request holds characters that cannot be stored (such as NUL)", instance);
            case "23503", "23514", "23502", "22001", "22003", "22007", "22008", "22P02" -> ProblemResponses.of(
                    ProblemType.UNPROCESSABLE, "The data was refused by a rule of the database", instance);
            default -> null;
        };
    }

    /**
     * The database is going away or not there (a restart, a failover, no connection to be had): nothing was
     * done, and the request may be sent again (with its Idempotency-Key, a booking is not made twice).
     */
    static boolean connectionLost(String sqlState) {
        return sqlState.startsWith("08") || sqlState.equals("57P01") || sqlState.equals("57P02")
                || sqlState.equals("57P03") || sqlState.equals("53300");
    }

    static Problem unavailable(String instance) {
        return ProblemResponses.of(ProblemType.UNAVAILABLE,
                "The database cannot be reached just now; nothing was done, try again in a moment", instance);
    }
}
