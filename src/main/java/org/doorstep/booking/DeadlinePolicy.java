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

    public Instant dueAt(LocalDate bookedOn, int workingDays, ZoneId zone) {
        // Generous window: even the longest holiday run cannot push n working days past 3n + 30 days.
        WorkingCalendar days = calendar.calendar(bookedOn, bookedOn.plusDays(3L * workingDays + 30));
        return days.addWorkingDays(bookedOn, workingDays).atTime(closeOfDay).atZone(zone).toInstant();
    }
}
