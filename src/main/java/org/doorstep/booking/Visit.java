package org.doorstep.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import org.doorstep.resident.CallerPhones;
import org.doorstep.resident.PersonalDataCipher;
import org.doorstep.shared.Text;

/**
 * One home-visit work order (工单): a resident, a service, where, when, who asked for it, and its
 * deadline. Its status changes only through {@link #apply}, along {@link VisitLifecycle}.
 */
@Entity
@Table(name = "visit")
public class Visit {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    @Column(name = "ticket_number")
    private String ticketNumber;
    @Column(name = "resident_id")
    private UUID residentId;
    @Column(name = "service_type_id")
    private UUID serviceTypeId;
    @Column(name = "village_id")
    private UUID villageId;
    private String address;
    @Enumerated(EnumType.STRING)
    private Channel channel;
    @Column(name = "caller_name")
    private String callerName;
    @Enumerated(EnumType.STRING)
    @Column(name = "caller_relation")
    private CallerRelation callerRelation;
    @Column(name = "caller_phone_enc")
    private byte[] callerPhoneEnc;
    @Column(name = "caller_phone_key")
    private String callerPhoneKey;
    @Column(name = "caller_phone_masked")
    private String callerPhoneMasked;
    @Column(name = "preferred_date")
    private LocalDate preferredDate;
    @Enumerated(EnumType.STRING)
    @Column(name = "preferred_period")
    private Period preferredPeriod;
    private String notes;
    @Enumerated(EnumType.STRING)
    private VisitStatus status;
    @Column(name = "due_at")
    private Instant dueAt;
    @Column(name = "team_id")
    private UUID teamId;
    @Column(name = "slot_start")
    private Instant slotStart;
    @Column(name = "slot_end")
    private Instant slotEnd;
    @Column(name = "due_at_provisional")
    private boolean dueAtProvisional;
    @Column(name = "previous_visit_id")
    private UUID previousVisitId;
    @Column(name = "closed_at")
    private Instant closedAt;
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "created_by")
    private UUID createdBy;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Visit() {
    }

    /** What the operator took down on the phone. */
    /**
     * What the service found for a booking beyond what the operator typed: the town, the resident and their
     * village, the service, where to go, and who phoned with their phone sealed.
     */
    record Found(UUID townId, UUID residentId, UUID serviceTypeId, UUID villageId, String address, String callerName,
            CallerPhones.SealedPhone callerPhone) {
    }

    static Visit book(UUID id, VisitApi.Book command, Found found, String ticketNumber, DeadlinePolicy.Deadline due,
            UUID operator, Instant now) {
        Visit visit = new Visit();
        visit.id = id;
        visit.townId = found.townId();
        visit.ticketNumber = ticketNumber;
        visit.residentId = found.residentId();
        visit.serviceTypeId = found.serviceTypeId();
        visit.villageId = found.villageId();
        visit.address = found.address();
        visit.channel = command.channel();
        visit.callerName = found.callerName();
        visit.callerRelation = command.caller().relation();
        visit.callerPhoneEnc = found.callerPhone().sealed().ciphertext();
        visit.callerPhoneKey = found.callerPhone().sealed().keyId();
        visit.callerPhoneMasked = found.callerPhone().masked();
        visit.preferredDate = command.preferredDate();
        visit.preferredPeriod = command.preferredPeriod();
        visit.notes = Text.blankToNull(command.notes());
        visit.previousVisitId = command.previousVisitId();
        visit.status = VisitStatus.REQUESTED;
        visit.dueAt = due.at();
        visit.dueAtProvisional = due.provisional();
        visit.createdAt = now;
        visit.createdBy = operator;
        visit.updatedAt = now;
        return visit;
    }

    /** The event that records the booking itself. */
    VisitEvent booked(VisitEvent.Context context, Instant now) {
        return new VisitEvent(id, "BOOKED", null, VisitStatus.REQUESTED, context, now);
    }

    /**
     * Moves the visit along its lifecycle; an action its status does not allow is refused with 409
     * and the current status in the problem.
     */
    VisitEvent apply(VisitAction action, VisitEvent.Context context, Instant now) {
        VisitStatus to = VisitLifecycle.next(status, action)
                .orElseThrow(() -> BookingProblem.ILLEGAL_TRANSITION
                        .exception("A visit that is " + status + " cannot be " + action.pastParticiple())
                        .with("currentStatus", status).with("action", action)
                        .with("allowedActions", VisitLifecycle.allowed(status)));
        VisitEvent event = new VisitEvent(id, action.name(), status, to, context, now);
        this.status = to;
        this.updatedAt = now;
        if (!to.open() && closedAt == null) {
            this.closedAt = now;
        }
        return event;
    }

    /** Gives the visit to a team for a slot: ASSIGN from REQUESTED, REASSIGN when it was scheduled already. */
    VisitEvent assign(UUID team, Instant start, Instant end, VisitEvent.Context context, Instant now) {
        VisitEvent event = apply(status == VisitStatus.SCHEDULED ? VisitAction.REASSIGN : VisitAction.ASSIGN, context, now);
        this.teamId = team;
        this.slotStart = start;
        this.slotEnd = end;
        return event;
    }

    /** Takes the visit back from its team: back to REQUESTED. */
    VisitEvent unassign(VisitEvent.Context context, Instant now) {
        VisitEvent event = apply(VisitAction.UNASSIGN, context, now);
        this.teamId = null;
        this.slotStart = null;
        this.slotEnd = null;
        return event;
    }

    public UUID teamId() {
        return teamId;
    }

    public Instant slotStart() {
        return slotStart;
    }

    public Instant slotEnd() {
        return slotEnd;
    }

    public boolean overdue(Instant now) {
        return status.open() && now.isAfter(dueAt);
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String ticketNumber() {
        return ticketNumber;
    }

    public UUID residentId() {
        return residentId;
    }

    public UUID serviceTypeId() {
        return serviceTypeId;
    }

    public UUID villageId() {
        return villageId;
    }

    public String address() {
        return address;
    }

    public Channel channel() {
        return channel;
    }

    public String callerName() {
        return callerName;
    }

    public CallerRelation callerRelation() {
        return callerRelation;
    }

    /** The resident moved: the team goes to the new address (only while the visit has not reached them). */
    void moveTo(String newAddress, Instant now) {
        if (status != VisitStatus.REQUESTED && status != VisitStatus.SCHEDULED && status != VisitStatus.EN_ROUTE) {
            throw new IllegalStateException("a visit that reached its resident keeps its address");
        }
        this.address = newAddress;
        this.updatedAt = now;
    }

    /** The caller's number as kept (encrypted), for the one feature that may open it; null when none was given. */
    public PersonalDataCipher.Sealed callerPhoneSealed() {
        return callerPhoneEnc == null ? null : new PersonalDataCipher.Sealed(callerPhoneEnc, callerPhoneKey);
    }

    public String callerPhoneMasked() {
        return callerPhoneMasked;
    }

    public LocalDate preferredDate() {
        return preferredDate;
    }

    public Period preferredPeriod() {
        return preferredPeriod;
    }

    public String notes() {
        return notes;
    }

    public VisitStatus status() {
        return status;
    }

    public Instant dueAt() {
        return dueAt;
    }

    /** Counted across a year whose holiday schedule was not loaded yet; counted again when it is. */
    public boolean dueAtProvisional() {
        return dueAtProvisional;
    }

    /** A provisional deadline counted again, now that the calendar knows more. */
    void recountDeadline(DeadlinePolicy.Deadline due) {
        this.dueAt = due.at();
        this.dueAtProvisional = due.provisional();
    }

    public UUID previousVisitId() {
        return previousVisitId;
    }

    public Instant closedAt() {
        return closedAt;
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
