package org.doorstep.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import org.doorstep.shared.PageRequest;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;

@ApplicationScoped
public class AuditRepository implements PanacheRepositoryBase<AuditEntry, Long> {

    private final DataSource dataSource;

    public AuditRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The filters of the trail; null means "any". */
    public record Filter(String targetType, String targetId, UUID actorId, String actorUsername, String action, Instant from,
            Instant to) {
    }

    List<AuditEntry> page(UUID townId, boolean countyWide, Filter filter, PageRequest page) {
        Query q = query(townId, countyWide, filter);
        return find(q.where, Sort.descending("id"), q.params).page(Page.of(page.page(), page.size())).list();
    }

    long count(UUID townId, boolean countyWide, Filter filter) {
        Query q = query(townId, countyWide, filter);
        return count(q.where, q.params);
    }

    private record Query(String where, Map<String, Object> params) {
    }

    /** The town's entries, and for a county admin also the county-wide ones (no town: the working calendar). */
    private static Query query(UUID townId, boolean countyWide, Filter f) {
        List<String> where = new ArrayList<>();
        Map<String, Object> params = new HashMap<>();
        where.add(countyWide ? "(townId = :town or townId is null)" : "townId = :town");
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
        if (f.actorUsername() != null) {
            where.add("lower(actorUsername) = :username");
            params.put("username", f.actorUsername().toLowerCase(java.util.Locale.ROOT));
        }
        if (f.action() != null) {
            where.add("action = :action");
            params.put("action", f.action().toUpperCase(java.util.Locale.ROOT));
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

    /**
     * At most {@code limit} entries of the chain after the entry {@code afterId}, in chain order (ids
     * are taken in chain order), with their details as jsonb's text. Read with plain JDBC because
     * the chain is checked against the stored text, not against what Hibernate would map it to.
     */
    List<AuditChain.Link> chainAfter(long afterId, int limit) {
        return read("SELECT " + LINK + ", NULL FROM audit_entry WHERE id > ? ORDER BY id LIMIT ?", null, afterId, limit)
                .stream().map(AuditChain.Placed::link).toList();
    }

    /**
     * At most {@code limit} of a town's entries after the entry {@code afterId}, in chain order, each with the hash
     * of the entry before it in the chain (whichever town's it is: only its hash is read).
     */
    List<AuditChain.Placed> townChainAfter(UUID townId, long afterId, int limit) {
        return read("SELECT " + LINK + ", (SELECT p.hash FROM audit_entry p WHERE p.id < e.id ORDER BY p.id DESC LIMIT 1)"
                + " FROM audit_entry e WHERE e.town_id = ? AND e.id > ? ORDER BY e.id LIMIT ?", townId, afterId, limit);
    }

    private static final String LINK = "id, prev_hash, hash, occurred_at, town_id, actor_id, actor_username, device_id,"
            + " action, target_type, target_id, details::text";

    private List<AuditChain.Placed> read(String sql, UUID townId, long afterId, int limit) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            if (townId != null) {
                ps.setObject(i++, townId);
            }
            ps.setLong(i++, afterId);
            ps.setInt(i, limit);
            List<AuditChain.Placed> links = new ArrayList<>(limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    links.add(new AuditChain.Placed(new AuditChain.Link(rs.getLong(1), rs.getBytes(2), rs.getBytes(3),
                            rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getObject(5, UUID.class),
                            rs.getObject(6, UUID.class), rs.getString(7), rs.getObject(8, UUID.class), rs.getString(9),
                            rs.getString(10), rs.getString(11), rs.getString(12)), rs.getBytes(13)));
                }
            }
            return links;
        } catch (SQLException e) {
            throw new IllegalStateException("The audit chain could not be read", e);
        }
    }
}
