package org.doorstep.catalog;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;

/**
 * One entry of a town's service catalogue (事项清单): what must be captured at the door,
 * whether a face is taken, how long a visit takes and how many working days it may take.
 */
@Entity
@Table(name = "service_type")
public class ServiceType {

    @Id
    private UUID id;
    @Column(name = "town_id")
    private UUID townId;
    private String code;
    private String name;
    private boolean biometric;
    @Column(name = "duration_minutes")
    private int durationMinutes;
    @Column(name = "deadline_days")
    private int deadlineDays;
    private boolean active;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "service_type_capture", joinColumns = @JoinColumn(name = "service_type_id"))
    @Column(name = "kind")
    @Enumerated(EnumType.STRING)
    @OrderColumn(name = "position")
    private List<CaptureKind> requiredCaptures = new ArrayList<>();

    protected ServiceType() {
    }

    public UUID id() {
        return id;
    }

    public UUID townId() {
        return townId;
    }

    public String code() {
        return code;
    }

    public String name() {
        return name;
    }

    public boolean biometric() {
        return biometric;
    }

    public int durationMinutes() {
        return durationMinutes;
    }

    public int deadlineDays() {
        return deadlineDays;
    }

    public boolean active() {
        return active;
    }

    public List<CaptureKind> requiredCaptures() {
        return List.copyOf(requiredCaptures);
    }
}
