package org.doorstep.demo;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.doorstep.booking.BookingService;
import org.doorstep.booking.CalendarService;
import org.doorstep.booking.CallerRelation;
import org.doorstep.booking.Channel;
import org.doorstep.booking.Period;
import org.doorstep.booking.VisitApi;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.Town;
import org.doorstep.catalog.Village;
import org.doorstep.resident.IdNumber;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.security.Caller;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Gives the demo town of Yong'an residents and visits to place, booked by its operator for the next
 * working day, so that the board, the planner and the tablets have something to show at once.
 * Only once: a town that has residents already is left alone.
 */
@ApplicationScoped
public class DemoVisits {

    private static final Logger LOG = Logger.getLogger(DemoVisits.class);

    private static final String[] NAMES = { "胡淑坤", "李桂兰", "王德明", "张秀英", "刘福生", "陈玉梅", "杨建国", "赵凤英",
            "黄金水", "周冬梅", "吴志强", "徐美华" };
    private static final String[] SERVICES = { "RETIREMENT_CERTIFICATION", "ELDERLY_ALLOWANCE", "SOCIAL_SECURITY_CARD",
            "RETIREMENT_CERTIFICATION", "MEDICAL_INSURANCE_ENROLMENT", "DISABILITY_CERTIFICATE" };
    private static final Period[] PERIODS = { Period.MORNING, Period.ANY, Period.AFTERNOON, Period.ANY };

    private final EntityManager em;
    private final CatalogService catalog;
    private final CalendarService calendar;
    private final ResidentService residents;
    private final BookingService booking;
    private final Clock clock;

    public DemoVisits(EntityManager em, CatalogService catalog, CalendarService calendar, ResidentService residents,
            BookingService booking, Clock clock) {
        this.em = em;
        this.catalog = catalog;
        this.calendar = calendar;
        this.residents = residents;
        this.booking = booking;
        this.clock = clock;
    }

    void seed() {
        Optional<Object[]> operator = QuarkusTransaction.requiringNew().call(this::operatorWithoutResidents);
        if (operator.isEmpty()) {
            return;
        }
        UUID townId = (UUID) operator.get()[0];
        Caller caller = new Caller(new DemoToken((UUID) operator.get()[1], townId));
        Town town = QuarkusTransaction.requiringNew().call(() -> catalog.town(townId));
        List<Village> villages = QuarkusTransaction.requiringNew().call(() -> catalog.villagesById(townId).values().stream()
                .sorted(java.util.Comparator.comparing(Village::code)).toList());
        LocalDate day = LocalDate.ofInstant(clock.instant(), town.zone()).plusDays(1);
        while (!QuarkusTransaction.requiringNew().call(workingDay(day))) {
            day = day.plusDays(1);
        }
        for (int i = 0; i < NAMES.length; i++) {
            Village village = villages.get(i % villages.size());
            String idNumber = IdNumber.complete("430181" + (1950 + i) + String.format("%02d%02d", 1 + i % 12, 3 + i) + "3"
                    + String.format("%02d", 10 + i));
            String phone = "138073100" + String.format("%02d", 10 + i);
            UUID resident = residents.register(caller, new ResidentService.Registration(idNumber, NAMES[i], phone,
                    village.id(), village.name() + (i + 1) + "组" + (10 + i) + "号", null, null)).id();
            booking.book(caller, new VisitApi.Book(resident, SERVICES[i % SERVICES.length], Channel.TOWN_PHONE,
                    new VisitApi.CallerIn(NAMES[i], CallerRelation.SELF, phone), day, PERIODS[i % PERIODS.length], null,
                    i % 3 == 0 ? "行动不便，请敲门后稍等" : null, null), null);
        }
        LOG.infof("Demo town YONGAN: %d residents and visits booked for %s, ready to place", NAMES.length, day);
    }

    private java.util.concurrent.Callable<Boolean> workingDay(LocalDate day) {
        return () -> calendar.workingDay(day);
    }

    /** The Yong'an operator's town and id, when the town has no residents yet. */
    private Optional<Object[]> operatorWithoutResidents() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT s.town_id, s.id FROM staff s JOIN town t ON t.id = s.town_id"
                + " WHERE t.code = 'YONGAN' AND s.username = 'operator'"
                + " AND NOT EXISTS (SELECT 1 FROM resident r WHERE r.town_id = t.id)").getResultList();
        return rows.stream().findFirst();
    }

    /** Who the demo seeding acts as: the town's operator, as if signed in. */
    private record DemoToken(UUID staffId, UUID townId) implements JsonWebToken {

        @Override
        public String getName() {
            return "operator";
        }

        @Override
        public Set<String> getClaimNames() {
            return Set.of("sub", "upn", Caller.TOWN, "groups");
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T getClaim(String name) {
            Object value = switch (name) {
                case "sub" -> staffId.toString();
                case "upn" -> "operator";
                case Caller.TOWN -> townId.toString();
                case "groups" -> Set.of("operator");
                default -> null;
            };
            return (T) value;
        }

        @Override
        public String getSubject() {
            return staffId.toString();
        }

        @Override
        public Set<String> getGroups() {
            return Set.of("operator");
        }
    }

}
