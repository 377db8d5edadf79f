package org.doorstep.shared;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

/** Builds problem responses; the one place that turns an unexpected failure into a safe 500. */
public final class ProblemResponses {

    private static final Logger LOG = Logger.getLogger(ProblemResponses.class);

    private ProblemResponses() {
    }

    public static Response of(Problem problem) {
        return Response.status(problem.getStatus()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }

    public static Problem of(ProblemType type, String detail, String instance) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, null, null);
    }

    public static Problem of(ProblemType type, String detail, String instance, List<Problem.FieldError> errors) {
        return new Problem(type.uri(), type.title(), type.status(), detail, instance, errors, null);
    }

    /**
     * Logs the failure with a fresh correlation id and returns a problem that names only that id:
     * never a class name, a stack trace or SQL.
     */
    public static Problem internal(Throwable failure, String instance) {
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure on %s [correlationId=%s]", instance, correlationId);
        return new Problem(ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(), 500,
                "Something went wrong on our side. Quote this correlation id when reporting it: " + correlationId,
                instance, null, Map.of("correlationId", correlationId));
    }
}
