package org.doorstep.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * One instance of the packaged application (target/quarkus-app), started as its own process the way a
 * county runs it: {@code java -jar} with settings in its environment. Stopped as an orchestrator would
 * (SIGTERM), or killed (SIGKILL) as a machine that goes away.
 */
final class Instance {

    private final String name;
    private final Map<String, String> environment;
    private final Path log;
    private int port;
    private int managementPort;
    private Process process;

    Instance(String name, Map<String, String> environment, Path logs) {
        this.name = name;
        this.environment = new HashMap<>(environment);
        this.log = logs.resolve(name + ".log");
    }

    /** Starts the process; {@link #awaitReady} waits for it. */
    Instance start() {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the integration tests run after mvn package");
        }
        try (ServerSocket socket = new ServerSocket(0); ServerSocket management = new ServerSocket(0)) {
            port = socket.getLocalPort();
            managementPort = management.getLocalPort();
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-jar", jar.toAbsolutePath().toString());
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
            builder.environment().put("QUARKUS_MANAGEMENT_PORT", String.valueOf(managementPort));
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            socket.close();
            management.close();
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Waits until the instance says it is ready (database, migrations, its own checks). */
    Instance awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " stopped while starting; see " + log);
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(url() + "/q/health/ready").toURL().openConnection();
                c.setConnectTimeout(500);
                c.setReadTimeout(2000);
                if (c.getResponseCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            sleep(200);
        }
        throw new IllegalStateException(name + " was not ready within " + within + "; see " + log);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The management interface (metrics), which a load balancer does not expose. */
    String managementUrl() {
        return "http://127.0.0.1:" + managementPort;
    }

    int port() {
        return port;
    }

    long pid() {
        return process.pid();
    }

    /** SIGKILL: the instance is gone at once, with whatever it held. */
    void kill() {
        process.destroyForcibly();
        waitFor();
    }

    /** SIGTERM: the instance shuts down as it would when an orchestrator stops it. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
        }
    }

    private void waitFor() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return name + " (" + url() + ", pid " + pid() + ")";
    }
}
