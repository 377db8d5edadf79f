package org.doorstep.shared;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL of the service's own, for a machine that has only a JDK: in the {@code dev}, {@code demo}
 * and {@code test} profiles, when no datasource URL is configured, a PostgreSQL server from a Maven artifact
 * is started and the datasource pointed at it. Never in {@code prod}, which refuses to start without a
 * configured database.
 * <p>
 * It acts when the configuration is read at run time in one of those profiles, which is also when a build
 * in that profile reads it (dev mode, tests), and never while the jar is packaged ({@code prod}), so no URL
 * of a server that is gone is baked into the jar. One server serves the whole JVM: its URL is kept in a
 * system property, which a second reading (dev mode's restarts, another test application) finds and reuses.
 * The tests get a fresh database every run; dev and demo keep theirs between runs ({@code target/} for dev,
 * the user's home for the packaged demo). A server left running by a process killed outright is stopped at
 * the next start, and its stale lock removed.
 */
public class EmbeddedDatabase implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);
    private static final List<String> PROFILES = List.of("dev", "demo", "test");
    /** Where the running server's URL is kept for the rest of the JVM. */
    static final String RUNNING = "doorstep.embedded-postgres.running-url";
    private static final String URL = "quarkus.datasource.jdbc.url";

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        Optional<String> profile = context.getProfiles().stream().filter(PROFILES::contains).findFirst();
        if (profile.isEmpty() || configured(context, URL, profile.get())
                || "false".equalsIgnoreCase(value(context, "doorstep.embedded-postgres.enabled", profile.get()))) {
            return List.of();
        }
        String url = System.getProperty(RUNNING);
        if (url == null) {
            synchronized (EmbeddedDatabase.class) {
                url = System.getProperty(RUNNING);
                if (url == null) {
                    url = start(directory(context, profile.get()), profile.get().equals("test"));
                    System.setProperty(RUNNING, url);
                }
            }
        }
        return List.of(new MapBackedConfigSource("embedded PostgreSQL", Map.of(URL, url,
                "quarkus.datasource.username", "postgres", "quarkus.datasource.password", ""), 50) {
        });
    }

    @Override
    public OptionalInt getPriority() {
        return OptionalInt.of(50);
    }

    private static boolean configured(ConfigSourceContext context, String name, String profile) {
        String value = value(context, name, profile);
        return value != null && !value.isBlank();
    }

    private static String value(ConfigSourceContext context, String name, String profile) {
        ConfigValue profiled = context.getValue("%" + profile + "." + name);
        if (profiled != null && profiled.getValue() != null) {
            return profiled.getValue();
        }
        ConfigValue plain = context.getValue(name);
        return plain == null ? null : plain.getValue();
    }

    /** The data directory: configured, or a fresh one for tests, or one kept per profile. */
    private static Path directory(ConfigSourceContext context, String profile) {
        String configured = value(context, "doorstep.embedded-postgres.directory", profile);
        try {
            if (configured != null && !configured.isBlank()) {
                return Path.of(configured);
            }
            return switch (profile) {
                case "test" -> Files.createTempDirectory("doorstep-test-db");
                case "dev" -> Path.of("target", "embedded-postgres", "dev");
                default -> Path.of(System.getProperty("user.home"), ".doorstep", "embedded-postgres", profile);
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String start(Path directory, boolean fresh) {
        long started = System.nanoTime();
        try {
            Files.createDirectories(directory);
            stopLeftover(directory);
            EmbeddedPostgres server = EmbeddedPostgres.builder().setDataDirectory(directory).setCleanDataDirectory(fresh)
                    .setPGStartupWait(Duration.ofSeconds(60)).setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC").setLocaleConfig("locale", "C").setLocaleConfig("encoding", "UTF8")
                    .start();
            String url = "jdbc:postgresql://localhost:" + server.getPort() + "/postgres";
            LOG.infof("No datasource URL is configured: started an embedded PostgreSQL at %s (data in %s) in %d ms", url,
                    directory.toAbsolutePath(), (System.nanoTime() - started) / 1_000_000);
            return url;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + directory.toAbsolutePath()
                    + "; set QUARKUS_DATASOURCE_JDBC_URL to use a PostgreSQL server instead", e);
        }
    }

    /**
     * A server whose owner was killed outright (kill -9) still runs on the data directory, or left its lock:
     * stop it, and remove the lock, so that this start succeeds.
     */
    static void stopLeftover(Path directory) throws IOException {
        Path lock = directory.resolve("postmaster.pid");
        if (!Files.exists(lock)) {
            return;
        }
        List<String> lines = Files.readAllLines(lock, StandardCharsets.UTF_8);
        long pid;
        try {
            pid = lines.isEmpty() ? -1 : Long.parseLong(lines.get(0).strip());
        } catch (NumberFormatException e) {
            pid = -1;
        }
        Optional<ProcessHandle> left = pid > 0 ? ProcessHandle.of(pid) : Optional.empty();
        left.filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false)).ifPresent(p -> {
            LOG.warnf("Stopping the embedded PostgreSQL (pid %d) left running on %s by a process that did not stop it", p.pid(),
                    directory.toAbsolutePath());
            p.destroy();
            try {
                p.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        Files.deleteIfExists(lock);
    }
}
