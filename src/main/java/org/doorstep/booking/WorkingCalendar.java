package org.doorstep.booking;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Map;

/**
 * The Chinese working calendar over a stretch of days: Monday to Friday work, the weekend rests,
 * except the days the State Council's schedule lists — public holidays off, make-up working days
 * (调休) on weekends on.
 */
public final class WorkingCalendar {

    public enum DayKind {
        HOLIDAY,
        WORKDAY
    }

    private final Map<LocalDate, DayKind> exceptions;

    public WorkingCalendar(Map<LocalDate, DayKind> exceptions) {
        this.exceptions = Map.copyOf(exceptions);
    }

    public boolean workingDay(LocalDate day) {
        DayKind listed = exceptions.get(day);
        if (listed != null) {
            return listed == DayKind.WORKDAY;
        }
        return day.getDayOfWeek() != DayOfWeek.SATURDAY && day.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The {@code n}th working day after {@code from}; the day of booking itself does not count. */
    public LocalDate addWorkingDays(LocalDate from, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1");
        }
        LocalDate day = from;
        int counted = 0;
        while (counted < n) {
            day = day.plusDays(1);
            if (workingDay(day)) {
                counted++;
            }
        }
        return day;
    }
}
