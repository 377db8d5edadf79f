package org.doorstep.supervision;

import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.Response;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;

/**
 * Sends filings to the upstream system over HTTP. Whether a failure is worth retrying: timeouts,
 * refused connections, 5xx, 408 and 429 are; other 4xx mean the upstream refuses this filing as it
 * is, and retrying the same bytes will not help.
 */
@ApplicationScoped
public class Upstream {

    /** A send that did not get a receipt. */
    static final class Failure extends Exception {
        private final boolean permanent;

        Failure(String message, boolean permanent) {
            super(message);
            this.permanent = permanent;
        }

        boolean permanent() {
            return permanent;
        }
    }

    private final FilingConfig config;
    private volatile UpstreamApi client;

    public Upstream(FilingConfig config) {
        this.config = config;
    }

    boolean configured() {
        return config.upstreamUrl().isPresent();
    }

    /** The upstream's receipt number for the filing. */
    String send(String idempotencyKey, UpstreamApi.Payload payload) throws Failure {
        return call((api, auth) -> api.file(idempotencyKey, auth, payload), (status, response) -> {
            if (status != 200 && status != 201) {
                return null;
            }
            UpstreamApi.Receipt receipt = response.readEntity(UpstreamApi.Receipt.class);
            if (receipt == null || receipt.receiptNumber() == null || receipt.receiptNumber().isBlank()
                    || receipt.receiptNumber().length() > 100) {
                throw new Failure("the upstream answered " + status + " without a usable receipt number", false);
            }
            return receipt.receiptNumber().strip();
        });
    }

    /** Tells the upstream a face image it received was withdrawn; any 2xx is taken. */
    void withdraw(String idempotencyKey, UpstreamApi.Withdrawal withdrawal) throws Failure {
        call((api, auth) -> api.withdraw(idempotencyKey, auth, withdrawal),
                (status, response) -> status / 100 == 2 ? "" : null);
    }

    @FunctionalInterface
    private interface Request {
        Response send(UpstreamApi api, String authorization);
    }

    @FunctionalInterface
    private interface Answer<T> {
        /** What the answer means, or null when its status is not one taken. */
        T read(int status, Response response) throws Failure;
    }

    /** One request to the upstream; a refusal, a failure to answer or an untaken status is a {@link Failure}. */
    private <T> T call(Request request, Answer<T> answer) throws Failure {
        String auth = config.upstreamToken().map(t -> "Bearer " + t).orElse(null);
        try (Response response = request.send(client(), auth)) {
            int status = response.getStatus();
            T taken = answer.read(status, response);
            if (taken == null) {
                throw new Failure("the upstream answered " + status, !retryable(status));
            }
            return taken;
        } catch (ProcessingException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new Failure("no answer from the upstream: " + cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : " " + cause.getMessage()), false);
        } catch (jakarta.ws.rs.WebApplicationException e) {
            int status = e.getResponse().getStatus();
            throw new Failure("the upstream answered " + status, !retryable(status));
        }
    }

    /** An answer worth trying again later; any other 4xx refuses this filing as it is. */
    private static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 429;
    }

    private UpstreamApi client() {
        UpstreamApi c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    client = QuarkusRestClientBuilder.newBuilder().baseUri(config.upstreamUrl().orElseThrow())
                            .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                            .build(UpstreamApi.class);
                }
                c = client;
            }
        }
        return c;
    }
}
