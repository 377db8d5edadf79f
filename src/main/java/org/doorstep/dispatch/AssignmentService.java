package org.doorstep.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.booking.BookingHorizon;
import org.doorstep.booking.CalendarService;
import org.doorstep.booking.DispatchVisits;
import org.doorstep.booking.VisitApi;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
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

    private final DispatchVisits dispatchVisits;
    private final TeamService teams;
    private final CatalogService catalog;
    private final CalendarService calendar;
    private final Clock clock;

    public AssignmentService(DispatchVisits dispatchVisits, TeamService teams, CatalogService catalog, CalendarService calendar,
            Clock clock) {
        this.dispatchVisits = dispatchVisits;
        this.teams = teams;
        this.catalog = catalog;
        this.calendar = calendar;
        this.clock = clock;
    }

    public record Slot(UUID teamId, Instant start, Instant end, boolean overridePreference, String reason) {
    }

    @Transactional
    public VisitApi.View assign(Caller dispatcher, UUID visitId, String ifMatch, Slot slot) {
        DispatchVisits.DispatchView visit = dispatchVisits.lockForDispatch(dispatcher, visitId, ifMatch, true);
        Team team = teams.team(dispatcher.townId(), slot.teamId());
        Town town = catalog.town(dispatcher.townId());
        ServiceType service = catalog.serviceTypesById(town.id()).get(visit.serviceTypeId());
        String reason = check(visit, team, town, service, slot);
        return dispatchVisits.assign(dispatcher, visitId, team.id(), slot.start(), slot.end(), reason);
    }

    @Transactional
    public VisitApi.View unassign(Caller dispatcher, UUID visitId, String ifMatch) {
        dispatchVisits.lockForDispatch(dispatcher, visitId, ifMatch, false);
        return dispatchVisits.unassign(dispatcher, visitId, null);
    }

    /** The rules; returns the reason recorded with the event (an overridden preference says why). */
    String check(DispatchVisits.DispatchView visit, Team team, Town town, ServiceType service, Slot slot) {
        ZoneId zone = town.zone();
        if (!slot.end().isAfter(slot.start())) {
            throw DispatchProblem.SLOT_NOT_FORWARD.exception("The slot must end after it starts");
        }
        if (!team.active()) {
            throw DispatchProblem.TEAM_INACTIVE.exception("The team " + team.name() + " is not active");
        }
        if (!teams.covers(team, visit.villageId())) {
            throw DispatchProblem.VILLAGE_NOT_COVERED
                    .exception("The team " + team.name() + " does not cover the visit's village");
        }
        if (slot.start().isBefore(clock.instant())) {
            throw DispatchProblem.SLOT_IN_PAST.exception("The slot starts in the past");
        }
        ZonedDateTime start = slot.start().atZone(zone);
        BookingHorizon.check("start", start.toLocalDate(), LocalDate.ofInstant(clock.instant(), zone));
        ZonedDateTime end = slot.end().atZone(zone);
        LocalDate day = start.toLocalDate();
        if (!end.toLocalDate().equals(day) && !end.toLocalTime().equals(LocalTime.MIDNIGHT)) {
            throw DispatchProblem.SLOT_SPANS_DAYS.exception("A slot lies within one day");
        }
        if (!calendar.workingDay(day)) {
            throw DispatchProblem.NOT_A_WORKING_DAY.exception(day + " is not a working day");
        }
        LocalTime until = end.toLocalDate().equals(day) ? end.toLocalTime() : LocalTime.MAX;
        if (!SlotPolicy.fits(SlotPolicy.hoursOn(team.hours(), day, true), start.toLocalTime(), until)) {
            throw DispatchProblem.OUTSIDE_WORKING_HOURS
                    .exception("The team does not work " + start.toLocalTime() + "–" + end.toLocalTime()
                            + " that day (mind the lunch break)");
        }
        long minutes = Duration.between(slot.start(), slot.end()).toMinutes();
        if (service != null && minutes < service.durationMinutes()) {
            throw DispatchProblem.SLOT_TOO_SHORT
                    .exception("The service takes " + service.durationMinutes() + " minutes; the slot has "
                            + minutes);
        }
        long sameDay = dispatchVisits.scheduled(town.id(), day.atStartOfDay(zone).toInstant(),
                day.plusDays(1).atStartOfDay(zone).toInstant()).stream()
                .filter(v -> team.id().equals(v.teamId()) && !v.id().equals(visit.id())).count();
        if (sameDay >= team.maxVisitsPerDay()) {
            throw DispatchProblem.TEAM_FULL.exception("The team has " + sameDay + " visits that day, its most");
        }
        boolean outsidePreference = !SlotPolicy.withinPreference(visit.preferredPeriod(), start.toLocalTime(), until);
        if (outsidePreference) {
            if (!slot.overridePreference() || slot.reason() == null || slot.reason().isBlank()) {
                throw DispatchProblem.OUTSIDE_PREFERRED_PERIOD.exception("The resident asked for " + visit.preferredPeriod()
                        + "; phone them, then send overridePreference: true with a reason");
            }
            return "preference overridden: " + slot.reason().strip();
        }
        return slot.reason() == null || slot.reason().isBlank() ? null : slot.reason().strip();
    }

}
