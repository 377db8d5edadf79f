package org.doorstep.resident;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Keys that protect ID numbers and phone numbers at rest. */
@ConfigMapping(prefix = "doorstep.pii")
public interface PersonalDataConfig {

    /** AES-256 keys by id, base64. Every key that ever encrypted a stored value must stay here. */
    Map<String, String> keys();

    /** The id of the key that encrypts new values. */
    String activeKey();

    /**
     * The HMAC-SHA-256 key of the blind indexes, base64: every index written is made with it. Changing it
     * needs a re-index, with the key it replaces as {@link #previousIndexKey()} until that is done.
     */
    String indexKey();

    /**
     * The index key being replaced, base64, while a re-index moves the stored indexes to {@link #indexKey()}:
     * lookups and the one-resident-per-ID-number check match indexes made with either. Remove it once the
     * re-index reports DONE.
     */
    Optional<String> previousIndexKey();

    /** The re-index of the blind indexes. */
    Reindex reindex();

    interface Reindex {

        /** Residents re-indexed per transaction. */
        @io.smallrye.config.WithDefault("500")
        int batchSize();

        /** A pause after each batch, to leave the database to the desks. */
        @io.smallrye.config.WithDefault("PT0S")
        Duration pause();

        /** How often this instance looks for a re-index to work on (after a start, at once). */
        @io.smallrye.config.WithDefault("10s")
        String every();

        /** Whether this instance works on a re-index that was started (false: it leaves it to the others). */
        @io.smallrye.config.WithDefault("true")
        boolean worker();
    }
}
