package org.doorstep.resident;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * The index key being rotated: a new index key, with the test profile's own as the previous one; small
 * batches with a pause after each, so that a test can look at a re-index between two; and an instance that
 * looks for a re-index to take over every second.
 */
public class IndexKeyRotationProfile implements QuarkusTestProfile {

    /** A TEST KEY ONLY, public in this repository (its id is refused by the prod profile). */
    static final String NEW_INDEX_KEY = "+SRxs+0pU7QwWaV8tQyCA65jezSu50vVN4trEX/ikfs=";
    /** The test profile's index key (src/main/resources/application.properties), now the previous one. */
    static final String OLD_INDEX_KEY = "MpbesEj1JaWx9uWqj+VqWMeyHNjQX17vTbnzBSvzcbE=";
    static final int BATCH_SIZE = 2;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("doorstep.pii.index-key", NEW_INDEX_KEY, "%test.doorstep.pii.index-key", NEW_INDEX_KEY,
                "doorstep.pii.previous-index-key", OLD_INDEX_KEY,
                "doorstep.pii.reindex.batch-size", String.valueOf(BATCH_SIZE),
                "doorstep.pii.reindex.pause", "PT0.4S",
                "doorstep.pii.reindex.every", "1s");
    }

    @Override
    public String getConfigProfile() {
        return "test";
    }
}
