package org.doorstep.dispatch;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;

import org.doorstep.booking.Period;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * When a team works on a date, and whether a slot fits: the one place these rules live, for the assignment's
 * checks, the day planner and the slot recommendations (and, through the board's lanes, the console).
 * <ul>
 * <li>A day the working calendar does not make a working day has no hours.</li>
 * <li>A working weekday works that weekday's ranges; a make-up working day (调休) on a weekend works
 * Monday's.</li>
 * <li>The lunch break is the gap between a day's ranges: a slot fits inside one range, never across two.</li>
 * <li>A resident who asked for the morning is visited by noon; one who asked for the afternoon, from noon.</li>
 * </ul>
 */
public final class SlotPolicy {

    /** Where the morning ends and the afternoon begins. */
    public static final LocalTime NOON = LocalTime.NOON;

    /** One range of a day's work, start inclusive, end exclusive; written as the teams' hours are, 08:30. */
    public record Window(@JsonFormat(pattern = "HH:mm") LocalTime start, @JsonFormat(pattern = "HH:mm") LocalTime end) {

        boolean holds(LocalTime from, LocalTime to) {
            return !from.isBefore(start) && !to.isAfter(end);
        }
    }

    private SlotPolicy() {
    }

    /** The ISO weekday whose hours a working day works: its own, or Monday's on a weekend make-up day. */
    public static int workingWeekday(LocalDate date) {
        DayOfWeek day = date.getDayOfWeek();
        return day == DayOfWeek.SATURDAY || day == DayOfWeek.SUNDAY ? DayOfWeek.MONDAY.getValue() : day.getValue();
    }

    /** The team's working ranges on the date, in order; none when the calendar makes it no working day. */
    public static List<Window> hoursOn(List<WorkingHours> hours, LocalDate date, boolean workingDay) {
        if (!workingDay) {
            return List.of();
        }
        int weekday = workingWeekday(date);
        return hours.stream().filter(h -> h.weekday() == weekday).map(h -> new Window(h.starts(), h.ends()))
                .sorted(Comparator.comparing(Window::start)).toList();
    }

    /** Whether [start, end) lies inside one of the day's ranges (so not across the lunch break). */
    public static boolean fits(List<Window> day, LocalTime start, LocalTime end) {
        return start.isBefore(end) && day.stream().anyMatch(w -> w.holds(start, end));
    }

    /** Whether [start, end) lies in the part of the day the resident asked for. */
    public static boolean withinPreference(Period period, LocalTime start, LocalTime end) {
        return switch (period) {
            case MORNING -> !end.isAfter(NOON);
            case AFTERNOON -> !start.isBefore(NOON);
            case ANY -> true;
        };
    }
}
