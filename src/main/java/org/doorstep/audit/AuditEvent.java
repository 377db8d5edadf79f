package org.doorstep.audit;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What a feature tells the audit trail. Built with {@link #of(AuditAction)} and the {@code with...}
 * methods; never holds a password, token or full ID number.
 */
public record AuditEvent(String action, UUID townId, UUID actorId, String actorUsername, UUID deviceId,
        String targetType, String targetId, Map<String, Object> details) {

    public static AuditEvent of(AuditAction action) {
        return new AuditEvent(action.name(), null, null, null, null, null, null, Map.of());
    }

    public AuditEvent town(UUID town) {
        return new AuditEvent(action, town, actorId, actorUsername, deviceId, targetType, targetId, details);
    }

    public AuditEvent actor(UUID id, String username) {
        return new AuditEvent(action, townId, id, username, deviceId, targetType, targetId, details);
    }

    public AuditEvent device(UUID device) {
        return new AuditEvent(action, townId, actorId, actorUsername, device, targetType, targetId, details);
    }

    public AuditEvent target(String type, Object id) {
        return new AuditEvent(action, townId, actorId, actorUsername, deviceId, type, id == null ? null : id.toString(),
                details);
    }

    public AuditEvent detail(String key, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(details);
        more.put(key, value);
        return new AuditEvent(action, townId, actorId, actorUsername, deviceId, targetType, targetId, more);
    }
}
