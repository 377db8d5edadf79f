package org.doorstep.booking;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A work order's deadline (规定时间): the service type's number of working days after the day it
 * was booked, at the close of that working day in the town's time zone.
 */
@ApplicationScoped
public class DeadlinePolicy {

    private final CalendarRepository calendar;
    private final LocalTime closeOfDay;

    public DeadlinePolicy(CalendarRepository calendar,
            @ConfigProperty(name = "doorstep.booking.deadline-time", defaultValue = "17:30") LocalTime closeOfDay) {
        this.calendar = calendar;
        this.closeOfDay = closeOfDay;
    }

    /**
     * A deadline, and whether it is provisional: counted into a year whose schedule is not loaded
     * (a year with no listed day at all; every year has at least New Year's Day), so that only
     * weekends could be skipped there.
     */
    public record Deadline(Instant at, boolean provisional) {
    }

    public Deadline dueAt(LocalDate bookedOn, int workingDays, ZoneId zone) {
        // Generous window: even the longest holiday run cannot push n working days past 3n + 30 days.
        WorkingCalendar days = calendar.calendar(bookedOn, bookedOn.plusDays(3L * workingDays + 30));
        LocalDate due = days.addWorkingDays(bookedOn, workingDays);
        boolean provisional = false;
        for (int year = bookedOn.getYear(); year <= due.getYear(); year++) {
            provisional |= !calendar.yearListed(year);
        }
        return new Deadline(due.atTime(closeOfDay).atZone(zone).toInstant(), provisional);
    }
}
