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
}
