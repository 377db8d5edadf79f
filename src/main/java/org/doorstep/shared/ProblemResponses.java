package org.doorstep.shared;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;

/**
 * Builds problem responses; the one place that turns an unexpected failure into a safe 500 (or, when the
 * client went away mid-request, into a quiet 400 nobody reads).
 */
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

    /** Whether the failure is the client's connection closing under a request that was still being read. */
    static boolean clientWentAway(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof io.vertx.core.http.HttpClosedException || t instanceof java.nio.channels.ClosedChannelException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Logs the failure with a fresh correlation id and returns a problem that names only that id:
     * never a class name, a stack trace or SQL.
     */
    public static Problem internal(Throwable failure, String instance) {
        if (clientWentAway(failure)) {
            // Not our failure, and not worth a stack trace: a client that drops its connection while sending a
            // body (a tablet losing its signal, or someone flooding the log) gets one debug line. It hears nothing.
            LOG.debugf("The client of %s closed its connection before its request was complete", instance);
            return of(ProblemType.MALFORMED_BODY, "The request ended before its body was complete", instance);
        }
        String correlationId = UUID.randomUUID().toString();
        LOG.errorf(failure, "Unexpected failure on %s [correlationId=%s]", instance, correlationId);
        return new Problem(ProblemType.INTERNAL.uri(), ProblemType.INTERNAL.title(), 500,
                "Something went wrong on our side. Quote this correlation id when reporting it: " + correlationId,
                instance, null, Map.of("correlationId", correlationId));
    }
}
