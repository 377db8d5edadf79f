package org.doorstep.booking;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.catalog.CatalogService;
import org.doorstep.catalog.ServiceType;
import org.doorstep.catalog.Village;
import org.doorstep.identity.StaffDirectory;
import org.doorstep.resident.Resident;
import org.doorstep.resident.ResidentService;
import org.doorstep.shared.Page;

/** Puts visits together with their resident, service and village, a page at a time, in three queries. */
@ApplicationScoped
public class VisitViews {

    private final ResidentService residents;
    private final CatalogService catalog;
    private final VisitRepository visits;
    private final StaffDirectory directory;

    public VisitViews(ResidentService residents, CatalogService catalog, VisitRepository visits, StaffDirectory directory) {
        this.residents = residents;
        this.catalog = catalog;
        this.visits = visits;
        this.directory = directory;
    }

    public VisitApi.View withEvents(Visit visit, Instant now) {
        List<VisitEvent> recorded = visits.events(visit.id());
        Map<UUID, String> staffNames = directory.staffNames(visit.townId(),
                recorded.stream().map(VisitEvent::actorId).toList());
        Map<UUID, String> deviceLabels = directory.deviceLabels(visit.townId(),
                recorded.stream().map(VisitEvent::deviceId).toList());
        List<VisitApi.Event> events = recorded.stream().map(e -> VisitApi.Event.from(e, staffNames, deviceLabels)).toList();
        return views(visit.townId(), List.of(visit), now, events).get(0);
    }

    public Page<VisitApi.View> page(UUID townId, Page<Visit> page, Instant now) {
        return new Page<>(views(townId, page.items(), now, null), page.page(), page.size(), page.total());
    }

    private List<VisitApi.View> views(UUID townId, List<Visit> list, Instant now, List<VisitApi.Event> events) {
        Set<UUID> residentIds = list.stream().map(Visit::residentId).collect(Collectors.toSet());
        Map<UUID, Resident> people = residents.findAll(townId, residentIds);
        Map<UUID, ServiceType> services = catalog.serviceTypesById(townId);
        Map<UUID, Village> villages = catalog.villagesById(townId);
        Map<UUID, String> teams = directory.teamNames(townId, list.stream().map(Visit::teamId).toList());
        return list.stream().map(v -> VisitApi.View.from(v, people.get(v.residentId()), services.get(v.serviceTypeId()),
                villages.get(v.villageId()), teams.get(v.teamId()), now, events)).toList();
    }
}
