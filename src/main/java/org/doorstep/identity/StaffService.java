package org.doorstep.identity;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.shared.ETags;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.ProblemType;
import org.doorstep.shared.Text;
import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

/** Staff accounts of the admin's town. A change of roles, team, password or activity ends the member's sessions. */
@ApplicationScoped
public class StaffService {

    private final StaffRepository staff;
    private final PasswordHasher passwords;
    private final Revoker revoker;
    private final AuditService audit;
    private final CatalogService catalog;
    private final Clock clock;

    public StaffService(StaffRepository staff, PasswordHasher passwords, Revoker revoker, AuditService audit,
            CatalogService catalog, Clock clock) {
        this.staff = staff;
        this.catalog = catalog;
        this.passwords = passwords;
        this.revoker = revoker;
        this.audit = audit;
        this.clock = clock;
    }

    public record NewStaff(String username, String displayName, String phone, List<String> roles, UUID teamId,
            String password) {
    }

    /** A change; null fields stay as they are. */
    public record StaffChange(String displayName, String phone, List<String> roles, UUID teamId, Boolean active,
            String password) {
    }

    @Transactional
    public Staff create(Caller admin, NewStaff request) {
        String username = request.username().trim();
        String prefix = usernamePrefix(admin.townId());
        if (!username.startsWith(prefix) || username.length() == prefix.length()) {
            // Checked before the name is looked up: an admin learns only whether names of their own town are taken,
            // never which names other towns use (sign-in names are shared by the whole county).
            throw IdentityProblem.USERNAME_OUTSIDE_TOWN.exception("Usernames of this town begin with " + prefix)
                    .with("prefix", prefix);
        }
        if (staff.findByUsername(username).isPresent()) {
            throw IdentityProblem.USERNAME_TAKEN.exception("The username " + username + " is taken")
                    .arg("username", username);
        }
        List<String> roles = List.copyOf(new java.util.TreeSet<>(request.roles()));
        requireCountyAdminFor(admin, List.of(), roles);
        UUID team = checkedTeam(admin.townId(), roles, request.teamId());
        Staff member = new Staff(admin.townId(), username, request.displayName().trim(), Text.blankToNull(request.phone()),
                roles,
                team, passwords.hash(request.password()), clock.instant());
        staff.persist(member);
        audit.record(AuditEvent.of(AuditAction.STAFF_CREATED).town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("staff", member.id()).detail("roles", roles));
        return member;
    }

    /** What every new username of the town begins with: its code in lower case and a dot, as in {@code yongan.wangqiang}. */
    public String usernamePrefix(UUID townId) {
        return catalog.town(townId).code().toLowerCase(java.util.Locale.ROOT) + ".";
    }

    public Page<Staff> list(Caller admin, PageRequest page) {
        return Page.of(staff.pageOfTown(admin.townId(), page), page, staff.countInTown(admin.townId()));
    }

    public Staff get(Caller caller, UUID id) {
        return staff.findInTown(caller.townId(), id).orElseThrow(() -> ProblemException.notFound("Staff member"));
    }

    @Transactional
    public Staff update(Caller admin, UUID id, String ifMatch, StaffChange change) {
        Staff member = get(admin, id);
        // Taken before anything else, so that a sign-in in progress either finishes first (and its
        // session is then revoked here) or waits and sees the change.
        staff.getEntityManager().refresh(member, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        requireOutranksNot(admin, member);
        ETags.require(ifMatch, member.version());
        Instant now = clock.instant();
        boolean endSessions = false;
        if (change.displayName() != null) {
            member.rename(change.displayName().trim(), now);
        }
        if (change.phone() != null) {
            member.changePhone(Text.blankToNull(change.phone()), now);
        }
        if (change.roles() != null || change.teamId() != null) {
            List<String> roles = change.roles() == null ? member.roles()
                    : List.copyOf(new java.util.TreeSet<>(change.roles()));
            requireCountyAdminFor(admin, member.roles(), roles);
            UUID team = change.teamId() != null ? change.teamId()
                    : roles.contains(Roles.FIELD_AGENT) ? member.teamId() : null;
            team = checkedTeam(admin.townId(), roles, team);
            endSessions = !roles.equals(member.roles()) || !java.util.Objects.equals(team, member.teamId());
            member.assign(roles, team, now);
        }
        if (change.active() != null && change.active() != member.active()) {
            if (!change.active() && member.id().equals(admin.staffId())) {
                throw IdentityProblem.CANNOT_DEACTIVATE_SELF.exception("Ask another admin to deactivate your account");
            }
            member.activate(change.active(), now);
            endSessions = true;
        }
        if (change.password() != null) {
            member.changePassword(passwords.hash(change.password()), now);
            endSessions = true;
        }
        if (endSessions) {
            revoker.revoke(TokenRevocation.Kind.STAFF, member.id(), "account changed", now);
        }
        audit.record(AuditEvent
                .of(change.active() != null && !change.active() ? AuditAction.STAFF_DEACTIVATED : AuditAction.STAFF_UPDATED)
                .town(admin.townId()).actor(admin.staffId(), admin.username()).target("staff", member.id())
                .detail("sessionsEnded", endSessions));
        staff.flush();
        return member;
    }

    /**
     * Gives the named accounts this password unless they have it already. For the demo towns, whose
     * accounts share one documented password: they share one hash of it too, so that a start checks the
     * password once (an Argon2 check each would cost seconds) and then compares strings.
     */
    @Transactional
    public int setSharedPassword(List<String> usernames, String password) {
        int changed = 0;
        String shared = null;
        for (String username : usernames) {
            Staff member = staff.findByUsername(username).orElse(null);
            if (member == null) {
                continue;
            }
            if (shared == null) {
                shared = passwords.verify(password, member.passwordHash()) ? member.passwordHash()
                        : passwords.hash(password);
            }
            if (!shared.equals(member.passwordHash())) {
                member.changePassword(shared, clock.instant());
                changed++;
            }
        }
        return changed;
    }

    /** Whether the deployment has an active admin anywhere. */
    public boolean anyActiveAdmin() {
        return staff.countActiveAdmins() > 0;
    }

    /** The first admin of a new deployment, in its first town. */
    @Transactional
    public Staff bootstrapAdmin(UUID townId, String username, String password) {
        Staff admin = new Staff(townId, username, "Administrator", null, List.of(Roles.ADMIN, Roles.COUNTY_ADMIN), null,
                passwords.hash(password), clock.instant());
        staff.persist(admin);
        audit.record(
                AuditEvent.of(AuditAction.STAFF_CREATED).town(townId).target("staff", admin.id()).detail("bootstrap", true));
        return admin;
    }

    public String teamName(UUID teamId) {
        return staff.teamName(teamId);
    }

    /**
     * An account that holds a role above the caller's is changed only by someone who holds that role too: a town's
     * admin changes nothing of a county admin's (password, activity, name, phone, team, roles, and so their
     * sessions), or the county's texts, calendar and keys would be one password reset away.
     */
    private static void requireOutranksNot(Caller admin, Staff member) {
        for (String role : Roles.ABOVE_TOWN) {
            if (member.hasRole(role) && !admin.roles().contains(role)) {
                throw IdentityProblem.ACCOUNT_ABOVE_YOUR_ROLE.exception("This account holds the " + role
                        + " role, which yours does not: only someone with that role may change it").with("role", role);
            }
        }
    }

    /** Only a county admin gives or takes the county role: a town's admin cannot raise anyone to it, themselves included. */
    private static void requireCountyAdminFor(Caller admin, List<String> before, List<String> after) {
        if (before.contains(Roles.COUNTY_ADMIN) != after.contains(Roles.COUNTY_ADMIN)
                && !admin.roles().contains(Roles.COUNTY_ADMIN)) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only a county admin gives or takes the county_admin role");
        }
    }

    private UUID checkedTeam(UUID townId, List<String> roles, UUID teamId) {
        boolean fieldAgent = roles.contains(Roles.FIELD_AGENT);
        if (fieldAgent && teamId == null) {
            throw IdentityProblem.TEAM_REQUIRED.exception("Give the field agent a teamId");
        }
        if (!fieldAgent && teamId != null) {
            throw IdentityProblem.TEAM_NOT_ALLOWED.exception("Remove teamId, or add the field_agent role");
        }
        if (teamId != null && !staff.teamInTown(townId, teamId)) {
            throw IdentityProblem.UNKNOWN_TEAM.exception("The team " + teamId + " is not a team of your town");
        }
        return teamId;
    }

}
