package org.doorstep.resident;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.support.Fixtures;
import org.doorstep.support.Fixtures.TestTown;

/**
 * Residents as registered before the index key changed: their blind indexes made with the previous key
 * (which the application only reads), some naming that key and some naming none, as rows written before
 * indexes named their key do. Their numbers are encrypted with the application's own cipher.
 */
@ApplicationScoped
public class LegacyResidents {

    /** A resident on record, and what was typed for them. */
    public record Legacy(UUID id, String idNumber, String phone) {
    }

    private final Fixtures fixtures;
    private final PersonalDataCipher cipher;
    private final PersonalDataCipher oldCipher;

    public LegacyResidents(Fixtures fixtures, PersonalDataCipher cipher) {
        this.fixtures = fixtures;
        this.cipher = cipher;
        this.oldCipher = new PersonalDataCipher(new PersonalDataConfig() {
            @Override
            public Map<String, String> keys() {
                return Map.of("test-only-pii-1", "zXD9IlcCUKMX1M/k2VkwFNJl20p+89nzYQvm6I7nRMg=");
            }

            @Override
            public String activeKey() {
                return "test-only-pii-1";
            }

            @Override
            public String indexKey() {
                return IndexKeyRotationProfile.OLD_INDEX_KEY;
            }

            @Override
            public Optional<String> previousIndexKey() {
                return Optional.empty();
            }

            @Override
            public Reindex reindex() {
                throw new UnsupportedOperationException();
            }
        }, false);
    }

    /** The id of the previous index key. */
    public String oldKeyId() {
        return oldCipher.indexKeyId();
    }

    /** A resident of the town in 心源村, indexed with the previous key; {@code phone} may be null. */
    public Legacy register(TestTown town, String typedId, String typedPhone, boolean namesItsKey) {
        UUID id = UUID.randomUUID();
        IdNumber idNumber = IdNumber.parse(typedId, LocalDate.of(2026, 1, 1));
        PhoneNumber phone = typedPhone == null ? null : PhoneNumber.parse(typedPhone);
        PersonalDataCipher.Sealed idSealed = cipher.seal(ResidentService.ID_NUMBER, id, idNumber.value());
        PersonalDataCipher.Sealed phoneSealed = phone == null ? null : cipher.seal(ResidentService.PHONE, id, phone.value());
        String key = namesItsKey ? oldKeyId() : null;
        fixtures.update("INSERT INTO resident (id, town_id, id_number_enc, id_number_key, id_number_index,"
                + " id_number_index_key, id_number_masked, phone_enc, phone_key, phone_index, phone_index_key, phone_masked,"
                + " name, birth_year, sex, village_id, address, created_at, created_by)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id, town.id(), idSealed.ciphertext(), idSealed.keyId(),
                oldCipher.index(ResidentService.ID_NUMBER, idNumber.value()), key, idNumber.masked(),
                phone == null ? null : phoneSealed.ciphertext(), phone == null ? null : phoneSealed.keyId(),
                phone == null ? null : oldCipher.index(ResidentService.PHONE, phone.value()), phone == null ? null : key,
                phone == null ? null : phone.masked(), "老登记 " + Fixtures.randomLetters(4),
                idNumber.birthDate().getYear(), idNumber.sex().name(), town.village("XINYUAN").id(), "心源村石桥组 3 号",
                java.sql.Timestamp.from(Instant.parse("2025-06-01T02:00:00Z")), UUID.randomUUID());
        return new Legacy(id, typedId, typedPhone);
    }
}
