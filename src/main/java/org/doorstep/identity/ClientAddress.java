package org.doorstep.identity;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;

/**
 * The address a request came from, as sign-in throttling counts it. Behind the county's proxy this is the
 * address the proxy forwarded, and only when the proxy is one of {@code quarkus.http.proxy.trusted-proxies}
 * (with {@code quarkus.http.proxy.proxy-address-forwarding}); a client cannot choose it by sending a header.
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        SocketAddress remote = request == null ? null : request.remoteAddress();
        String host = remote == null ? null : remote.hostAddress();
        return host == null || host.isBlank() ? "unknown" : host;
    }
}
