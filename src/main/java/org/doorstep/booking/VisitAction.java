package org.doorstep.booking;

/** What can happen to a visit; each is recorded as an event of the same name. */
public enum VisitAction {
    ASSIGN("assigned"),
    REASSIGN("reassigned"),
    UNASSIGN("unassigned"),
    DEPART("departed for"),
    ARRIVE("arrived at"),
    COMPLETE("completed"),
    FAIL("failed"),
    CANCEL("cancelled"),
    SUBMIT("submitted");

    private final String pastParticiple;

    VisitAction(String pastParticiple) {
        this.pastParticiple = pastParticiple;
    }

    /** As in "a visit that is COMPLETED cannot be cancelled". */
    public String pastParticiple() {
        return pastParticiple;
    }
}
