package org.doorstep.booking;

import java.util.Set;

import org.doorstep.shared.security.Caller;
import org.doorstep.shared.security.Roles;

/**
 * Which of the town's visits an endpoint lets a caller reach: all of them for the roles the endpoint gives the
 * whole town, and only their own team's for a field agent. An account with two roles gets what the endpoint
 * gives either role, never more: an operator who is also a field agent reads the whole town's visits at the
 * desk, and on a field endpoint (events, consents, uploads) acts on their own team's visits only.
 */
public record VisitReach(Set<String> townWideRoles) {

    /** Field endpoints: the caller's own team's visits, whatever other roles they hold. */
    public static final VisitReach TEAM = new VisitReach(Set.of());

    /** The desk, the board and the office's reads: the whole town for operators, dispatchers and supervisors. */
    public static final VisitReach OFFICE = townWideFor(Roles.OPERATOR, Roles.DISPATCHER, Roles.SUPERVISOR);

    public VisitReach {
        townWideRoles = Set.copyOf(townWideRoles);
    }

    /** The whole town for these roles, the team's visits for a field agent. */
    public static VisitReach townWideFor(String... roles) {
        return new VisitReach(Set.of(roles));
    }

    /** Whether the caller reaches every visit of their town here. */
    boolean townWide(Caller caller) {
        return caller.roles().stream().anyMatch(townWideRoles::contains);
    }
}
