package org.doorstep.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class VisitLifecycleTest {

    @Test
    void theAllowedTransitionsAreExactlyTheLifeOfAVisit() {
        Map<VisitStatus, Map<VisitAction, VisitStatus>> expected = new EnumMap<>(VisitStatus.class);
        expected.put(VisitStatus.REQUESTED, Map.of(VisitAction.ASSIGN, VisitStatus.SCHEDULED, VisitAction.CANCEL,
                VisitStatus.CANCELLED));
        expected.put(VisitStatus.SCHEDULED, Map.of(VisitAction.REASSIGN, VisitStatus.SCHEDULED, VisitAction.UNASSIGN,
                VisitStatus.REQUESTED, VisitAction.DEPART, VisitStatus.EN_ROUTE, VisitAction.CANCEL, VisitStatus.CANCELLED));
        expected.put(VisitStatus.EN_ROUTE, Map.of(VisitAction.ARRIVE, VisitStatus.ON_SITE, VisitAction.FAIL,
                VisitStatus.FAILED));
        expected.put(VisitStatus.ON_SITE, Map.of(VisitAction.COMPLETE, VisitStatus.COMPLETED, VisitAction.FAIL,
                VisitStatus.FAILED));
        expected.put(VisitStatus.COMPLETED, Map.of(VisitAction.SUBMIT, VisitStatus.SUBMITTED));
        for (VisitStatus from : VisitStatus.values()) {
            for (VisitAction action : VisitAction.values()) {
                Optional<VisitStatus> want = Optional.ofNullable(expected.getOrDefault(from, Map.of()).get(action));
                assertEquals(want, VisitLifecycle.next(from, action), from + " --" + action + "-->");
            }
        }
    }

    @Test
    void closedVisitsGoNowhere() {
        for (VisitStatus closed : new VisitStatus[] { VisitStatus.SUBMITTED, VisitStatus.FAILED, VisitStatus.CANCELLED }) {
            assertEquals(0, VisitLifecycle.allowed(closed).size(), closed.name());
        }
    }
}
