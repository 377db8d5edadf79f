package org.doorstep.identity;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the token revocations are stale: such an instance refuses every token. */
@Readiness
@ApplicationScoped
public class RevocationsReadiness implements HealthCheck {

    private final RevocationRegistry registry;

    public RevocationsReadiness(RevocationRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Token revocations").status(registry.ready()).build();
    }
}
