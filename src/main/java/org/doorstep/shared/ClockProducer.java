package org.doorstep.shared;

import java.time.Clock;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.DefaultBean;

/** The town's clock. Services take the time from it so that tests can move it. */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @DefaultBean
    @ApplicationScoped
    Clock clock(@ConfigProperty(name = "doorstep.time-zone", defaultValue = "Asia/Shanghai") String zone) {
        return Clock.system(ZoneId.of(zone));
    }
}
