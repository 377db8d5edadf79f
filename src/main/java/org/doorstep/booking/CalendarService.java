package org.doorstep.booking;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.doorstep.audit.AuditEvent;
import org.doorstep.audit.AuditService;
import org.doorstep.shared.ProblemException;
import org.doorstep.shared.security.Caller;

/** The working calendar as data: admins add each year's holidays and make-up working days. */
@ApplicationScoped
public class CalendarService {

    private final CalendarRepository days;
    private final AuditService audit;

    public CalendarService(CalendarRepository days, AuditService audit) {
        this.days = days;
        this.audit = audit;
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
        audit.record(AuditEvent.of("CALENDAR_DAY_SET").town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("calendar-day", day).detail("kind", kind).detail("name", name.strip()));
        return existing;
    }

    @Transactional
    public void remove(Caller admin, LocalDate day) {
        if (!days.deleteById(day)) {
            throw ProblemException.notFound("Calendar day " + day);
        }
        audit.record(AuditEvent.of("CALENDAR_DAY_REMOVED").town(admin.townId()).actor(admin.staffId(), admin.username())
                .target("calendar-day", day));
    }
}
