package org.doorstep.booking;

import java.util.EnumSet;
import java.util.Set;

/** Where a work order stands in the life of a visit. */
public enum VisitStatus {
    REQUESTED,
    SCHEDULED,
    EN_ROUTE,
    ON_SITE,
    COMPLETED,
    SUBMITTED,
    FAILED,
    CANCELLED;

    /** Not yet closed: such a visit blocks a second booking of the same service for the resident. */
    public static final Set<VisitStatus> OPEN = EnumSet.of(REQUESTED, SCHEDULED, EN_ROUTE, ON_SITE);

    /** Given to a team and not closed yet: what the team's tablets work on. */
    public static final Set<VisitStatus> WITH_A_TEAM = EnumSet.of(SCHEDULED, EN_ROUTE, ON_SITE);

    /**
     * Holding its slot in a team's day, done or not (a failed or cancelled visit frees it); the database's
     * exclusion constraint on slots counts the same statuses.
     */
    public static final Set<VisitStatus> HOLDING_A_SLOT = EnumSet.of(SCHEDULED, EN_ROUTE, ON_SITE, COMPLETED, SUBMITTED);

    /** Done with, well or not (a cancelled visit never took place): followed up, kept on tablets a while. */
    public static final Set<VisitStatus> CLOSED = EnumSet.of(COMPLETED, SUBMITTED, FAILED);

    public boolean open() {
        return OPEN.contains(this);
    }
}
