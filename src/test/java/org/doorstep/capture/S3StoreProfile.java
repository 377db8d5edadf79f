package org.doorstep.capture;

import java.util.List;

import org.doorstep.support.S3ProxyResource;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The application with its captures in a real S3 server (s3proxy) instead of the filesystem. */
public class S3StoreProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(S3ProxyResource.class));
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
