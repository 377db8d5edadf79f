package org.doorstep.booking;

import org.doorstep.shared.ProblemKind;

/** The refusals of booking visits and of moving them along their life. Each type once, with its status and title. */
public enum BookingProblem implements ProblemKind {
    UNKNOWN_RESIDENT("unknown-resident", 422, "No such resident"),
    OPEN_VISIT_EXISTS("open-visit-exists", 409, "An open visit exists"),
    ALREADY_REBOOKED("already-rebooked", 409, "Booked again already"),
    NOT_A_FAILED_VISIT("not-a-failed-visit", 422, "Not a failed visit of this booking"),
    BOOKING_CONFLICT("booking-conflict", 409, "Booked meanwhile"),
    TOO_MANY_TICKETS("too-many-tickets", 503, "The day's ticket numbers are used up"),
    ILLEGAL_TRANSITION("illegal-transition", 409, "Not possible in this state"),
    TEAM_BUSY("team-busy", 409, "The team is busy then");

    private final Definition definition;

    BookingProblem(String slug, int status, String title) {
        this.definition = new Definition(slug, status, title);
    }

    @Override
    public Definition definition() {
        return definition;
    }
}
