package org.doorstep.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/** Field tablets: registered by an admin, enrolled with a one-time code, revoked when lost. */
@ApplicationScoped
public class DeviceService {

    private final DeviceRepository devices;
    private final Secrets secrets;
    private final Revoker revoker;
    private final AuditService audit;
    private final IdentityConfig config;
    private final Clock clock;

    public DeviceService(DeviceRepository devices, Secrets secrets, Revoker revoker, AuditService audit,
            IdentityConfig config, Clock clock) {
        this.devices = devices;
        this.secrets = secrets;
        this.revoker = revoker;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    public record Registration(Device device, String enrollmentCode) {
    }

    public record Enrollment(UUID deviceId, String deviceSecret) {
    }

    @Transactional
    public Registration register(Caller admin, String label, String serialNumber) {
        Instant now = clock.instant();
        String serial = serialNumber == null || serialNumber.isBlank() ? null : serialNumber.trim();
        if (serial != null && devices.count("townId = ?1 and serialNumber = ?2 and status <> ?3", admin.townId(), serial,
                DeviceStatus.REVOKED) > 0) {
            throw IdentityProblem.DEVICE_SERIAL_TAKEN
                    .exception("A tablet with serial number " + serial + " is registered and not revoked")
                    .arg("serialNumber", serial);
        }
        String code = secrets.newEnrollmentCode();
        Device device = new Device(admin.townId(), label.trim(), serial, Secrets.sha256(Secrets.normalizeCode(code)),
                now.plus(config.enrollmentCodeLifetime()), now);
        devices.persist(device);
        audit.record(AuditEvent.of(AuditAction.DEVICE_REGISTERED).town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("device", device.id()).detail("label", device.label()));
        return new Registration(device, code);
    }

    /**
     * A new enrolment code for a tablet that is registered but not enrolled yet: the old code stops
     * working. An enrolled or revoked tablet gets none (409 device-not-pending).
     */
    @Transactional
    public Registration renewEnrollmentCode(Caller admin, UUID id) {
        Device device = devices.findInTown(admin.townId(), id).orElseThrow(() -> ProblemException.notFound("Tablet"));
        devices.getEntityManager().refresh(device, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (device.status() != DeviceStatus.PENDING) {
            throw IdentityProblem.DEVICE_NOT_PENDING
                    .exception("Only a tablet that is not enrolled yet gets a new enrolment code").with("currentStatus",
                            device.status());
        }
        Instant now = clock.instant();
        String code = secrets.newEnrollmentCode();
        device.newEnrollmentCode(Secrets.sha256(Secrets.normalizeCode(code)), now.plus(config.enrollmentCodeLifetime()));
        audit.record(AuditEvent.of(AuditAction.DEVICE_ENROLMENT_CODE_RENEWED).town(admin.townId())
                .actor(admin.staffId(), admin.username()).target("device", device.id()));
        return new Registration(device, code);
    }

    /** The tablet trades its code for a secret; the code works once, and only until it expires. */
    @Transactional(dontRollbackOn = ProblemException.class)
    public Enrollment enroll(String code, String model, String osVersion, String appVersion) {
        Instant now = clock.instant();
        Device device = devices.findByEnrollmentCodeHash(Secrets.sha256(Secrets.normalizeCode(code)))
                .orElseThrow(IdentityProblems::invalidEnrollmentCode);
        if (device.status() != DeviceStatus.PENDING || device.enrollmentExpired(now)) {
            audit.record(AuditEvent.of(AuditAction.DEVICE_ENROLMENT_REFUSED).town(device.townId()).target("device", device.id())
                    .detail("reason", "code expired"));
            throw IdentityProblems.invalidEnrollmentCode();
        }
        String secret = secrets.newDeviceSecret();
        device.enroll(Secrets.sha256(secret), model, osVersion, appVersion, now);
        audit.record(AuditEvent.of(AuditAction.DEVICE_ENROLLED).town(device.townId()).device(device.id())
                .target("device", device.id()).detail("model", model).detail("appVersion", appVersion));
        return new Enrollment(device.id(), secret);
    }

    public Page<Device> list(Caller admin, PageRequest page) {
        return Page.of(devices.pageOfTown(admin.townId(), page), page, devices.countInTown(admin.townId()));
    }

    public Device get(Caller admin, UUID id) {
        return devices.findInTown(admin.townId(), id).orElseThrow(() -> ProblemException.notFound("Tablet"));
    }

    public String label(UUID deviceId) {
        return devices.findByIdOptional(deviceId).map(Device::label).orElse(null);
    }

    /** A lost tablet: every token it holds stops working at once, on every instance. */
    @Transactional
    public Device revoke(Caller admin, UUID id) {
        Device device = devices.findInTown(admin.townId(), id).orElseThrow(() -> ProblemException.notFound("Tablet"));
        devices.getEntityManager().refresh(device, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        if (device.status() == DeviceStatus.REVOKED) {
            return device;
        }
        Instant now = clock.instant();
        device.revoke(now);
        revoker.revoke(TokenRevocation.Kind.DEVICE, device.id(), "tablet revoked", now);
        audit.record(AuditEvent.of(AuditAction.DEVICE_REVOKED).town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("device", device.id()));
        return device;
    }
}
