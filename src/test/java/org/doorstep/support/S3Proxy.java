package org.doorstep.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A real S3 server for the tests: s3proxy (copied to target/s3proxy by the build) run as a process of
 * its own, signatures checked (aws-v2-or-v4), objects kept as files under a temporary directory, so
 * that a test can look at what the store holds and take an object away behind the service's back.
 */
public final class S3Proxy implements AutoCloseable {

    public static final String BUCKET = "doorstep-test";
    public static final String ACCESS_KEY = "test-only-access-key";
    public static final String SECRET_KEY = "test-only-secret-key";

    private final Path directory;
    private final int port;
    private Process process;

    public S3Proxy() {
        try {
            this.directory = Files.createTempDirectory("doorstep-s3proxy-");
            Files.createDirectories(directory.resolve("data").resolve(BUCKET));
            try (ServerSocket socket = new ServerSocket(0)) {
                this.port = socket.getLocalPort();
            }
            Files.writeString(directory.resolve("s3proxy.properties"), String.join("\n",
                    "s3proxy.endpoint=http://127.0.0.1:" + port,
                    "s3proxy.authorization=aws-v2-or-v4",
                    "s3proxy.identity=" + ACCESS_KEY,
                    "s3proxy.credential=" + SECRET_KEY,
                    "jclouds.provider=filesystem",
                    "jclouds.filesystem.basedir=" + directory.resolve("data"), ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        start();
    }

    /** Starts the server (again, after {@link #stop()}), and waits until it answers. */
    public synchronized void start() {
        Path jar = Path.of("target", "s3proxy", "s3proxy.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: the build copies it (mvn process-test-resources)");
        }
        try {
            process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                    "-jar", jar.toAbsolutePath().toString(), "--properties",
                    directory.resolve("s3proxy.properties").toString())
                    .redirectErrorStream(true).redirectOutput(directory.resolve("s3proxy.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("s3proxy stopped; see " + directory.resolve("s3proxy.log"));
            }
            try {
                HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/").toURL().openConnection();
                c.setConnectTimeout(500);
                c.getResponseCode(); // 403 without a signature: it is up
                return;
            } catch (IOException notYet) {
                sleep(100);
            }
        }
        throw new IllegalStateException("s3proxy did not start; see " + directory.resolve("s3proxy.log"));
    }

    /** Stops the server, as a store that goes away would. */
    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            process = null;
        }
    }

    public String endpoint() {
        return "http://127.0.0.1:" + port;
    }

    /** The settings that point the service at this server, for the bucket and prefix given. */
    public Map<String, String> config(String prefix) {
        return Map.of("doorstep.capture.store", "s3",
                "doorstep.capture.s3.bucket", BUCKET,
                "doorstep.capture.s3.prefix", prefix,
                "quarkus.s3.endpoint-override", endpoint(),
                "quarkus.s3.path-style-access", "true",
                "quarkus.s3.aws.region", "us-east-1",
                "quarkus.s3.aws.credentials.type", "static",
                "quarkus.s3.aws.credentials.static-provider.access-key-id", ACCESS_KEY,
                "quarkus.s3.aws.credentials.static-provider.secret-access-key", SECRET_KEY);
    }

    /** Where the server keeps the object of this name, as a file. */
    public Path object(String name) {
        return directory.resolve("data").resolve(BUCKET).resolve(name);
    }

    /** The names of the objects under this prefix. */
    public List<String> objects(String prefix) {
        Path bucket = directory.resolve("data").resolve(BUCKET);
        try (Stream<Path> files = Files.walk(bucket)) {
            return files.filter(Files::isRegularFile).map(f -> bucket.relativize(f).toString().replace('\\', '/'))
                    .filter(name -> name.startsWith(prefix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
