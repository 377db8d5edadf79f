package org.doorstep.dispatch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A field team (上门办小分队): the villages it covers, when it works, how many visits a day it can do. */
@Entity
@Table(name = "team")
public class Team {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    private String name;
    private boolean active;
    @Column(name = "max_visits_per_day")
    private int maxVisitsPerDay;
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "team_hours", joinColumns = @JoinColumn(name = "team_id"))
    private List<WorkingHours> hours = new ArrayList<>();
    @Version
    private long version;
    @Column(name = "created_at")
    private Instant createdAt;
    @Column(name = "updated_at")
    private Instant updatedAt;

    protected Team() {
    }

    Team(UUID townId, String name, int maxVisitsPerDay, List<WorkingHours> hours, Instant now) {
        this.id = UUID.randomUUID();
        this.townId = townId;
        this.name = name;
        this.active = true;
        this.maxVisitsPerDay = maxVisitsPerDay;
        this.hours = new ArrayList<>(hours);
        this.createdAt = now;
        this.updatedAt = now;
    }

    void rename(String name, Instant now) {
        this.name = name;
        this.updatedAt = now;
    }

    void limit(int maxVisitsPerDay, Instant now) {
        this.maxVisitsPerDay = maxVisitsPerDay;
        this.updatedAt = now;
    }

    void workDuring(List<WorkingHours> hours, Instant now) {
        this.hours.clear();
        this.hours.addAll(hours);
        this.updatedAt = now;
    }

    void activate(boolean active, Instant now) {
        this.active = active;
        this.updatedAt = now;
    }

    /** Marks a change kept outside the row (the villages covered), so that the version moves too. */
    void changed(Instant now) {
        this.updatedAt = now;
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String name() {
        return name;
    }

    public boolean active() {
        return active;
    }

    public int maxVisitsPerDay() {
        return maxVisitsPerDay;
    }

    public List<WorkingHours> hours() {
        return List.copyOf(hours);
    }

    public long version() {
        return version;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
