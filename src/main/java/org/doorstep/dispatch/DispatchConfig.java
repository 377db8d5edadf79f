package org.doorstep.dispatch;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How travel between villages is estimated: straight-line distance × a road factor, at a rural speed. */
@ConfigMapping(prefix = "doorstep.dispatch")
public interface DispatchConfig {

    /** Road distance per straight-line distance on country roads. */
    @WithDefault("1.4")
    double roadFactor();

    /** Average speed of a field team between villages, km/h. */
    @WithDefault("30")
    double ruralSpeedKmh();

    /** The day planner. */
    Planner planner();

    interface Planner {

        /** How long a plan is searched for when the request does not say. */
        @WithDefault("10")
        int defaultTimeLimitSeconds();

        /** The search also stops when the best plan has not improved for this long. */
        @WithDefault("3")
        int unimprovedSeconds();

        /**
         * Plans solved at once by this instance (each takes a core while it runs); 0 makes an instance that
         * takes plan requests but leaves the solving to the others.
         */
        @WithDefault("1")
        int threads();

        /** Plans waiting for a solver thread, on all instances together, before new requests get 503. */
        @WithDefault("8")
        int queue();
    }
}
