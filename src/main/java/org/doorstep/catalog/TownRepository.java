package org.doorstep.catalog;

import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;

@ApplicationScoped
public class TownRepository implements PanacheRepositoryBase<Town, UUID> {

    public Optional<Town> findByCode(String code) {
        return find("code", code).firstResultOptional();
    }
}
