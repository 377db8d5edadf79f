package org.doorstep.resident;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class PersonalDataCipherTest {

    private static final String DEV_INDEX_KEY = "aeaxw1XoXSk1QDJ4lacvuP/CII1jBd6EQpxcj1ZQxqg=";

    private static PersonalDataConfig config(String aesKeyId, String indexKey, String previous) {
        String aes = randomKey();
        return new PersonalDataConfig() {
            @Override
            public Map<String, String> keys() {
                return Map.of(aesKeyId, aes);
            }

            @Override
            public String activeKey() {
                return aesKeyId;
            }

            @Override
            public String indexKey() {
                return indexKey;
            }

            @Override
            public Optional<String> previousIndexKey() {
                return Optional.ofNullable(previous);
            }

            @Override
            public Reindex reindex() {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static String randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    @Test
    void lookupsComputeTheIndexUnderTheNewKeyFirstThenThePreviousOne() {
        String oldKey = randomKey();
        String newKey = randomKey();
        PersonalDataCipher before = new PersonalDataCipher(config("county1", oldKey, null), true);
        PersonalDataCipher during = new PersonalDataCipher(config("county1", newKey, oldKey), true);

        List<byte[]> indexes = during.indexes(ResidentService.ID_NUMBER, "43018119550312102X");
        assertEquals(2, indexes.size());
        assertArrayEquals(during.index(ResidentService.ID_NUMBER, "43018119550312102X"), indexes.get(0));
        assertArrayEquals(before.index(ResidentService.ID_NUMBER, "43018119550312102X"), indexes.get(1));
        assertEquals(Optional.of(before.indexKeyId()), during.previousIndexKeyId());
        assertFalse(before.indexKeyId().equals(during.indexKeyId()));
        assertTrue(during.indexKeyId().matches("[0-9a-f]{16}"));
        assertEquals(1, before.indexes(ResidentService.PHONE, "13807310042").size());
    }

    @Test
    void theSameKeyAsPreviousAndNewIsRefused() {
        String key = randomKey();
        assertThrows(IllegalStateException.class, () -> new PersonalDataCipher(config("county1", key, key), false));
    }

    @Test
    void prodRefusesThePublicDevelopmentAndTestIndexKeysEitherWay() {
        for (String published : List.of(DEV_INDEX_KEY, IndexKeyRotationProfile.OLD_INDEX_KEY,
                IndexKeyRotationProfile.NEW_INDEX_KEY)) {
            assertThrows(IllegalStateException.class,
                    () -> new PersonalDataCipher(config("county1", published, null), true));
            assertThrows(IllegalStateException.class,
                    () -> new PersonalDataCipher(config("county1", randomKey(), published), true));
            new PersonalDataCipher(config("county1", published, null), false);
        }
        assertThrows(IllegalStateException.class, () -> new PersonalDataCipher(config("test-only-1", randomKey(), null), true));
        new PersonalDataCipher(config("county1", randomKey(), randomKey()), true);
    }
}
