package org.doorstep.supervision;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where completed visits are filed, and how the filing worker retries. */
@ConfigMapping(prefix = "doorstep.filing")
public interface FilingConfig {

    /** The upstream system's base URL; without one, filings wait (PENDING) until it is set. */
    Optional<URI> upstreamUrl();

    /** Sent as {@code Authorization: Bearer <token>}. */
    Optional<String> upstreamToken();

    /** This service's public address, for the capture download links in a filing. */
    @WithDefault("http://localhost:8080")
    String publicBaseUrl();

    /**
     * Failed sends before a filing is parked for a supervisor. Unset (the default): a filing the upstream
     * does not take for a passing reason (no answer, 5xx, 408, 429) is tried again for as long as it
     * takes, at most {@link #backoffMax} (×1.5) apart, so that no outage of the upstream, however long,
     * leaves a completed visit unfiled; a refusal (another 4xx) parks it at once either way.
     */
    OptionalInt maxAttempts();

    /** The wait after the first failure; doubled after each further one (with jitter), up to backoffMax. */
    @WithDefault("PT30S")
    Duration backoffBase();

    @WithDefault("PT1H")
    Duration backoffMax();

    @WithDefault("PT5S")
    Duration connectTimeout();

    @WithDefault("PT15S")
    Duration readTimeout();

    /** How often each instance looks for filings to send (also read by the worker's schedule). */
    @WithDefault("5s")
    String every();

    /** Filings one instance sends per round (claimed one at a time). */
    @WithDefault("10")
    int batchSize();
}
