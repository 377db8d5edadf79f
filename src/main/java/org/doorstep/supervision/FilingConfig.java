package org.doorstep.supervision;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

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

    /** Failed sends before a filing is parked for a supervisor. */
    @WithDefault("8")
    int maxAttempts();

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
