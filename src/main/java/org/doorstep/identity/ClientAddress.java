package org.doorstep.identity;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from, as sign-in throttling counts it. Directly, that is the connection's peer.
 * Behind the county's proxy ({@code quarkus.http.proxy.proxy-address-forwarding} with
 * {@code quarkus.http.proxy.trusted-proxies}), it is the <em>rightmost</em> entry of {@code X-Forwarded-For} (or of
 * {@code Forwarded}'s {@code for=}) that is not a trusted proxy: the address the last trusted proxy itself saw. The
 * entries to its left were written by the client, who may write anything, so they are never believed. IPv6
 * addresses count by their /64, the block one household or office is given, so that a client cannot step
 * through the addresses of its own network to escape the count.
 */
@Startup
@ApplicationScoped
class ClientAddress {

    private static final Logger LOG = Logger.getLogger(ClientAddress.class);
    static final String UNKNOWN = "unknown";

    private final boolean forwarding;
    private final boolean xForwarded;
    private final boolean forwarded;
    private final List<Block> trusted;

    ClientAddress(
            @ConfigProperty(name = "quarkus.http.proxy.proxy-address-forwarding", defaultValue = "false") boolean forwarding,
            @ConfigProperty(name = "quarkus.http.proxy.allow-x-forwarded", defaultValue = "false") boolean xForwarded,
            @ConfigProperty(name = "quarkus.http.proxy.allow-forwarded", defaultValue = "false") boolean forwarded,
            @ConfigProperty(name = "quarkus.http.proxy.trusted-proxies") Optional<List<String>> trustedProxies) {
        this.forwarding = forwarding;
        this.xForwarded = xForwarded;
        this.forwarded = forwarded;
        this.trusted = trustedProxies.orElse(List.of()).stream().flatMap(p -> Block.parse(p).stream()).toList();
        if (forwarding && trusted.isEmpty()) {
            LOG.warn("Forwarded addresses are read with no trusted proxies set: the connection's peer is taken for the"
                    + " proxy, and only the entry it added is believed; set quarkus.http.proxy.trusted-proxies");
        }
        if (forwarding && xForwarded && forwarded) {
            LOG.warn("Both Forwarded and X-Forwarded-For are read: a client can write the one the proxy does not;"
                    + " allow only the header the proxy writes");
        }
    }

    String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.connection().remoteAddress();
        InetAddress peer = remote == null ? null : literal(remote.hostAddress());
        if (peer == null) {
            return UNKNOWN;
        }
        if (!forwarding || !(trusted.isEmpty() || trusted(peer))) {
            return key(peer);
        }
        InetAddress client = peer;
        List<String> hops = hops(request);
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // no trusted proxy writes that: what is left of it came from the client
                break;
            }
            client = hop;
            // without a list, the peer is the one proxy believed: the entry it added is the client
            if (trusted.isEmpty() || !trusted(hop)) {
                break;
            }
        }
        return key(client);
    }

    private boolean trusted(InetAddress address) {
        return trusted.stream().anyMatch(b -> b.contains(address));
    }

    /** The forwarded addresses, left (the client's claim) to right (what the nearest proxy saw). */
    private List<String> hops(HttpServerRequest request) {
        List<String> hops = new ArrayList<>();
        if (forwarded) {
            for (String header : request.headers().getAll("Forwarded")) {
                for (String element : header.split(",")) {
                    for (String pair : element.split(";")) {
                        String[] kv = pair.strip().split("=", 2);
                        if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("for")) {
                            hops.add(kv[1].strip().replace("\"", ""));
                        }
                    }
                }
            }
        }
        if (xForwarded && hops.isEmpty()) {
            for (String header : request.headers().getAll("X-Forwarded-For")) {
                for (String entry : header.split(",")) {
                    hops.add(entry.strip());
                }
            }
        }
        return hops;
    }

    /** What failures are counted under: an IPv4 address, or the /64 an IPv6 address is in. */
    static String key(InetAddress address) {
        if (address instanceof Inet6Address v6) {
            byte[] bytes = v6.getAddress();
            for (int i = 8; i < 16; i++) {
                bytes[i] = 0;
            }
            try {
                return InetAddress.getByAddress(bytes).getHostAddress() + "/64";
            } catch (UnknownHostException e) {
                throw new IllegalStateException("16 bytes are an IPv6 address", e);
            }
        }
        return address.getHostAddress();
    }

    /**
     * An address written as a literal (IPv4, IPv6 with or without brackets, either with a port), never looked up
     * by name; null for anything else. An IPv4 address written as IPv6 is the IPv4 address.
     */
    static InetAddress literal(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            s = s.substring(0, s.indexOf(':'));
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        boolean v4 = s.matches("\\d{1,3}(\\.\\d{1,3}){3}")
                && java.util.Arrays.stream(s.split("\\.")).allMatch(octet -> Integer.parseInt(octet) <= 255);
        boolean v6 = s.contains(":") && s.matches("[0-9a-fA-F:.]{2,45}");
        if (!v4 && !v6) {
            return null;
        }
        try {
            InetAddress address = InetAddress.getByName(s);
            return address instanceof Inet4Address || address instanceof Inet6Address ? address : null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** A trusted proxy: one address, or a block of them (CIDR). */
    record Block(byte[] network, int prefix) {

        /** A configured trusted proxy; one that is neither an address, a block nor a name refuses the start. */
        static List<Block> parse(String entry) {
            String s = entry.strip();
            if (s.isEmpty()) {
                return List.of();
            }
            int slash = s.indexOf('/');
            String host = slash < 0 ? s : s.substring(0, slash);
            InetAddress literal = literal(host);
            if (literal != null) {
                int bits = literal.getAddress().length * 8;
                int prefix = bits;
                if (slash >= 0) {
                    String digits = s.substring(slash + 1);
                    prefix = digits.matches("\\d{1,3}") ? Integer.parseInt(digits) : -1;
                }
                if (prefix < 0 || prefix > bits) {
                    throw new IllegalStateException("quarkus.http.proxy.trusted-proxies: " + entry
                            + " is not an address block (a prefix of 0 to " + bits + " bits)");
                }
                return List.of(new Block(literal.getAddress(), prefix));
            }
            if (slash >= 0) {
                throw new IllegalStateException("quarkus.http.proxy.trusted-proxies: " + entry + " is not an address block");
            }
            String name = host.replaceFirst(":\\d+$", "").toLowerCase(Locale.ROOT);
            try {
                List<Block> blocks = new ArrayList<>();
                for (InetAddress a : InetAddress.getAllByName(name)) {
                    blocks.add(new Block(a.getAddress(), a.getAddress().length * 8));
                }
                return blocks;
            } catch (UnknownHostException e) {
                throw new IllegalStateException("quarkus.http.proxy.trusted-proxies: " + entry
                        + " is neither an address nor a name that resolves", e);
            }
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (bytes[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (bytes[full] & mask) == (network[full] & mask);
        }
    }
}
