package org.doorstep.booking;

import static org.doorstep.booking.VisitAction.ARRIVE;
import static org.doorstep.booking.VisitAction.ASSIGN;
import static org.doorstep.booking.VisitAction.CANCEL;
import static org.doorstep.booking.VisitAction.COMPLETE;
import static org.doorstep.booking.VisitAction.DEPART;
import static org.doorstep.booking.VisitAction.FAIL;
import static org.doorstep.booking.VisitAction.REASSIGN;
import static org.doorstep.booking.VisitAction.SUBMIT;
import static org.doorstep.booking.VisitAction.UNASSIGN;
import static org.doorstep.booking.VisitStatus.CANCELLED;
import static org.doorstep.booking.VisitStatus.COMPLETED;
import static org.doorstep.booking.VisitStatus.EN_ROUTE;
import static org.doorstep.booking.VisitStatus.FAILED;
import static org.doorstep.booking.VisitStatus.ON_SITE;
import static org.doorstep.booking.VisitStatus.REQUESTED;
import static org.doorstep.booking.VisitStatus.SCHEDULED;
import static org.doorstep.booking.VisitStatus.SUBMITTED;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The life of a visit, in one place:
 *
 * <pre>
 * REQUESTED --assign--> SCHEDULED --depart--> EN_ROUTE --arrive--> ON_SITE --complete--> COMPLETED --submit--> SUBMITTED
 *     |  ^                 |  |  reassign          |                  |
 *     |  +----unassign-----+  |                    +--fail--> FAILED <-+--fail
 *     +--cancel--> CANCELLED <-cancel
 * </pre>
 */
public final class VisitLifecycle {

    private static final Map<VisitStatus, Map<VisitAction, VisitStatus>> NEXT = new EnumMap<>(VisitStatus.class);

    static {
        allow(REQUESTED, ASSIGN, SCHEDULED);
        allow(REQUESTED, CANCEL, CANCELLED);
        allow(SCHEDULED, REASSIGN, SCHEDULED);
        allow(SCHEDULED, UNASSIGN, REQUESTED);
        allow(SCHEDULED, DEPART, EN_ROUTE);
        allow(SCHEDULED, CANCEL, CANCELLED);
        allow(EN_ROUTE, ARRIVE, ON_SITE);
        allow(EN_ROUTE, FAIL, FAILED);
        allow(ON_SITE, COMPLETE, COMPLETED);
        allow(ON_SITE, FAIL, FAILED);
        allow(COMPLETED, SUBMIT, SUBMITTED);
    }

    private VisitLifecycle() {
    }

    private static void allow(VisitStatus from, VisitAction action, VisitStatus to) {
        NEXT.computeIfAbsent(from, s -> new EnumMap<>(VisitAction.class)).put(action, to);
    }

    /** Where the action leads from this status, or empty when it is not allowed there. */
    public static Optional<VisitStatus> next(VisitStatus from, VisitAction action) {
        return Optional.ofNullable(NEXT.getOrDefault(from, Map.of()).get(action));
    }

    /** The actions allowed in a status. */
    public static Set<VisitAction> allowed(VisitStatus from) {
        return NEXT.getOrDefault(from, Map.of()).keySet();
    }
}
