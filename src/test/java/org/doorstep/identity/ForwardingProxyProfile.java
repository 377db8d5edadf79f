package org.doorstep.identity;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The application behind the county's proxy (on this machine's own address), which forwards the client's
 * address; and address and account throttles low enough to reach in a test.
 */
public class ForwardingProxyProfile implements QuarkusTestProfile {

    static final int ADDRESS_THRESHOLD = 10;
    static final int ACCOUNT_SLOWDOWN_AFTER = 7;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("quarkus.http.proxy.proxy-address-forwarding", "true",
                "quarkus.http.proxy.allow-x-forwarded", "true",
                "quarkus.http.proxy.trusted-proxies", "127.0.0.1",
                "doorstep.auth.address-lockout-threshold", String.valueOf(ADDRESS_THRESHOLD),
                "doorstep.auth.account-slowdown-after", String.valueOf(ACCOUNT_SLOWDOWN_AFTER),
                "doorstep.auth.account-slowdown-base", "PT30S",
                "doorstep.auth.account-slowdown-max", "PT1M");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
