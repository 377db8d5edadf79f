package org.doorstep.identity;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class DeviceRepository implements PanacheRepositoryBase<Device, UUID> {

    public Optional<Device> findByEnrollmentCodeHash(byte[] hash) {
        return find("enrollmentCodeHash", (Object) hash).withLock(LockModeType.PESSIMISTIC_WRITE).firstResultOptional();
    }

    public Optional<Device> findInTown(UUID townId, UUID id) {
        return find("townId = ?1 and id = ?2", townId, id).firstResultOptional();
    }

    public List<Device> pageOfTown(UUID townId, PageRequest page) {
        return find("townId", Sort.by("createdAt").and("id"), townId).page(Page.of(page.page(), page.size())).list();
    }

    public long countInTown(UUID townId) {
        return count("townId", townId);
    }
}
