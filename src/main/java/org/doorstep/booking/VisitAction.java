package org.doorstep.booking;

/** What can happen to a visit; each is recorded as an event of the same name. */
public enum VisitAction {
    ASSIGN,
    REASSIGN,
    UNASSIGN,
    DEPART,
    ARRIVE,
    COMPLETE,
    FAIL,
    CANCEL,
    SUBMIT
}
