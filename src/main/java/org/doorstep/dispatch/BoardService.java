package org.doorstep.dispatch;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.booking.DispatchVisits;
import org.doorstep.booking.VisitApi;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.Town;
import org.doorstep.catalog.Village;
import org.doorstep.shared.security.Caller;

/**
 * The dispatcher's day: per team its visits in time order with the estimated travel between
 * consecutive ones (and gaps too short for it flagged), and the visits still to place, overdue first.
 */
@ApplicationScoped
public class BoardService {

    private final DispatchVisits dispatchVisits;
    private final TeamService teams;
    private final CatalogService catalog;
    private final DispatchConfig config;
    private final org.doorstep.booking.CalendarService calendar;
    private final java.time.Clock clock;

    public BoardService(DispatchVisits dispatchVisits, TeamService teams, CatalogService catalog, DispatchConfig config,
            org.doorstep.booking.CalendarService calendar, java.time.Clock clock) {
        this.calendar = calendar;
        this.dispatchVisits = dispatchVisits;
        this.teams = teams;
        this.catalog = catalog;
        this.config = config;
        this.clock = clock;
    }

    public record Stop(VisitApi.View visit, Integer travelMinutesFromPrevious, Long gapMinutes, boolean gapTooShort) {
    }

    public record TeamDay(UUID teamId, String teamName, int maxVisits,
            @org.eclipse.microprofile.openapi.annotations.media.Schema(description = "When the team works that day, in order (the gaps between are breaks); none on a day off. A make-up working day (调休) works Monday's hours") List<SlotPolicy.Window> hours,
            List<Stop> visits, int totalTravelMinutes) {
    }

    public record Board(LocalDate date, List<TeamDay> teams, List<VisitApi.View> unassigned) {
    }

    /** The day a dispatcher plans when none is named: the town's next working day. */
    public LocalDate nextWorkingDay(Caller dispatcher) {
        return calendar.nextWorkingDay(LocalDate.ofInstant(clock.instant(), catalog.town(dispatcher.townId()).zone()));
    }

    public Board board(Caller dispatcher, LocalDate date) {
        Town town = catalog.town(dispatcher.townId());
        ZoneId zone = town.zone();
        Map<UUID, Village> villages = catalog.villagesById(town.id());
        List<DispatchVisits.DispatchView> scheduled = dispatchVisits.scheduled(town.id(), date.atStartOfDay(zone).toInstant(),
                date.plusDays(1).atStartOfDay(zone).toInstant());
        Map<UUID, VisitApi.View> views = dispatchVisits.views(town.id(), scheduled.stream().map(DispatchVisits.DispatchView::id)
                .toList()).stream().collect(Collectors.toMap(VisitApi.View::id, Function.identity()));
        List<TeamDay> days = new ArrayList<>();
        boolean workingDay = calendar.workingDay(date);
        for (Team team : teams.activeTeams(town.id())) {
            List<Stop> stops = new ArrayList<>();
            DispatchVisits.DispatchView previous = null;
            int travel = 0;
            for (DispatchVisits.DispatchView v : scheduled) {
                if (!team.id().equals(v.teamId())) {
                    continue;
                }
                Integer minutes = null;
                Long gap = null;
                boolean tooShort = false;
                if (previous != null) {
                    minutes = minutes(villages.get(previous.villageId()), villages.get(v.villageId()));
                    gap = Duration.between(previous.slotEnd(), v.slotStart()).toMinutes();
                    tooShort = minutes != null && gap < minutes;
                    travel += minutes == null ? 0 : minutes;
                }
                stops.add(new Stop(views.get(v.id()), minutes, gap, tooShort));
                previous = v;
            }
            days.add(new TeamDay(team.id(), team.name(), team.maxVisitsPerDay(),
                    SlotPolicy.hoursOn(team.hours(), date, workingDay), stops, travel));
        }
        List<UUID> waiting = dispatchVisits.unassigned(town.id(), date).stream().map(DispatchVisits.DispatchView::id).toList();
        return new Board(date, days, dispatchVisits.views(town.id(), waiting));
    }

    /**
     * A fingerprint of what the day's board shows: its teams and the visits on it, each with its version,
     * and which of them are overdue now. It changes whenever the board would, and costs the two queries
     * that find the visits (no names, no travel), so a dispatcher's screen can ask every few seconds.
     */
    public String stamp(Caller dispatcher, LocalDate date) {
        Town town = catalog.town(dispatcher.townId());
        ZoneId zone = town.zone();
        java.time.Instant now = clock.instant();
        java.security.MessageDigest digest;
        try {
            digest = java.security.MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        StringBuilder seen = new StringBuilder();
        for (Team team : teams.activeTeams(town.id())) {
            seen.append("t").append(team.id()).append(':').append(team.version()).append(';');
        }
        List<DispatchVisits.DispatchView> onBoard = new ArrayList<>(dispatchVisits.scheduled(town.id(),
                date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant()));
        onBoard.addAll(dispatchVisits.unassigned(town.id(), date));
        for (DispatchVisits.DispatchView v : onBoard) {
            seen.append("v").append(v.id()).append(':').append(v.version()).append(':')
                    .append(v.dueAt() != null && v.dueAt().isBefore(now)).append(';');
        }
        byte[] hash = digest.digest(seen.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return "\"" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(hash, 16))
                + "\"";
    }

    private Integer minutes(Village from, Village to) {
        if (from == null || to == null) {
            return null;
        }
        return Travel.minutes(from, to, config);
    }
}
