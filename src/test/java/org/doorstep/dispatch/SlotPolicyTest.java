package org.doorstep.dispatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import org.doorstep.booking.Period;
import org.doorstep.dispatch.SlotPolicy.Window;
import org.junit.jupiter.api.Test;

/** The working hours of a day and the slot checks, on the calendar's cases. */
class SlotPolicyTest {

    private static LocalTime t(String hhmm) {
        return LocalTime.parse(hhmm);
    }

    /** Monday to Friday 08:30–12:00 and 14:00–17:30; Friday afternoon off. */
    private static List<WorkingHours> week() {
        List<WorkingHours> hours = new ArrayList<>();
        for (int day = 1; day <= 5; day++) {
            hours.add(new WorkingHours(day, t("14:00"), day == 5 ? t("14:00") : t("17:30")));
            hours.add(new WorkingHours(day, t("08:30"), t("12:00")));
        }
        return hours;
    }

    private static final LocalDate MONDAY = LocalDate.of(2026, 12, 7);
    private static final LocalDate FRIDAY = LocalDate.of(2026, 12, 11);
    private static final LocalDate SATURDAY = LocalDate.of(2026, 12, 12);

    @Test
    void aWorkingWeekdayWorksItsOwnRangesInOrder() {
        assertEquals(List.of(new Window(t("08:30"), t("12:00")), new Window(t("14:00"), t("17:30"))),
                SlotPolicy.hoursOn(week(), MONDAY, true));
    }

    @Test
    void aMakeUpWorkingDayOnAWeekendWorksMondaysHours() {
        assertEquals(SlotPolicy.hoursOn(week(), MONDAY, true), SlotPolicy.hoursOn(week(), SATURDAY, true));
        assertEquals(1, SlotPolicy.workingWeekday(SATURDAY));
        assertEquals(1, SlotPolicy.workingWeekday(SATURDAY.plusDays(1)));
        assertEquals(5, SlotPolicy.workingWeekday(FRIDAY));
    }

    @Test
    void aDayTheCalendarTakesOffHasNoHoursWhateverItsWeekday() {
        assertEquals(List.of(), SlotPolicy.hoursOn(week(), MONDAY, false));
        assertEquals(List.of(), SlotPolicy.hoursOn(week(), SATURDAY, false));
    }

    @Test
    void aSlotFitsInsideOneRangeAndNeverAcrossTheLunchBreak() {
        List<Window> monday = SlotPolicy.hoursOn(week(), MONDAY, true);
        assertTrue(SlotPolicy.fits(monday, t("08:30"), t("09:00")), "from the first minute");
        assertTrue(SlotPolicy.fits(monday, t("11:30"), t("12:00")), "to the last");
        assertFalse(SlotPolicy.fits(monday, t("11:30"), t("12:30")), "into the break");
        assertFalse(SlotPolicy.fits(monday, t("11:30"), t("14:30")), "across the break");
        assertFalse(SlotPolicy.fits(monday, t("08:00"), t("08:45")), "before the day starts");
        assertFalse(SlotPolicy.fits(monday, t("17:00"), t("18:00")), "after it ends");
        assertFalse(SlotPolicy.fits(monday, t("10:00"), t("10:00")), "an empty slot");
    }

    @Test
    void anEmptyRangeTakesNothing() {
        List<Window> friday = SlotPolicy.hoursOn(week(), FRIDAY, true);
        assertTrue(SlotPolicy.fits(friday, t("09:00"), t("09:30")));
        assertFalse(SlotPolicy.fits(friday, t("14:00"), t("14:30")), "Friday afternoon is off");
    }

    @Test
    void aResidentsPreferredPartOfTheDaySplitsAtNoon() {
        assertTrue(SlotPolicy.withinPreference(Period.MORNING, t("11:30"), t("12:00")));
        assertFalse(SlotPolicy.withinPreference(Period.MORNING, t("11:45"), t("12:15")));
        assertTrue(SlotPolicy.withinPreference(Period.AFTERNOON, t("12:00"), t("12:30")));
        assertFalse(SlotPolicy.withinPreference(Period.AFTERNOON, t("11:50"), t("12:20")));
        assertTrue(SlotPolicy.withinPreference(Period.ANY, t("07:00"), t("20:00")));
    }
}
