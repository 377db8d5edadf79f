package org.doorstep.dispatch;

import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** One range of a team's working day, e.g. Monday 08:30–12:00. */
@Embeddable
public class WorkingHours {

    @Column(name = "weekday")
    private int weekday;
    @Column(name = "starts")
    private LocalTime starts;
    @Column(name = "ends")
    private LocalTime ends;

    protected WorkingHours() {
    }

    public WorkingHours(int weekday, LocalTime starts, LocalTime ends) {
        this.weekday = weekday;
        this.starts = starts;
        this.ends = ends;
    }

    public int weekday() {
        return weekday;
    }

    public LocalTime starts() {
        return starts;
    }

    public LocalTime ends() {
        return ends;
    }
}
