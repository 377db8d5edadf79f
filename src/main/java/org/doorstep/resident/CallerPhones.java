package org.doorstep.resident;

import static org.doorstep.resident.ResidentService.CALLER_PHONE;
import static org.doorstep.resident.ResidentService.PHONE;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.security.Caller;

/**
 * The numbers of those who phone for a resident, kept on their visits: sealed when a visit is booked, fingerprinted
 * for a retried booking, and opened for a field agent who calls them back from the door (audited). Booking and the
 * field reach them here, not through the resident's own record.
 */
@ApplicationScoped
public class CallerPhones {

    /** A caller's number sealed for a visit, and how it is shown masked. */
    public record SealedPhone(PersonalDataCipher.Sealed sealed, String masked) {
    }

    private final PersonalDataCipher cipher;
    private final AuditService audit;

    public CallerPhones(PersonalDataCipher cipher, AuditService audit) {
        this.cipher = cipher;
        this.audit = audit;
    }

    /** Validates and seals a phone number given by a caller, for storing on the visit {@code visitId}. */
    public SealedPhone sealCallerPhone(UUID visitId, String typed) {
        PhoneNumber phone = ResidentService.phone("caller.phone", typed);
        return new SealedPhone(cipher.seal(CALLER_PHONE, visitId, phone.value()), phone.masked());
    }

    /**
     * The resident's own phone number sealed for a visit they booked themself; nobody reads it here, so
     * it is not audited. Empty when the resident has no number on record.
     */
    public Optional<SealedPhone> sealOwnPhoneAsCaller(UUID visitId, Resident resident) {
        if (resident.phoneSealed() == null) {
            return Optional.empty();
        }
        PhoneNumber phone = PhoneNumber.parse(cipher.open(PHONE, resident.id(), resident.phoneSealed()));
        return Optional.of(new SealedPhone(cipher.seal(CALLER_PHONE, visitId, phone.value()), phone.masked()));
    }

    /**
     * Stand-ins for a typed phone number that reveal nothing without the index key, for fingerprinting a
     * request (an Idempotency-Key's body) without keeping the number: one under every configured index key,
     * the one that writes first, so that a request retried across a change of the key is still the same.
     */
    public List<String> fingerprints(String typedPhone) {
        if (typedPhone == null) {
            return java.util.Collections.singletonList(null);
        }
        String value;
        try {
            value = PhoneNumber.parse(typedPhone).value();
        } catch (PhoneNumber.Invalid e) {
            value = String.valueOf(typedPhone);
        }
        return cipher.indexes(CALLER_PHONE, value).stream().map(java.util.HexFormat.of()::formatHex).toList();
    }

    /**
     * The callers' numbers of these visits in full (by visit), for a field agent to call back from the door; each
     * read is audited against its visit.
     */
    public java.util.Map<UUID, String> revealCallerPhones(Caller caller, java.util.Map<UUID, PersonalDataCipher.Sealed> byVisit,
            String purpose) {
        java.util.Map<UUID, String> phones = new java.util.HashMap<>();
        byVisit.forEach((visitId, sealed) -> {
            phones.put(visitId, cipher.open(CALLER_PHONE, visitId, sealed));
            audit.record(AuditEvent.of(AuditAction.PERSONAL_DATA_READ).town(caller.townId())
                    .actor(caller.staffId(), caller.username())
                    .device(caller.deviceId().orElse(null)).target("visit", visitId).detail("field", "callerPhone")
                    .detail("purpose", purpose));
        });
        return phones;
    }
}
