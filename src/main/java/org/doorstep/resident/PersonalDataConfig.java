package org.doorstep.resident;

import java.util.Map;

import io.smallrye.config.ConfigMapping;

/** Keys that protect ID numbers and phone numbers at rest. */
@ConfigMapping(prefix = "doorstep.pii")
public interface PersonalDataConfig {

    /** AES-256 keys by id, base64. Every key that ever encrypted a stored value must stay here. */
    Map<String, String> keys();

    /** The id of the key that encrypts new values. */
    String activeKey();

    /** The HMAC-SHA-256 key of the blind indexes, base64. Changing it needs a re-index. */
    String indexKey();
}
