package org.doorstep.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.booking.BookingProblem;
import org.doorstep.booking.CalendarService;
import org.doorstep.booking.DispatchVisits;
import org.doorstep.booking.VisitStatus;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.catalog.Village;
import org.doorstep.shared.security.Caller;

/**
 * The best few slots for one visit, given everything already assigned, fast enough to promise a
 * time while the resident is on the phone: every team that covers the village, on the preferred
 * day and the working days after it, every start on a 10-minute grid that fits the team's hours,
 * leaves room for the travel from the visit before and to the visit after, and keeps the team
 * under its daily maximum. Ranked by how late the day is, whether it fits the preferred period,
 * the travel it adds, and the time of day.
 */
@ApplicationScoped
public class RecommendationService {

    static final int GRID_MINUTES = 10;
    static final int DAYS_AHEAD = 5;

    private final DispatchVisits visits;
    private final TeamService teams;
    private final CatalogService catalog;
    private final CalendarService calendar;
    private final DispatchConfig config;
    private final Clock clock;

    public RecommendationService(DispatchVisits visits, TeamService teams, CatalogService catalog, CalendarService calendar,
            DispatchConfig config, Clock clock) {
        this.visits = visits;
        this.teams = teams;
        this.catalog = catalog;
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    public record Option(UUID teamId, String teamName, Instant start, Instant end, boolean withinPreferredPeriod,
            int travelMinutes, int daysAfterPreferred) {
    }

    public List<Option> recommend(Caller caller, UUID visitId, int limit) {
        DispatchVisits.DispatchView visit = visits.dispatchView(caller, visitId);
        if (visit.status() != VisitStatus.REQUESTED && visit.status() != VisitStatus.SCHEDULED) {
            throw BookingProblem.ILLEGAL_TRANSITION.exception("A visit that is " + visit.status() + " is not placed any more")
                    .with("currentStatus", visit.status());
        }
        Town town = catalog.town(caller.townId());
        ZoneId zone = town.zone();
        ServiceType service = catalog.serviceTypesById(town.id()).get(visit.serviceTypeId());
        Map<UUID, Village> villages = catalog.villagesById(town.id());
        Village here = villages.get(visit.villageId());
        Duration length = Duration.ofMinutes(service.durationMinutes());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, zone);
        LocalDate first = visit.preferredDate().isBefore(today) ? today : visit.preferredDate();

        List<Team> candidates = teams.activeTeams(town.id()).stream().filter(t -> teams.covers(t, visit.villageId()))
                .toList();
        List<Option> options = new ArrayList<>();
        LocalDate day = first;
        for (int found = 0; found < DAYS_AHEAD && !day.isAfter(first.plusDays(60)); day = day.plusDays(1)) {
            if (!calendar.workingDay(day)) {
                continue;
            }
            found++;
            int daysLate = (int) java.time.temporal.ChronoUnit.DAYS.between(first, day);
            List<DispatchVisits.DispatchView> booked = visits.scheduled(town.id(), day.atStartOfDay(zone).toInstant(),
                    day.plusDays(1).atStartOfDay(zone).toInstant()).stream().filter(v -> !v.id().equals(visit.id()))
                    .toList();
            for (Team team : candidates) {
                List<DispatchVisits.DispatchView> mine = booked.stream().filter(v -> team.id().equals(v.teamId())).toList();
                if (mine.size() >= team.maxVisitsPerDay()) {
                    continue;
                }
                for (SlotPolicy.Window range : SlotPolicy.hoursOn(team.hours(), day, true)) {
                    for (LocalTime t = range.start(); !t.plus(length).isAfter(range.end()); t = t.plusMinutes(GRID_MINUTES)) {
                        Instant start = day.atTime(t).atZone(zone).toInstant();
                        Instant end = start.plus(length);
                        if (start.isBefore(now)) {
                            continue;
                        }
                        Integer travel = travelIfFree(mine, villages, here, start, end);
                        if (travel == null) {
                            continue;
                        }
                        options.add(new Option(team.id(), team.name(), start, end,
                                SlotPolicy.withinPreference(visit.preferredPeriod(), t, t.plus(length)), travel, daysLate));
                    }
                }
            }
        }
        return options.stream().sorted(Comparator.comparingInt(Option::daysAfterPreferred)
                .thenComparing(o -> !o.withinPreferredPeriod()).thenComparingInt(Option::travelMinutes)
                .thenComparing(Option::start)).limit(limit).toList();
    }

    /**
     * The travel the slot adds between its neighbours, or null when it overlaps one of them or leaves
     * too little time to get there or on to the next.
     */
    private Integer travelIfFree(List<DispatchVisits.DispatchView> day, Map<UUID, Village> villages, Village here,
            Instant start, Instant end) {
        DispatchVisits.DispatchView before = null;
        DispatchVisits.DispatchView after = null;
        for (DispatchVisits.DispatchView v : day) {
            if (v.slotStart().isBefore(end) && v.slotEnd().isAfter(start)) {
                return null;
            }
            if (!v.slotEnd().isAfter(start) && (before == null || v.slotEnd().isAfter(before.slotEnd()))) {
                before = v;
            }
            if (!v.slotStart().isBefore(end) && (after == null || v.slotStart().isBefore(after.slotStart()))) {
                after = v;
            }
        }
        int travel = 0;
        if (before != null) {
            int in = minutes(villages.get(before.villageId()), here);
            if (Duration.between(before.slotEnd(), start).toMinutes() < in) {
                return null;
            }
            travel += in;
        }
        if (after != null) {
            int out = minutes(here, villages.get(after.villageId()));
            if (Duration.between(end, after.slotStart()).toMinutes() < out) {
                return null;
            }
            travel += out;
        }
        return travel;
    }

    private int minutes(Village from, Village to) {
        if (from == null || to == null) {
            return 0;
        }
        return Travel.minutes(from, to, config);
    }
}
