package org.doorstep.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on loopback in front of the application. It counts the bytes the clients send through it (what the
 * server received, whatever a client thinks it sent) and, once armed, drops the connection that is carrying the
 * client's bytes when a given number of them has gone through: the tablet's network dying in the middle of an
 * upload.
 */
public final class LoopbackProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int upstreamPort;
    private final AtomicLong budget = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong received = new AtomicLong();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Thread acceptor;

    public LoopbackProxy(int upstreamPort) throws IOException {
        this.upstreamPort = upstreamPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "loopback-proxy");
        this.acceptor.setDaemon(true);
        this.acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** From now on, the connection that carries the {@code bytes}-th client byte is cut right after it. */
    public void cutAfter(long bytes) {
        budget.set(bytes);
    }

    /** Bytes that went from the clients to the server so far. */
    public long received() {
        return received.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                upstream.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), upstreamPort));
                sockets.add(client);
                sockets.add(upstream);
                pump(client, upstream, true);
                pump(upstream, client, false);
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean counted) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (counted) {
                        received.addAndGet(read);
                        long left = budget.getAndAdd(-read);
                        if (left < read) {
                            out.write(buffer, 0, (int) Math.max(0, left));
                            out.flush();
                            budget.set(Long.MAX_VALUE);
                            from.close();
                            to.close();
                            return;
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException e) {
                // the other side closed, or the cut
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "loopback-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // closing anyway
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        for (Socket s : sockets) {
            closeQuietly(s);
        }
    }
}
