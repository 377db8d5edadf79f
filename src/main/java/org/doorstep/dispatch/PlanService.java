package org.doorstep.dispatch;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.booking.BookingHorizon;
import org.doorstep.booking.BookingProblem;
import org.doorstep.booking.CalendarService;
import org.doorstep.booking.DispatchVisits;
import org.doorstep.booking.DispatchVisits.DispatchView;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.catalog.Village;
import org.doorstep.dispatch.planner.DayPlan;
import org.doorstep.dispatch.planner.DayPlanner;
import org.doorstep.dispatch.planner.Proposal;
import org.doorstep.dispatch.planner.Timeline;
import org.doorstep.dispatch.planner.TravelTimes;
import org.doorstep.shared.DatabaseRefusals;
import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The day planner's use cases: propose a plan for a day (solved in the background), read it, and
 * apply it as assignments in one transaction, refused if anything it was made from has changed.
 */
@ApplicationScoped
public class PlanService {

    /** Plans one town may have solving or queued at once. */
    static final int PER_TOWN = 2;
    private final DispatchVisits dispatchVisits;
    private final TeamService teams;
    private final CatalogService catalog;
    private final CalendarService calendar;
    private final AssignmentService assignments;
    private final PlanRepository plans;
    private final DayPlanner planner;
    private final Event<Queued> queued;
    private final DispatchConfig config;
    private final ObjectMapper json;
    private final AuditService audit;
    private final EntityManager em;
    private final Clock clock;

    public PlanService(DispatchVisits dispatchVisits, TeamService teams, CatalogService catalog, CalendarService calendar,
            AssignmentService assignments, PlanRepository plans, Event<Queued> queued, DispatchConfig config,
            ObjectMapper json, AuditService audit, EntityManager em, Clock clock) {
        this.dispatchVisits = dispatchVisits;
        this.teams = teams;
        this.catalog = catalog;
        this.calendar = calendar;
        this.assignments = assignments;
        this.plans = plans;
        this.planner = new DayPlanner(Duration.ofSeconds(config.planner().unimprovedSeconds()));
        this.queued = queued;
        this.config = config;
        this.json = json;
        this.audit = audit;
        this.em = em;
        this.clock = clock;
    }

    /** A plan was put on the queue (fired in the transaction that did; observed once it commits). */
    public record Queued(UUID planId) {
    }

    /** What a plan was made from: the version of every visit and team it considered. */
    public record Snapshot(Map<UUID, Long> visits, Map<UUID, Long> teams) {
    }

    /** What turns the solver's minutes and indexes back into instants, villages and teams. */
    record Context(LocalDate date, ZoneId zone, List<Village> villages, Map<UUID, Team> teams,
            Map<UUID, DispatchView> before) {

        Instant at(int minute) {
            return date.atStartOfDay(zone).plusMinutes(minute).toInstant();
        }
    }

    /** A plan with its problem for the solver and what turns the answer back into the API's terms. */
    record Prepared(Plan plan, DayPlan problem, Context context) {
    }

    /**
     * Records the request, checked, and puts it on the queue; a day with nothing to place is answered at once
     * (PROPOSED), any other comes back SOLVING and is read with {@link #get}. The town's admission is taken
     * under a lock, so that two instances cannot both let a town's third plan in.
     */
    @Transactional
    public PlanApi.View propose(Caller dispatcher, PlanApi.Ask ask) {
        Town town = catalog.town(dispatcher.townId());
        Instant now = clock.instant();
        LocalDate today = LocalDate.ofInstant(now, town.zone());
        LocalDate date = ask.date();
        if (date.isBefore(today)) {
            throw DispatchProblem.DATE_IN_PAST.exception(date + " is before today");
        }
        BookingHorizon.check("date", date, today);
        if (!calendar.workingDay(date)) {
            throw DispatchProblem.NOT_A_WORKING_DAY.exception(date + " is not a working day");
        }
        plans.lockAdmission(town.id());
        if (plans.solving(town.id()) >= PER_TOWN) {
            // the solver threads are shared by every town: one town's dispatchers cannot fill the queue
            throw DispatchProblem.PLANNER_BUSY
                    .exception("Your town has " + PER_TOWN
                            + " plans being solved; wait for them (GET their Location) and ask again")
                    .header("Retry-After", "5");
        }
        if (plans.waiting() >= config.planner().queue()) {
            throw DispatchProblem.PLANNER_BUSY.exception("Too many plans are waiting to be solved; ask again shortly")
                    .header("Retry-After", "10");
        }
        int limit = ask.timeLimitSeconds() == null ? config.planner().defaultTimeLimitSeconds() : ask.timeLimitSeconds();
        boolean replan = Boolean.TRUE.equals(ask.replanScheduled());
        Assembled day = assemble(town, date, replan, now);
        Plan plan = new Plan(town.id(), date, replan, limit, dispatcher.staffId(), day.snapshot(), now);
        plans.persist(plan);
        if (day.problem().visits().isEmpty()) {
            plan.proposed(write(toApi(planner.plan(day.problem(), Duration.ofMillis(1)), day.context())), now);
        } else {
            queued.fire(new Queued(plan.id()));
        }
        return view(plan);
    }

    /**
     * A plan this instance has just claimed, assembled from the day as it is now (it may have waited, or
     * have been taken over from an instance that stopped) and marked started; empty when the lease was lost.
     */
    Optional<Prepared> prepareClaimed(UUID id, String owner) {
        Plan plan = plans.findById(id);
        Town town = catalog.town(plan.townId());
        Instant now = clock.instant();
        Assembled day = assemble(town, plan.date(), plan.replanScheduled(), now);
        if (!plans.started(id, owner, day.snapshot(), day.problem().visits().size(), now)) {
            return Optional.empty();
        }
        return Optional.of(new Prepared(plan, day.problem(), day.context()));
    }

    /** The solver's answer to a plan this instance holds; dropped if another instance has taken it over. */
    void answer(UUID id, String owner, Proposal proposal, Context context) {
        plans.proposed(id, owner, write(toApi(proposal, context)), proposal.placed(), proposal.score(), clock.instant());
    }

    private record Assembled(DayPlan problem, Context context, String snapshot) {
    }

    /** The day as the solver sees it: the town's villages, active teams, the visits to place and those placed. */
    private Assembled assemble(Town town, LocalDate date, boolean replan, Instant now) {
        ZoneId zone = town.zone();
        List<Village> villages = catalog.villagesById(town.id()).values().stream()
                .sorted(Comparator.comparing(Village::code)).toList();
        ZonedDateTime dayStart = date.atStartOfDay(zone);
        List<Team> active = teams.activeTeams(town.id());
        Map<UUID, List<UUID>> villagesOfTeam = new HashMap<>();
        active.forEach(team -> villagesOfTeam.put(team.id(), teams.villagesOf(team)));
        Map<UUID, Integer> serviceMinutes = new HashMap<>();
        catalog.serviceTypesById(town.id()).forEach((id, service) -> serviceMinutes.put(id, service.durationMinutes()));
        DayPlanAssembly.Assembled day = DayPlanAssembly.assemble(new DayPlanAssembly.Day(date, zone, now, replan,
                villages.stream().map(Village::id).toList(), active, villagesOfTeam,
                dispatchVisits.scheduled(town.id(), dayStart.toInstant(), dayStart.plusDays(1).toInstant()),
                dispatchVisits.unassigned(town.id(), date), serviceMinutes, travel(villages)));
        return new Assembled(day.problem(), new Context(date, zone, villages, day.teams(), day.movable()),
                write(new Snapshot(day.visitVersions(), day.teamVersions())));
    }

    @Transactional
    public PlanApi.View get(Caller dispatcher, UUID id) {
        return view(plans.findInTown(dispatcher.townId(), id).orElseThrow(() -> ProblemException.notFound("Plan")));
    }

    /** The town's plans (of one day when given), newest first, without their routes. */
    public Page<PlanApi.Summary> list(Caller dispatcher, LocalDate date,
            PageRequest page) {
        return Page.of(plans.page(dispatcher.townId(), date, page), page,
                plans.count(dispatcher.townId(), date)).map(plan -> {
                    PlanApi.Proposal p = plan.proposal() == null ? null : read(plan.proposal(), PlanApi.Proposal.class);
                    return new PlanApi.Summary(plan.id(), plan.date(), plan.status(), plan.replanScheduled(),
                            plan.requestedAt(), plan.solvedAt(), plan.appliedAt(), p == null ? null : p.score(),
                            p == null ? null
                                    : p.teams().stream().mapToInt(r -> (int) r.route().stream()
                                            .filter(stop -> !stop.fixed()).count()).sum(),
                            p == null ? null : p.unplaced().size());
                });
    }

    /**
     * Turns the proposal into assignments, all or nothing. Refused with 409 when any visit or team it
     * was made from has changed, or a visit has been scheduled on that day since.
     */
    @Transactional
    public PlanApi.View apply(Caller dispatcher, UUID id) {
        Instant now = clock.instant();
        Plan plan = plans.lockInTown(dispatcher.townId(), id).orElseThrow(() -> ProblemException.notFound("Plan"));
        plan.apply(dispatcher.staffId(), now);
        PlanApi.Proposal proposal = read(plan.proposal(), PlanApi.Proposal.class);
        Snapshot snapshot = read(plan.snapshot(), Snapshot.class);
        Town town = catalog.town(dispatcher.townId());

        em.createNativeQuery("SET CONSTRAINTS visit_team_slot_free DEFERRED").executeUpdate();
        Map<UUID, DispatchView> locked = new HashMap<>();
        List<UUID> changed = new ArrayList<>();
        for (Map.Entry<UUID, Long> team : new TreeMap<>(snapshot.teams()).entrySet()) {
            try {
                if (teams.team(town.id(), team.getKey()).version() != team.getValue()) {
                    changed.add(team.getKey());
                }
            } catch (ProblemException gone) {
                changed.add(team.getKey());
            }
        }
        for (Map.Entry<UUID, Long> visit : new TreeMap<>(snapshot.visits()).entrySet()) {
            try {
                DispatchView v = dispatchVisits.lockForDispatch(dispatcher, visit.getKey(), null, false);
                locked.put(v.id(), v);
                if (v.version() != visit.getValue()) {
                    changed.add(v.id());
                }
            } catch (ProblemException gone) {
                changed.add(visit.getKey());
            }
        }
        ZonedDateTime dayStart = plan.date().atStartOfDay(town.zone());
        dispatchVisits.scheduled(town.id(), dayStart.toInstant(), dayStart.plusDays(1).toInstant()).stream()
                .filter(v -> !snapshot.visits().containsKey(v.id())).forEach(v -> changed.add(v.id()));
        if (!changed.isEmpty()) {
            throw DispatchProblem.PLAN_STALE
                    .exception(changed.size() + " visit(s) or team(s) changed after the plan was made; ask for a new plan")
                    .with("changed", changed);
        }

        Map<UUID, ServiceType> services = catalog.serviceTypesById(town.id());
        List<Runnable> checks = new ArrayList<>();
        int assigned = 0;
        String reason = "day plan " + plan.id();
        for (PlanApi.Route route : proposal.teams()) {
            Team team = teams.team(town.id(), route.teamId());
            for (PlanApi.Stop stop : route.route()) {
                DispatchView before = locked.get(stop.visitId());
                if (stop.fixed() || before == null || (team.id().equals(before.teamId())
                        && stop.start().equals(before.slotStart()) && stop.end().equals(before.slotEnd()))) {
                    continue;
                }
                AssignmentService.Slot slot = new AssignmentService.Slot(team.id(), stop.start(), stop.end(), false, null);
                checks.add(() -> assignments.check(before, team, town, services.get(before.serviceTypeId()), slot));
                dispatchVisits.assign(dispatcher, before.id(), team.id(), stop.start(), stop.end(), reason);
                assigned++;
            }
        }
        int unassigned = 0;
        for (PlanApi.LeftOut left : proposal.unplaced()) {
            if (left.wasScheduled()) {
                dispatchVisits.unassign(dispatcher, left.visitId(), reason + ": left out");
                unassigned++;
            }
        }
        checks.forEach(Runnable::run); // with every move made, so that daily maxima count the final day
        try {
            em.createNativeQuery("SET CONSTRAINTS visit_team_slot_free IMMEDIATE").executeUpdate();
        } catch (PersistenceException e) {
            if (DatabaseRefusals.violated(e, "visit_team_slot_free")) {
                throw BookingProblem.TEAM_BUSY
                        .exception("Applying the plan would give a team two visits at once; ask for a new plan");
            }
            throw e;
        }
        audit.record(
                AuditEvent.of(AuditAction.DAY_PLAN_APPLIED).town(town.id()).actor(dispatcher.staffId(), dispatcher.username())
                        .target("plan", plan.id()).detail("date", plan.date().toString()).detail("assigned", assigned)
                        .detail("unassigned", unassigned));
        return view(plan);
    }

    private PlanApi.Proposal toApi(Proposal proposal, Context c) {
        List<PlanApi.Route> routes = new ArrayList<>();
        for (Proposal.TeamRoute route : proposal.teams()) {
            Team team = c.teams().get(route.teamId());
            List<PlanApi.Stop> stops = new ArrayList<>();
            for (Timeline.Stop s : route.stops()) {
                Village village = c.villages().get(s.village());
                Instant start = c.at(s.start());
                DispatchView before = c.before().get(s.visitId());
                boolean moved = !s.fixed() && before != null
                        && (!route.teamId().equals(before.teamId()) || !start.equals(before.slotStart()));
                stops.add(new PlanApi.Stop(s.visitId(), s.ticket(), village.id(), village.name(), start, c.at(s.end()),
                        s.travelFromPrevious(), s.fixed(), moved));
            }
            routes.add(new PlanApi.Route(route.teamId(), route.teamName(), team.maxVisitsPerDay(), stops.size(),
                    route.travelMinutes(), stops));
        }
        List<PlanApi.LeftOut> left = new ArrayList<>();
        for (Proposal.LeftOut l : proposal.unplaced()) {
            Village village = c.villages().get(l.visit().village());
            left.add(new PlanApi.LeftOut(l.visit().id(), l.visit().ticket(), village.id(), village.name(),
                    PlanApi.LeftOutReason.valueOf(l.reason().name()),
                    detail(l.reason(), village), l.visit().wasScheduled()));
        }
        List<PlanApi.Part> parts = proposal.explanation().stream()
                .map(p -> new PlanApi.Part(p.constraint(), p.score(), p.matches())).toList();
        return new PlanApi.Proposal(routes, left, proposal.score(), proposal.feasible(), parts);
    }

    private static String detail(Proposal.Reason reason, Village village) {
        return switch (reason) {
            case NO_TEAM_COVERS_VILLAGE -> "No active team working that day covers " + village.name();
            case TEAMS_FULL -> "Every team covering " + village.name() + " has reached its daily maximum";
            case NO_TIME_LEFT -> "No team covering " + village.name() + " has room left that day, with the travel, in the"
                    + " resident's preferred part of the day";
        };
    }

    private PlanApi.View view(Plan plan) {
        PlanApi.Proposal proposal = plan.proposal() == null ? null : read(plan.proposal(), PlanApi.Proposal.class);
        return new PlanApi.View(plan.id(), plan.date(), plan.status(), plan.replanScheduled(), plan.timeLimitSeconds(),
                plan.requestedAt(), plan.solvedAt(), plan.appliedAt(), progress(plan), proposal, plan.failure());
    }

    /** How far the search has got: from when a solver took the plan up until now, or until it answered. */
    private PlanApi.Progress progress(Plan plan) {
        if (plan.startedAt() == null) {
            return null;
        }
        Instant until = plan.solvedAt() != null ? plan.solvedAt() : clock.instant();
        double elapsed = Math.max(0, Duration.between(plan.startedAt(), until).toMillis() / 1000.0);
        return new PlanApi.Progress(plan.startedAt(), Math.round(elapsed * 10) / 10.0, plan.timeLimitSeconds(),
                plan.toPlace() == null ? 0 : plan.toPlace(), plan.bestPlaced(), plan.bestScore(), plan.bestAt());
    }

    private TravelTimes travel(List<Village> villages) {
        int n = villages.size();
        int[][] minutes = new int[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                minutes[i][j] = i == j ? 0 : Travel.minutes(villages.get(i), villages.get(j), config);
            }
        }
        return new TravelTimes(minutes);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
