package org.doorstep.shared;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Failures that happen below the REST layer (a body over the size limit, a broken request line)
 * get the same problem body as everything else instead of the framework's error page.
 */
@ApplicationScoped
public class HttpFailureProblems {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::handle);
    }

    private void handle(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (ctx.response().ended() || ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        String instance = ctx.request().path();
        Problem problem;
        if (failure instanceof AuthenticationFailedException || failure instanceof UnauthorizedException
                || failure instanceof AuthenticationCompletionException) {
            problem = ProblemResponses.of(ProblemType.UNAUTHORIZED, "A valid access token is required", instance);
            ctx.response().putHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"");
        } else if (failure instanceof ForbiddenException) {
            problem = ProblemResponses.of(ProblemType.FORBIDDEN, "Your role does not allow this", instance);
        } else if (failure == null && status >= 400 && status < 500) {
            ProblemType type = ProblemType.forStatus(status);
            String detail = status == 413 ? "The request body is too large" : type.title();
            problem = new Problem(type.uri(), type.title(), status, detail, instance, null, null);
        } else if (status >= 400 && status < 500) {
            ProblemType type = ProblemType.forStatus(status);
            problem = new Problem(type.uri(), type.title(), status, type.title(), instance, null, null);
        } else {
            problem = ProblemResponses.internal(failure, instance);
        }
        ctx.response()
                .setStatusCode(problem.getStatus())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(Json.encode(problem));
    }
}
