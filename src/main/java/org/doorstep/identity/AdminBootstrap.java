package org.doorstep.identity;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.Town;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The first start of a production deployment: with no active admin anywhere, creates one (username
 * {@code admin}) in the configured first town from {@code DOORSTEP_BOOTSTRAP_ADMIN_PASSWORD}, or
 * refuses to start and says what to set.
 */
@ApplicationScoped
public class AdminBootstrap {

    private static final Logger LOG = Logger.getLogger(AdminBootstrap.class);

    private final StaffService staff;
    private final CatalogService catalog;
    private final EntityManager em;
    private final Optional<String> password;
    private final String townCode;
    private final String townName;
    private final String ticketPrefix;

    public AdminBootstrap(StaffService staff, CatalogService catalog, EntityManager em,
            @ConfigProperty(name = "doorstep.bootstrap.admin-password") Optional<String> password,
            @ConfigProperty(name = "doorstep.bootstrap.town-code", defaultValue = "YONGAN") String townCode,
            @ConfigProperty(name = "doorstep.bootstrap.town-name", defaultValue = "永安镇") String townName,
            @ConfigProperty(name = "doorstep.bootstrap.ticket-prefix", defaultValue = "YA") String ticketPrefix) {
        this.staff = staff;
        this.catalog = catalog;
        this.em = em;
        this.password = password;
        this.townCode = townCode;
        this.townName = townName;
        this.ticketPrefix = ticketPrefix;
    }

    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (!ConfigUtils.getProfiles().contains("prod")) {
            return;
        }
        // Several instances may start at once on a new deployment: one creates the admin, the others wait
        // for it under the lock and then find it.
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("SELECT pg_advisory_xact_lock(hashtextextended('doorstep-admin-bootstrap', 0))")
                    .getSingleResult();
            bootstrap();
        });
    }

    private void bootstrap() {
        if (staff.anyActiveAdmin()) {
            return;
        }
        String secret = password.filter(p -> !p.isBlank()).orElseThrow(() -> new IllegalStateException(
                "No admin account exists yet. Set DOORSTEP_BOOTSTRAP_ADMIN_PASSWORD (at least 12 characters) for the first"
                        + " start, and DOORSTEP_BOOTSTRAP_TOWN_CODE / _TOWN_NAME / _TICKET_PREFIX for the first town;"
                        + " an account 'admin' is created with it. Remove the variable afterwards."));
        if (secret.length() < 12) {
            throw new IllegalStateException("DOORSTEP_BOOTSTRAP_ADMIN_PASSWORD must have at least 12 characters");
        }
        Town town = catalog.ensureTown(townCode, townName, ticketPrefix);
        staff.bootstrapAdmin(town.id(), "admin", secret);
        LOG.infof("Created the first admin account 'admin' in town %s", town.code());
    }
}
