package org.doorstep.booking;

import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One listed day of the working calendar: a public holiday, or a make-up working day. */
@Entity
@Table(name = "calendar_day")
public class CalendarDay {

    @Id
    private LocalDate day;
    @Enumerated(EnumType.STRING)
    private WorkingCalendar.DayKind kind;
    private String name;

    protected CalendarDay() {
    }

    CalendarDay(LocalDate day, WorkingCalendar.DayKind kind, String name) {
        this.day = day;
        this.kind = kind;
        this.name = name;
    }

    void change(WorkingCalendar.DayKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    public LocalDate day() {
        return day;
    }

    public WorkingCalendar.DayKind kind() {
        return kind;
    }

    public String name() {
        return name;
    }
}
