package org.doorstep.booking;

import java.time.LocalDate;

import org.doorstep.shared.ProblemException;

/**
 * How far ahead visits are booked, planned and given to teams: one horizon, and one answer when a day
 * lies beyond it (400, naming the field).
 */
public final class BookingHorizon {

    /** Days after today on which a visit may still be wanted, planned or scheduled. */
    public static final int DAYS_AHEAD = 90;

    private BookingHorizon() {
    }

    /** Refuses a day more than {@link #DAYS_AHEAD} days after today. */
    public static void check(String field, LocalDate day, LocalDate today) {
        if (day.isAfter(today.plusDays(DAYS_AHEAD))) {
            throw ProblemException.invalid(field, "within-days", "must be within " + DAYS_AHEAD + " days",
                    "days", DAYS_AHEAD);
        }
    }
}
