package org.doorstep.demo;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import javax.sql.DataSource;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.doorstep.identity.StaffService;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Loads the demo towns after the migrations when {@code doorstep.demo.enabled} is set (dev and
 * demo profiles). A run-time switch rather than a Flyway location, because Flyway's locations
 * are fixed when the application is built. The script is idempotent and runs under an advisory
 * lock, so several instances starting at once load it once.
 */
@ApplicationScoped
public class DemoTownsLoader {

    private static final Logger LOG = Logger.getLogger(DemoTownsLoader.class);
    private static final String SCRIPT = "demo/demo-towns.sql";
    private static final long LOCK_KEY = 0x446f6f7273746570L; // "Doorstep"

    /** The demo accounts; they share the password of {@code doorstep.demo.password}. */
    static final List<String> DEMO_USERNAMES = List.of("admin", "supervisor", "dispatcher", "operator", "agent1", "agent2",
            "agent3", "agent4", "agent5", "agent6", "gd-admin", "gd-dispatcher", "gd-operator", "gd-agent1", "gd-agent2");

    private final DataSource dataSource;
    private final StaffService staff;
    private final DemoVisits visits;
    private final boolean enabled;
    private final String password;

    public DemoTownsLoader(DataSource dataSource, StaffService staff, DemoVisits visits,
            @ConfigProperty(name = "doorstep.demo.enabled") boolean enabled,
            @ConfigProperty(name = "doorstep.demo.password", defaultValue = "doorstep-demo") String password) {
        this.dataSource = dataSource;
        this.staff = staff;
        this.visits = visits;
        this.enabled = enabled;
        this.password = password;
    }

    void onStart(@Observes @Priority(10) StartupEvent event) {
        if (!enabled) {
            return;
        }
        if (ConfigUtils.getProfiles().contains("prod")) {
            throw new IllegalStateException(
                    "doorstep.demo.enabled=true is refused in the prod profile: demo accounts must never reach production");
        }
        // Instances started at once take turns: the first loads and seeds, the others then find it done.
        try (Connection lock = dataSource.getConnection(); Statement statement = lock.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + LOCK_KEY + ")");
            try {
                load();
                seed();
            } finally {
                statement.execute("SELECT pg_advisory_unlock(" + LOCK_KEY + ")");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The demo towns could not be loaded", e);
        }
    }

    private void seed() {
        try {
            visits.seed();
        } catch (RuntimeException e) { // the towns and accounts are there: the demo works without its visits
            LOG.warn("The demo visits could not be booked: " + e.getMessage());
        }
    }

    /** Runs the (idempotent) script and gives the demo accounts their password; under the caller's lock. */
    void load() {
        String script = readScript();
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (Statement statement = connection.createStatement()) {
                statement.execute(script);
                connection.commit();
            } catch (SQLException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The demo towns could not be loaded", e);
        }
        staff.setSharedPassword(DEMO_USERNAMES, password);
        LOG.info("Demo towns YONGAN and GUANDU are loaded; the demo accounts sign in with doorstep.demo.password");
    }

    private static String readScript() {
        try (InputStream in = DemoTownsLoader.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException("Missing resource " + SCRIPT);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
