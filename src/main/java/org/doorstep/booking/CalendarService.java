package org.doorstep.booking;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditAction;
import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Town;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/** The working calendar as data: admins add each year's holidays and make-up working days. */
@ApplicationScoped
public class CalendarService {

    private final CalendarRepository days;
    private final VisitRepository visits;
    private final DeadlinePolicy deadlines;
    private final CatalogService catalog;
    private final AuditService audit;

    public CalendarService(CalendarRepository days, VisitRepository visits, DeadlinePolicy deadlines, CatalogService catalog,
            AuditService audit) {
        this.days = days;
        this.visits = visits;
        this.deadlines = deadlines;
        this.catalog = catalog;
        this.audit = audit;
    }

    /**
     * Deadlines counted into a year that was not loaded are counted again once it is; deadlines
     * counted on a known calendar stay as they were promised.
     */
    private void recountProvisionalDeadlines() {
        days.flush();
        for (Visit visit : visits.openWithProvisionalDeadlines()) {
            Town town = catalog.town(visit.townId());
            ServiceType service = catalog.serviceTypesById(visit.townId()).get(visit.serviceTypeId());
            LocalDate bookedOn = LocalDate.ofInstant(visit.createdAt(), town.zone());
            visit.recountDeadline(deadlines.dueAt(bookedOn, service.deadlineDays(), town.zone()));
        }
    }

    /** Whether a day is a working day on the Chinese calendar (listed exceptions, else Monday to Friday). */
    public boolean workingDay(LocalDate day) {
        return days.calendar(day, day).workingDay(day);
    }

    /** The first working day after {@code day}, looking at most a month ahead (then the day after). */
    public LocalDate nextWorkingDay(LocalDate day) {
        LocalDate last = day.plusDays(31);
        WorkingCalendar calendar = days.calendar(day.plusDays(1), last);
        for (LocalDate d = day.plusDays(1); !d.isAfter(last); d = d.plusDays(1)) {
            if (calendar.workingDay(d)) {
                return d;
            }
        }
        return day.plusDays(1);
    }

    public List<CalendarDay> year(int year) {
        return days.between(LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31));
    }

    @Transactional
    public CalendarDay put(Caller admin, LocalDate day, WorkingCalendar.DayKind kind, String name) {
        CalendarDay existing = days.findById(day);
        if (existing == null) {
            existing = new CalendarDay(day, kind, name.strip());
            days.persist(existing);
        } else {
            existing.change(kind, name.strip());
        }
        recountProvisionalDeadlines();
        // Last: the audit chain's head stays locked from here to the commit.
        // The calendar is national: the entry belongs to no single town, so every town's trail shows it.
        audit.record(AuditEvent.of(AuditAction.CALENDAR_DAY_SET).actor(admin.staffId(), admin.username())
                .target("calendar-day", day).detail("kind", kind).detail("name", name.strip())
                .detail("adminTown", admin.townId()));
        return existing;
    }

    @Transactional
    public void remove(Caller admin, LocalDate day) {
        if (!days.deleteById(day)) {
            throw ProblemException.notFound("Calendar day " + day);
        }
        recountProvisionalDeadlines();
        audit.record(AuditEvent.of(AuditAction.CALENDAR_DAY_REMOVED).actor(admin.staffId(), admin.username())
                .target("calendar-day", day).detail("adminTown", admin.townId()));
    }
}
