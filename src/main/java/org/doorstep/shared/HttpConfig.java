package org.doorstep.shared;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What a request may bring and how long it may take, before it takes a worker ({@code doorstep.http.*}). */
@ConfigMapping(prefix = "doorstep.http")
public interface HttpConfig {

    /** The largest JSON body; tus chunks are bounded per capture kind instead. */
    @WithDefault("1M")
    MemorySize maxJsonBodySize();

    /** How long a request body may take to arrive. */
    @WithDefault("60s")
    Duration bodyTimeout();

    /** How long a tus chunk may take to arrive (what came of it is kept). */
    @WithDefault("15m")
    Duration patchBodyTimeout();

    /** A longer address gets 414 uri-too-long. */
    @WithDefault("8192")
    int maxUriLength();

    /** Larger headers get 431 headers-too-large. */
    @WithDefault("20K")
    MemorySize maxHeaderSize();

    /** tus chunks streamed at once by this instance; more get 503 with Retry-After. */
    @WithDefault("64")
    int maxConcurrentPatches();

    /** tus chunks streamed at once for one field agent. */
    @WithDefault("4")
    int maxConcurrentPatchesPerAgent();
}
