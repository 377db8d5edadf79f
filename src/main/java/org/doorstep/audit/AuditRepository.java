package org.doorstep.audit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    /** The filters of the trail; null means "any". */
    public record Filter(String targetType, String targetId, UUID actorId, Instant from, Instant to) {
    }

    List<AuditEntry> page(UUID townId, Filter filter, PageRequest page) {
        Query q = query(townId, filter);
        return find(q.where, Sort.descending("id"), q.params).page(Page.of(page.page(), page.size())).list();
    }

    long count(UUID townId, Filter filter) {
        Query q = query(townId, filter);
        return count(q.where, q.params);
    }

    private record Query(String where, Map<String, Object> params) {
    }

    /** The town's entries, and the county-wide ones (no town: the working calendar). */
    private static Query query(UUID townId, Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add("(townId = :town or townId is null)");
        params.put("town", townId);
        if (f.targetType() != null) {
            where.add("targetType = :type");
            params.put("type", f.targetType());
        }
        if (f.targetId() != null) {
            where.add("targetId = :target");
            params.put("target", f.targetId());
        }
        if (f.actorId() != null) {
            where.add("actorId = :actor");
            params.put("actor", f.actorId());
        }
        if (f.from() != null) {
            where.add("occurredAt >= :from");
            params.put("from", f.from());
        }
        if (f.to() != null) {
            where.add("occurredAt < :to");
            params.put("to", f.to());
        }
        return new Query(String.join(" and ", where), params);
    }
}
