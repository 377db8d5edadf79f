package org.doorstep.dispatch;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.booking.BookingService;
import org.doorstep.booking.CalendarService;
import org.doorstep.booking.Period;
import org.doorstep.booking.VisitApi;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.shared.Problems;
import org.doorstep.shared.security.Caller;

/**
 * Giving a visit to a team for a time slot, by the rules a dispatcher works by: the team covers the
 * village, works then, on a working day, has room that day, the slot is not past and long enough,
 * and fits the resident's preferred period unless the dispatcher phoned and overrides it. Overlaps
 * are refused by the database.
 */
@ApplicationScoped
public class AssignmentService {

    /** Mornings end, and afternoons start, at noon. */
    static final LocalTime NOON = LocalTime.NOON;

    private final BookingService booking;
    private final TeamService teams;
    private final CatalogService catalog;
    private final CalendarService calendar;
    private final Clock clock;

    public AssignmentService(BookingService booking, TeamService teams, CatalogService catalog, CalendarService calendar,
            Clock clock) {
        this.booking = booking;
        this.teams = teams;
        this.catalog = catalog;
        this.calendar = calendar;
        this.clock = clock;
    }

    public record Slot(UUID teamId, Instant start, Instant end, boolean overridePreference, String reason) {
    }

    @Transactional
    public VisitApi.View assign(Caller dispatcher, UUID visitId, String ifMatch, Slot slot) {
        BookingService.DispatchView visit = booking.lockForDispatch(dispatcher, visitId, ifMatch, true);
        Team team = teams.team(dispatcher.townId(), slot.teamId());
        Town town = catalog.town(dispatcher.townId());
        ServiceType service = catalog.serviceTypesById(town.id()).get(visit.serviceTypeId());
        String reason = check(visit, team, town, service, slot);
        return booking.assign(dispatcher, visitId, team.id(), slot.start(), slot.end(), reason);
    }

    @Transactional
    public VisitApi.View unassign(Caller dispatcher, UUID visitId, String ifMatch) {
        booking.lockForDispatch(dispatcher, visitId, ifMatch, false);
        return booking.unassign(dispatcher, visitId, null);
    }

    /** The rules; returns the reason recorded with the event (an overridden preference says why). */
    String check(BookingService.DispatchView visit, Team team, Town town, ServiceType service, Slot slot) {
        ZoneId zone = town.zone();
        if (!slot.end().isAfter(slot.start())) {
            throw rule("slot-not-forward", "The slot must end after it starts");
        }
        if (!team.active()) {
            throw rule("team-inactive", "The team " + team.name() + " is not active");
        }
        if (!teams.covers(team, visit.villageId())) {
            throw rule("village-not-covered", "The team " + team.name() + " does not cover the visit's village");
        }
        if (slot.start().isBefore(clock.instant())) {
            throw rule("slot-in-past", "The slot starts in the past");
        }
        if (slot.start().isAfter(clock.instant().plus(java.time.Duration.ofDays(PlanService.MAX_DAYS_AHEAD + 1)))) {
            throw rule("slot-too-far", "A slot lies at most " + PlanService.MAX_DAYS_AHEAD + " days ahead");
        }
        ZonedDateTime start = slot.start().atZone(zone);
        ZonedDateTime end = slot.end().atZone(zone);
        LocalDate day = start.toLocalDate();
        if (!end.toLocalDate().equals(day) && !end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw rule("slot-spans-days", "A slot lies within one day");
        }
        if (!calendar.workingDay(day)) {
            throw rule("not-a-working-day", day + " is not a working day");
        }
        int weekday = start.getDayOfWeek().getValue();
        if (start.getDayOfWeek() == DayOfWeek.SATURDAY || start.getDayOfWeek() == DayOfWeek.SUNDAY) {
            weekday = DayOfWeek.MONDAY.getValue(); // a make-up working day works Monday's hours
        }
        if (!team.works(weekday, start.toLocalTime(), end.toLocalTime())) {
            throw rule("outside-working-hours", "The team does not work " + start.toLocalTime() + "–" + end.toLocalTime()
                    + " that day (mind the lunch break)");
        }
        long minutes = Duration.between(slot.start(), slot.end()).toMinutes();
        if (service != null && minutes < service.durationMinutes()) {
            throw rule("slot-too-short", "The service takes " + service.durationMinutes() + " minutes; the slot has "
                    + minutes);
        }
        long sameDay = booking.scheduled(town.id(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant()).stream()
                .filter(v -> team.id().equals(v.teamId()) && !v.id().equals(visit.id())).count();
        if (sameDay >= team.maxVisitsPerDay()) {
            throw rule("team-full", "The team has " + sameDay + " visits that day, its most");
        }
        boolean outsidePreference = !fits(visit.preferredPeriod(), start.toLocalTime(), end.toLocalTime());
        if (outsidePreference) {
            if (!slot.overridePreference() || slot.reason() == null || slot.reason().isBlank()) {
                throw rule("outside-preferred-period", "The resident asked for " + visit.preferredPeriod()
                        + "; phone them, then send overridePreference: true with a reason");
            }
            return "preference overridden: " + slot.reason().strip();
        }
        return slot.reason() == null || slot.reason().isBlank() ? null : slot.reason().strip();
    }

    static boolean fits(Period period, LocalTime start, LocalTime end) {
        return switch (period) {
            case MORNING -> !end.isAfter(NOON);
            case AFTERNOON -> !start.isBefore(NOON);
            case ANY -> true;
        };
    }

    private static org.doorstep.shared.ProblemException rule(String slug, String detail) {
        return Problems.of(slug, 422, "The slot breaks a dispatch rule", detail);
    }
}
