package org.doorstep.resident;

import java.time.Instant;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * A resident of a town, the person a visit serves. The ID number and phone are held only as
 * ciphertext, blind index and masked form.
 */
@Entity
@Table(name = "resident")
public class Resident {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "id_number_enc")
    private byte[] idNumberEnc;
    @Column(name = "id_number_key")
    private String idNumberKey;
    @Column(name = "id_number_index")
    private byte[] idNumberIndex;
    /** The id of the index key that made idNumberIndex (null: made before keys were recorded). */
    @Column(name = "id_number_index_key")
    private String idNumberIndexKey;
    @Column(name = "id_number_masked")
    private String idNumberMasked;
    @Column(name = "phone_enc")
    private byte[] phoneEnc;
    @Column(name = "phone_key")
    private String phoneKey;
    @Column(name = "phone_index")
    private byte[] phoneIndex;
    @Column(name = "phone_index_key")
    private String phoneIndexKey;
    @Column(name = "phone_masked")
    private String phoneMasked;
    private String name;
    @Column(name = "birth_year")
    private int birthYear;
    @Enumerated(EnumType.STRING)
    private Sex sex;
    @Column(name = "village_id")
    private UUID villageId;
    private String address;
    @Column(name = "group_name")
    private String groupName;
    private String notes;
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private UUID createdBy;
    @Column(name = "erased_at", insertable = false, updatable = false)
    private Instant erasedAt;

    protected Resident() {
    }

    Resident(UUID id, UUID townId, IdNumber idNumber, PersonalDataCipher.Sealed idSealed, byte[] idIndex, String indexKey,
            PhoneNumber phone, PersonalDataCipher.Sealed phoneSealed, byte[] phoneIndex, String name, UUID villageId,
            String address,
            String groupName, String notes, UUID createdBy, Instant now) {
        this.id = id;
        this.townId = townId;
        this.idNumberEnc = idSealed.ciphertext();
        this.idNumberKey = idSealed.keyId();
        this.idNumberIndex = idIndex;
        this.idNumberIndexKey = indexKey;
        this.idNumberMasked = idNumber.masked();
        if (phone != null) {
            this.phoneEnc = phoneSealed.ciphertext();
            this.phoneKey = phoneSealed.keyId();
            this.phoneIndex = phoneIndex;
            this.phoneIndexKey = indexKey;
            this.phoneMasked = phone.masked();
        }
        this.name = name;
        this.birthYear = idNumber.birthDate().getYear();
        this.sex = idNumber.sex();
        this.villageId = villageId;
        this.address = address;
        this.groupName = groupName;
        this.notes = notes;
        this.createdBy = createdBy;
        this.createdAt = now;
    }

    /** A correction of what the resident told the operator; null fields stay as they are. */
    void correct(String name, PhoneNumber phone, PersonalDataCipher.Sealed phoneSealed, byte[] phoneIndex,
            String phoneIndexKey, UUID villageId,
            String address, String groupName, boolean groupGiven) {
        if (name != null) {
            this.name = name;
        }
        if (phone != null) {
            this.phoneEnc = phoneSealed.ciphertext();
            this.phoneKey = phoneSealed.keyId();
            this.phoneIndex = phoneIndex;
            this.phoneIndexKey = phoneIndexKey;
            this.phoneMasked = phone.masked();
        }
        if (villageId != null) {
            this.villageId = villageId;
        }
        if (address != null) {
            this.address = address;
        }
        if (groupGiven) {
            this.groupName = groupName;
        }
    }

    byte[] phoneIndex() {
        return phoneIndex;
    }

    /** Whether the resident's personal data was erased: no number, name or address is held any more. */
    public boolean erased() {
        return erasedAt != null;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String idNumberMasked() {
        return idNumberMasked;
    }

    PersonalDataCipher.Sealed idNumberSealed() {
        return new PersonalDataCipher.Sealed(idNumberEnc, idNumberKey);
    }

    public String phoneMasked() {
        return phoneMasked;
    }

    PersonalDataCipher.Sealed phoneSealed() {
        return phoneEnc == null ? null : new PersonalDataCipher.Sealed(phoneEnc, phoneKey);
    }

    public String name() {
        return name;
    }

    public int birthYear() {
        return birthYear;
    }

    public Sex sex() {
        return sex;
    }

    public UUID villageId() {
        return villageId;
    }

    public String address() {
        return address;
    }

    public String groupName() {
        return groupName;
    }

    public String notes() {
        return notes;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
