package org.doorstep.resident;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogProblem;
import org.doorstep.catalog.CatalogService;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Problem;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Registering and finding residents without ever creating a duplicate, and without their ID or
 * phone numbers leaving the service unmasked unless a role needs them (and then audited).
 */
@ApplicationScoped
public class ResidentService {

    static final String ID_NUMBER = "resident.id_number";
    static final String PHONE = "resident.phone";
    public static final String CALLER_PHONE = "visit.caller_phone";

    private final ResidentRepository residents;
    private final PersonalDataCipher cipher;
    private final CatalogService catalog;
    private final AuditService audit;
    private final Clock clock;
    private final jakarta.enterprise.event.Event<ResidentMoved> residentMoved;

    public ResidentService(ResidentRepository residents, PersonalDataCipher cipher, CatalogService catalog,
            AuditService audit, jakarta.enterprise.event.Event<ResidentMoved> residentMoved, Clock clock) {
        this.residentMoved = residentMoved;
        this.residents = residents;
        this.cipher = cipher;
        this.catalog = catalog;
        this.audit = audit;
        this.clock = clock;
    }

    public record Registration(String idNumber, String name, String phone, UUID villageId, String address, String group,
            String notes) {
    }

    /** Thrown inside the registration's transaction when the unique index refused it. */
    private static final class LostRace extends RuntimeException {
        final List<byte[]> indexes;

        LostRace(List<byte[]> indexes) {
            super(null, null, false, false);
            this.indexes = indexes;
        }
    }

    /**
     * Registers in a transaction of its own; when two operators register the same person at the
     * same moment the unique index decides, and the loser is told who won once its transaction has
     * ended (never holding two connections at once).
     */
    public Resident register(Caller operator, Registration request) {
        try {
            return QuarkusTransaction.requiringNew().call(() -> registerInTransaction(operator, request));
        } catch (LostRace lost) {
            UUID town = operator.townId();
            throw alreadyRegistered(QuarkusTransaction.requiringNew()
                    .call(() -> residents.findByIdNumberIndex(town, lost.indexes).map(Resident::id).orElse(null)));
        }
    }

    private Resident registerInTransaction(Caller operator, Registration request) {
        IdNumber idNumber = idNumber(request.idNumber());
        PhoneNumber phone = phone("phone", request.phone());
        if (catalog.village(operator.townId(), request.villageId()).isEmpty()) {
            throw CatalogProblem.UNKNOWN_VILLAGE.exception("The village " + request.villageId()
                    + " is not a village of your town");
        }
        // While the index key is being rotated, the person may be on record under the previous key: look under
        // both. A re-index moving that record to the new key meanwhile cannot hide it (a read sees the row as it
        // was or as it is now, never neither); two registrations racing both write the new key's index, and the
        // unique index lets one through.
        List<byte[]> indexes = cipher.indexes(ID_NUMBER, idNumber.value());
        residents.findByIdNumberIndex(operator.townId(), indexes).ifPresent(existing -> {
            throw alreadyRegistered(existing.id());
        });
        byte[] index = indexes.get(0);
        UUID id = UUID.randomUUID();
        Resident resident = new Resident(id, operator.townId(), idNumber, cipher.seal(ID_NUMBER, id, idNumber.value()),
                index, cipher.indexKeyId(), phone, phone == null ? null : cipher.seal(PHONE, id, phone.value()),
                phone == null ? null : cipher.index(PHONE, phone.value()), request.name().strip(), request.villageId(),
                request.address().strip(), Text.blankToNull(request.group()), Text.blankToNull(request.notes()),
                operator.staffId(),
                clock.instant());
        try {
            residents.persistAndFlush(resident);
        } catch (PersistenceException e) {
            if (!DatabaseRefusals.violated(e, "resident_town_id_id_number_index_key")) {
                throw e;
            }
            throw new LostRace(indexes);
        }
        audit.record(AuditEvent.of(AuditAction.RESIDENT_REGISTERED).town(operator.townId())
                .actor(operator.staffId(), operator.username()).device(operator.deviceId().orElse(null))
                .target("resident", resident.id()));
        return resident;
    }

    /** What an operator corrects; null fields stay as they are, a blank group removes it. */
    public record Correction(String name, String phone, UUID villageId, String address, String group, String idNumber,
            boolean moveOpenVisits) {
    }

    /** What a correction did: the resident as now, and how many open visits went to the new address. */
    public record Corrected(Resident resident, int visitsMoved) {
    }

    /**
     * Corrects a resident's name, phone, village, group or address, as registration checks them. The audit entry
     * names the fields that changed, never their values; the teams holding the resident's open visits get the
     * change with their next sync. A wrong ID number is not corrected: it is a new registration, and the old one
     * is erased.
     */
    @Transactional
    public Corrected correct(Caller operator, UUID id, String ifMatch, Correction change) {
        Resident resident = get(operator, id);
        residents.getEntityManager().refresh(resident, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        requireNotErased(resident);
        ETags.require(ifMatch, resident.version());
        if (change.idNumber() != null) {
            throw ResidentProblem.ID_NUMBER_NOT_CORRECTABLE.exception("A wrong ID number cannot be corrected: register"
                    + " the resident with the right one, and have the old registration erased");
        }
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        String name = required(errors, "name", change.name());
        String address = required(errors, "address", change.address());
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        PhoneNumber phone = phone("phone", change.phone());
        if (change.villageId() != null && catalog.village(operator.townId(), change.villageId()).isEmpty()) {
            throw CatalogProblem.UNKNOWN_VILLAGE.exception("The village " + change.villageId()
                    + " is not a village of your town");
        }
        List<String> changed = new java.util.ArrayList<>();
        if (name != null && !name.equals(resident.name())) {
            changed.add("name");
        }
        // The number on record may be indexed under the previous index key: the same number is no change.
        byte[] phoneIndex = phone == null ? null : cipher.index(PHONE, phone.value());
        if (phoneIndex != null && cipher.indexes(PHONE, phone.value()).stream()
                .noneMatch(i -> java.util.Arrays.equals(i, resident.phoneIndex()))) {
            changed.add("phone");
        }
        if (change.villageId() != null && !change.villageId().equals(resident.villageId())) {
            changed.add("village");
        }
        if (address != null && !address.equals(resident.address())) {
            changed.add("address");
        }
        String group = change.group() == null ? null : Text.blankToNull(change.group());
        if (change.group() != null && !java.util.Objects.equals(group, resident.groupName())) {
            changed.add("group");
        }
        if (changed.isEmpty()) {
            return new Corrected(resident, 0);
        }
        resident.correct(changed.contains("name") ? name : null, changed.contains("phone") ? phone : null,
                changed.contains("phone") ? cipher.seal(PHONE, resident.id(), phone.value()) : null, phoneIndex,
                cipher.indexKeyId(),
                changed.contains("village") ? change.villageId() : null, changed.contains("address") ? address : null,
                group, changed.contains("group"));
        residents.flush();
        audit.record(AuditEvent.of(AuditAction.RESIDENT_CORRECTED).town(operator.townId())
                .actor(operator.staffId(), operator.username()).device(operator.deviceId().orElse(null))
                .target("resident", resident.id()).detail("fields", changed));
        if (changed.contains("address") && change.moveOpenVisits()) {
            ResidentMoved moved = new ResidentMoved(operator, resident.id(), address);
            residentMoved.fire(moved);
            return new Corrected(resident, moved.visitsMoved());
        }
        return new Corrected(resident, 0);
    }

    /** The stripped value, or null when none was sent; a blank one is an error. */
    private static String required(List<Problem.FieldError> errors, String field, String value) {
        if (value == null) {
            return null;
        }
        if (value.isBlank()) {
            errors.add(new Problem.FieldError(field, "required", "must not be blank", java.util.Map.of()));
            return null;
        }
        return value.strip();
    }

    /** An erased resident is registered again as anyone new, never booked or corrected. */
    public static void requireNotErased(Resident resident) {
        if (resident.erased()) {
            throw ResidentProblem.RESIDENT_ERASED.exception("This resident's personal data was erased; if they call again,"
                    + " register them anew");
        }
    }

    /** The current year in the town's zone, for ages. */
    public int thisYear() {
        return LocalDate.now(clock).getYear();
    }

    /**
     * Exact-match lookup by ID number (any case of x) or by phone number, under every configured index key
     * (while a re-index runs, a record may still carry the previous key's index).
     */
    public List<Resident> find(Caller caller, String idNumber, String phone) {
        boolean byId = idNumber != null && !idNumber.isBlank();
        boolean byPhone = phone != null && !phone.isBlank();
        if (byId == byPhone) {
            throw ResidentProblem.LOOKUP_NEEDS_ONE_KEY.exception("Give exactly one of idNumber or phone");
        }
        if (byId) {
            return residents.findByIdNumberIndex(caller.townId(), cipher.indexes(ID_NUMBER, idNumber(idNumber).value()))
                    .map(List::of).orElse(List.of());
        }
        return residents.findByPhoneIndex(caller.townId(), cipher.indexes(PHONE, phone("phone", phone).value()), 50);
    }

    public Resident get(Caller caller, UUID id) {
        return residents.findInTown(caller.townId(), id).orElseThrow(() -> ProblemException.notFound("Resident"));
    }

    public Optional<Resident> find(UUID townId, UUID id) {
        return residents.findInTown(townId, id);
    }

    /** Residents of the town by id, for showing many visits at once. */
    public java.util.Map<UUID, Resident> findAll(UUID townId, java.util.Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return java.util.Map.of();
        }
        return residents.list("townId = ?1 and id in ?2", townId, ids).stream()
                .collect(java.util.stream.Collectors.toMap(Resident::id, r -> r));
    }

    /** The resident's full phone number, for calling back; every read is audited. */
    @Transactional
    public String revealPhone(Caller caller, UUID id, String purpose) {
        Resident resident = get(caller, id);
        if (resident.phoneSealed() == null) {
            throw ResidentProblem.NO_PHONE.exception("This resident has no phone number on record");
        }
        String phone = cipher.open(PHONE, resident.id(), resident.phoneSealed());
        audit.record(
                AuditEvent.of(AuditAction.PERSONAL_DATA_READ).town(caller.townId()).actor(caller.staffId(), caller.username())
                        .device(caller.deviceId().orElse(null)).target("resident", resident.id()).detail("field", "phone")
                        .detail("purpose", purpose));
        return phone;
    }

    /**
     * The full phone numbers of residents a field team is about to visit, for the tablet; each one
     * revealed is audited. Residents without a number are left out.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Map<UUID, String> revealPhones(Caller caller, java.util.Collection<Resident> visited, String purpose) {
        java.util.Map<UUID, String> phones = new java.util.HashMap<>();
        for (Resident resident : visited) {
            if (resident.phoneSealed() != null && resident.townId().equals(caller.townId())) {
                phones.put(resident.id(), cipher.open(PHONE, resident.id(), resident.phoneSealed()));
                audit.record(AuditEvent.of(AuditAction.PERSONAL_DATA_READ).town(caller.townId())
                        .actor(caller.staffId(), caller.username()).device(caller.deviceId().orElse(null))
                        .target("resident", resident.id()).detail("field", "phone").detail("purpose", purpose));
            }
        }
        return phones;
    }

    /** The resident's record as they would read it, numbers in full, for a copy of their data. */
    public record FullRecord(UUID id, String name, String idNumber, String phone, int birthYear, Sex sex, UUID villageId,
            String address, String group, String notes, java.time.Instant registeredAt) {
    }

    /** The resident's record with both numbers in full, for the resident's own access copy; the read is audited. */
    @Transactional
    public FullRecord revealForAccessCopy(Caller caller, UUID id) {
        Resident r = get(caller, id);
        String idNumber = r.erased() ? null : cipher.open(ID_NUMBER, r.id(), r.idNumberSealed());
        String phone = r.erased() || r.phoneSealed() == null ? null : cipher.open(PHONE, r.id(), r.phoneSealed());
        audit.record(
                AuditEvent.of(AuditAction.PERSONAL_DATA_READ).town(caller.townId()).actor(caller.staffId(), caller.username())
                        .target("resident", r.id()).detail("field", "idNumber, phone").detail("purpose", "access copy"));
        return new FullRecord(r.id(), r.name(), idNumber, phone, r.birthYear(), r.sex(), r.villageId(), r.address(),
                r.groupName(), r.notes(), r.createdAt());
    }

    /** The resident's full ID number for the online filing of a visit (no person reads it); audited. */
    @Transactional(Transactional.TxType.MANDATORY)
    public String revealIdNumberForFiling(UUID townId, UUID residentId, UUID visitId) {
        Resident resident = residents.findByIdOptional(residentId).filter(r -> r.townId().equals(townId)).orElseThrow();
        String idNumber = cipher.open(ID_NUMBER, resident.id(), resident.idNumberSealed());
        audit.record(AuditEvent.of(AuditAction.PERSONAL_DATA_READ).town(townId).target("resident", resident.id())
                .detail("field", "idNumber").detail("purpose", "online filing").detail("visit", visitId.toString()));
        return idNumber;
    }

    private IdNumber idNumber(String typed) {
        try {
            return IdNumber.parse(typed, LocalDate.now(clock));
        } catch (IdNumber.Invalid e) {
            throw ProblemException.invalid("idNumber", e.code(), e.getMessage(), e.arguments());
        }
    }

    static PhoneNumber phone(String field, String typed) {
        if (typed == null) {
            return null;
        }
        try {
            return PhoneNumber.parse(typed);
        } catch (PhoneNumber.Invalid e) {
            throw ProblemException.invalid(field, e.code(), e.getMessage());
        }
    }

    private static ProblemException alreadyRegistered(UUID existing) {
        ProblemException problem = ResidentProblem.RESIDENT_EXISTS
                .exception("A resident with this ID number is registered in your town; carry on with the existing one");
        return existing == null ? problem : problem.with("existingId", existing);
    }

}
