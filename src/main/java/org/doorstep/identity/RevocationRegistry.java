package org.doorstep.identity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

import org.jboss.logging.Logger;
import org.postgresql.PGConnection;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The revocations of the last access-token lifetime, held in memory so that checking a token costs
 * no database round trip. Older revocations do not matter: every token they could stop has expired.
 *
 * <p>
 * Kept current three ways: a revocation made by this instance is applied as soon as its transaction
 * commits; every instance LISTENs for the NOTIFY that each new row sends and re-reads the window at
 * once; and the window is re-read every {@code doorstep.auth.revocation-poll-interval} in case a
 * notification was lost with a connection. The whole window is re-read each time rather than "rows
 * after the last id", because ids are handed out in one order and committed in another.
 */
@ApplicationScoped
public class RevocationRegistry {

    private static final Logger LOG = Logger.getLogger(RevocationRegistry.class);
    static final String CHANNEL = "doorstep_token_revocation";

    /** A revocation to apply in memory once the transaction that wrote it has committed. */
    public record Revoked(TokenRevocation.Kind kind, UUID subject, Instant revokedAt) {
    }

    private final Map<String, Instant> revoked = new ConcurrentHashMap<>();
    private final DataSource dataSource;
    private final Clock clock;
    private final Duration window;
    private final Duration pollInterval;
    /** System.nanoTime() of the last successful read; 0 before the first. */
    private volatile long loadedAtNanos;
    private volatile boolean running;
    private Thread listener;

    public RevocationRegistry(DataSource dataSource, Clock clock, IdentityConfig config) {
        this.dataSource = dataSource;
        this.clock = clock;
        this.window = config.accessTokenLifetime().plusSeconds(2L * AccessTokenVerification.CLOCK_SKEW_SECONDS);
        this.pollInterval = config.revocationPollInterval();
    }

    void start(@Observes StartupEvent event) {
        try {
            reload();
        } catch (SQLException e) {
            LOG.warnf("Token revocations could not be read yet (%s); signed-in requests are refused until they are",
                    e.getMessage());
        }
        running = true;
        listener = new Thread(this::listen, "token-revocation-listener");
        listener.setDaemon(true);
        listener.start();
    }

    void stop(@Observes ShutdownEvent event) {
        running = false;
        if (listener != null) {
            listener.interrupt();
        }
    }

    void applyAfterCommit(@Observes(during = TransactionPhase.AFTER_SUCCESS) Revoked event) {
        merge(event.kind(), event.subject(), event.revokedAt());
    }

    /**
     * Whether the revocations were read recently enough to be trusted. Until the first read, and when
     * the database has not answered for three poll intervals, no token is trusted: a stale list
     * would let tokens revoked by another instance through.
     */
    public boolean ready() {
        long at = loadedAtNanos;
        return at != 0 && System.nanoTime() - at < staleAfter().toNanos();
    }

    private Duration staleAfter() {
        Duration three = pollInterval.multipliedBy(3);
        return three.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : three;
    }

    /** Whether a token issued at {@code issuedAt} to this subject has been revoked since. */
    public boolean revoked(TokenRevocation.Kind kind, UUID subject, Instant issuedAt) {
        if (subject == null) {
            return false;
        }
        Instant at = revoked.get(key(kind, subject));
        return at != null && !issuedAt.isAfter(at);
    }

    synchronized void reload() throws SQLException {
        Instant since = clock.instant().minus(window);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT kind, subject, revoked_at FROM token_revocation WHERE revoked_at > ?")) {
            ps.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    merge(TokenRevocation.Kind.valueOf(rs.getString(1)), rs.getObject(2, UUID.class),
                            rs.getTimestamp(3).toInstant());
                }
            }
        }
        revoked.values().removeIf(at -> at.isBefore(since));
        loadedAtNanos = System.nanoTime();
    }

    private void merge(TokenRevocation.Kind kind, UUID subject, Instant at) {
        revoked.merge(key(kind, subject), at, (a, b) -> a.isAfter(b) ? a : b);
    }

    private static String key(TokenRevocation.Kind kind, UUID subject) {
        return kind.name() + ':' + subject;
    }

    private void listen() {
        long backoff = 1000;
        while (running) {
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    s.execute("LISTEN " + CHANNEL);
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                reload();
                backoff = 1000;
                while (running) {
                    pg.getNotifications((int) pollIntervalMillis());
                    reload();
                }
            } catch (Throwable e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Revocation listener failed (%s); retrying", e.toString());
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, 30_000);
            }
        }
    }

    private long pollIntervalMillis() {
        return Math.max(100, pollInterval.toMillis());
    }
}
