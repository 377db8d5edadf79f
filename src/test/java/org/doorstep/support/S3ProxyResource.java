package org.doorstep.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Starts s3proxy for a test profile and points the capture store at it; the test can reach the server. */
public class S3ProxyResource implements QuarkusTestResourceLifecycleManager {

    /** The objects' prefix in the test bucket. */
    public static final String PREFIX = "captures/";

    private static volatile S3Proxy server;

    /** The running server, for tests that look at the store or stop it. */
    public static S3Proxy server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new S3Proxy();
        return server.config(PREFIX);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
