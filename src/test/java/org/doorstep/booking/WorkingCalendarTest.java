package org.doorstep.booking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.doorstep.booking.WorkingCalendar.DayKind;
import org.junit.jupiter.api.Test;

class WorkingCalendarTest {

    /** The 2026 National Day week and its make-up days, as the State Council published them. */
    private static final WorkingCalendar NATIONAL_DAY_2026;

    static {
        Map<LocalDate, DayKind> days = new HashMap<>();
        days.put(LocalDate.of(2026, 9, 20), DayKind.WORKDAY);
        for (int d = 25; d <= 27; d++) {
            days.put(LocalDate.of(2026, 9, d), DayKind.HOLIDAY);
        }
        for (int d = 1; d <= 7; d++) {
            days.put(LocalDate.of(2026, 10, d), DayKind.HOLIDAY);
        }
        days.put(LocalDate.of(2026, 10, 10), DayKind.WORKDAY);
        NATIONAL_DAY_2026 = new WorkingCalendar(days);
    }

    @Test
    void weekdaysWorkAndWeekendsRest() {
        WorkingCalendar plain = new WorkingCalendar(Map.of());
        assertTrue(plain.workingDay(LocalDate.of(2026, 11, 27)));
        assertFalse(plain.workingDay(LocalDate.of(2026, 11, 28)));
        assertFalse(plain.workingDay(LocalDate.of(2026, 11, 29)));
    }

    @Test
    void theBookingDayItselfDoesNotCount() {
        WorkingCalendar plain = new WorkingCalendar(Map.of());
        assertEquals(LocalDate.of(2026, 11, 30), plain.addWorkingDays(LocalDate.of(2026, 11, 27), 1));
        assertEquals(LocalDate.of(2026, 12, 4), plain.addWorkingDays(LocalDate.of(2026, 11, 27), 5));
    }

    @Test
    void publicHolidaysAreSkipped() {
        assertFalse(NATIONAL_DAY_2026.workingDay(LocalDate.of(2026, 10, 5)));
        assertFalse(NATIONAL_DAY_2026.workingDay(LocalDate.of(2026, 9, 25)));
    }

    @Test
    void makeUpWorkingDaysOnAWeekendCount() {
        assertTrue(NATIONAL_DAY_2026.workingDay(LocalDate.of(2026, 10, 10)));
        assertTrue(NATIONAL_DAY_2026.workingDay(LocalDate.of(2026, 9, 20)));
        // Booked the day before the holiday: 8 Oct (Thu) 1, 9 Oct (Fri) 2, 10 Oct (Sat, make-up) 3,
        // 12 Oct (Mon) 4, 13 Oct (Tue) 5.
        assertEquals(LocalDate.of(2026, 10, 13), NATIONAL_DAY_2026.addWorkingDays(LocalDate.of(2026, 9, 30), 5));
    }

    @Test
    void aBookingOnAHolidayCountsFromTheNextWorkingDay() {
        assertEquals(LocalDate.of(2026, 10, 8), NATIONAL_DAY_2026.addWorkingDays(LocalDate.of(2026, 10, 3), 1));
    }
}
