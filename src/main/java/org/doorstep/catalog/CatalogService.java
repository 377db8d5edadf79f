package org.doorstep.catalog;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.Page;
import org.doorstep.shared.PageRequest;
import org.doorstep.shared.ProblemException;

/** The town's places and catalogue, as other features and the API read them. */
@ApplicationScoped
public class CatalogService {

    private final TownRepository towns;
    private final VillageRepository villages;
    private final ServiceTypeRepository serviceTypes;

    public CatalogService(TownRepository towns, VillageRepository villages, ServiceTypeRepository serviceTypes) {
        this.towns = towns;
        this.villages = villages;
        this.serviceTypes = serviceTypes;
    }

    public Town town(UUID id) {
        return towns.findByIdOptional(id).orElseThrow(() -> ProblemException.notFound("Town"));
    }

    /** Sets how long the town keeps its visits' records before an erasure (null: the county's default). */
    @jakarta.transaction.Transactional(jakarta.transaction.Transactional.TxType.MANDATORY)
    public void keepRecords(UUID townId, Integer days) {
        town(townId).keepRecords(days);
    }

    /** The town with this code, created if it does not exist yet (the first start of a deployment). */
    @jakarta.transaction.Transactional
    public Town ensureTown(String code, String name, String ticketPrefix) {
        return towns.findByCode(code).orElseGet(() -> {
            Town town = new Town(code, ticketPrefix, name);
            towns.persist(town);
            return town;
        });
    }

    public Page<Village> villages(UUID townId, PageRequest page) {
        return Page.of(villages.pageOfTown(townId, page), page, villages.countInTown(townId));
    }

    public Optional<Village> village(UUID townId, UUID villageId) {
        return villages.findInTown(townId, villageId);
    }

    public Page<ServiceType> serviceTypes(UUID townId, PageRequest page) {
        return Page.of(serviceTypes.pageOfActiveInTown(townId, page), page, serviceTypes.countActiveInTown(townId));
    }

    /** Every village of the town by id (a town has a few dozen at most). */
    public java.util.Map<UUID, Village> villagesById(UUID townId) {
        return villages.list("townId", townId).stream().collect(java.util.stream.Collectors.toMap(Village::id, v -> v));
    }

    /** Every service type of the town by id, inactive ones included (old visits refer to them). */
    public java.util.Map<UUID, ServiceType> serviceTypesById(UUID townId) {
        return serviceTypes.list("townId", townId).stream()
                .collect(java.util.stream.Collectors.toMap(ServiceType::id, t -> t));
    }

    public Optional<ServiceType> serviceType(UUID townId, String code) {
        return serviceTypes.findByCode(townId, code);
    }
}
