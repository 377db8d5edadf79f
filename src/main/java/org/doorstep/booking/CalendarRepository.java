package org.doorstep.booking;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class CalendarRepository implements PanacheRepositoryBase<CalendarDay, LocalDate> {

    List<CalendarDay> between(LocalDate from, LocalDate to) {
        return find("day >= ?1 and day <= ?2", Sort.by("day"), from, to).list();
    }

    boolean yearListed(int year) {
        return count("day >= ?1 and day <= ?2", LocalDate.of(year, 1, 1), LocalDate.of(year, 12, 31)) > 0;
    }

    WorkingCalendar calendar(LocalDate from, LocalDate to) {
        Map<LocalDate, WorkingCalendar.DayKind> days = between(from, to).stream()
                .collect(Collectors.toMap(CalendarDay::day, CalendarDay::kind));
        return new WorkingCalendar(days);
    }
}
