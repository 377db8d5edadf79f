package org.doorstep.rights;

import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Reads what is held about one resident for their access copy, each part as one JSON document built by the
 * database. Ciphertexts never leave: numbers come masked here, and the resident's own in full from the
 * resident feature (audited).
 */
@ApplicationScoped
class AccessCopyRepository {

    private final EntityManager em;

    AccessCopyRepository(EntityManager em) {
        this.em = em;
    }

    private String json(String sql, UUID townId, UUID residentId) {
        Object result = em.createNativeQuery(sql).setParameter(1, townId).setParameter(2, residentId).getSingleResult();
        return result == null ? "[]" : result.toString();
    }

    /** Every visit with its service, village, team, events, consents and follow-up calls. */
    String visits(UUID townId, UUID residentId) {
        return json("SELECT coalesce(json_agg(json_build_object('id', v.id, 'ticketNumber', v.ticket_number,"
                + " 'service', s.name, 'village', vl.name, 'address', v.address, 'channel', v.channel,"
                + " 'callerName', v.caller_name, 'callerRelation', v.caller_relation, 'callerPhone', v.caller_phone_masked,"
                + " 'preferredDate', v.preferred_date, 'preferredPeriod', v.preferred_period, 'notes', v.notes,"
                + " 'status', v.status, 'dueAt', v.due_at, 'team', t.name, 'slotStart', v.slot_start, 'slotEnd', v.slot_end,"
                + " 'bookedAt', v.created_at, 'closedAt', v.closed_at,"
                + " 'events', (SELECT coalesce(json_agg(json_build_object('type', e.type, 'from', e.from_status,"
                + "     'to', e.to_status, 'occurredAt', e.occurred_at, 'recordedAt', e.recorded_at, 'reason', e.reason,"
                + "     'latitude', e.latitude, 'longitude', e.longitude) ORDER BY e.recorded_at, e.id), '[]')"
                + "     FROM visit_event e WHERE e.visit_id = v.id),"
                + " 'consents', (SELECT coalesce(json_agg(json_build_object('purpose', c.purpose, 'grantedBy', c.granted_by,"
                + "     'guardianName', c.guardian_name, 'relation', c.relation, 'recordedAt', c.recorded_at,"
                + "     'withdrawnAt', c.withdrawn_at, 'textVersion', pt.version, 'text', pt.body) ORDER BY c.recorded_at), '[]')"
                + "     FROM consent c LEFT JOIN privacy_text pt ON pt.id = c.text_id WHERE c.visit_id = v.id),"
                + " 'followUps', (SELECT coalesce(json_agg(json_build_object('calledAt', f.called_at, 'reached', f.reached,"
                + "     'satisfaction', f.satisfaction, 'resolved', f.resolved, 'comment', f.comment) ORDER BY f.called_at), '[]')"
                + "     FROM follow_up f WHERE f.visit_id = v.id)"
                + " ) ORDER BY v.created_at), '[]')"
                + " FROM visit v JOIN service_type s ON s.id = v.service_type_id JOIN village vl ON vl.id = v.village_id"
                + " LEFT JOIN team t ON t.id = v.team_id WHERE v.town_id = ?1 AND v.resident_id = ?2", townId, residentId);
    }

    /** The captures of their visits: what each is, and whether its bytes are still held. */
    String captures(UUID townId, UUID residentId) {
        return json("SELECT coalesce(json_agg(json_build_object('id', c.id, 'visitId', c.visit_id, 'kind', c.kind,"
                + " 'contentType', c.content_type, 'size', c.size, 'sha256', c.sha256, 'capturedAt', c.captured_at,"
                + " 'biometric', c.biometric, 'status', c.status, 'purgedAt', c.purged_at, 'purgeReason', c.purge_reason)"
                + " ORDER BY c.completed_at), '[]') FROM capture c JOIN visit v ON v.id = c.visit_id"
                + " WHERE v.town_id = ?1 AND v.resident_id = ?2 AND c.status <> 'UPLOADING'", townId, residentId);
    }

    /** The ids of their captures whose bytes are held, for the files. */
    @SuppressWarnings("unchecked")
    List<Object[]> heldCaptures(UUID townId, UUID residentId) {
        return em.createNativeQuery("SELECT c.id, c.kind, c.content_type FROM capture c JOIN visit v ON v.id = c.visit_id"
                + " WHERE v.town_id = ?1 AND v.resident_id = ?2 AND c.status = 'COMPLETE' ORDER BY c.completed_at")
                .setParameter(1, townId).setParameter(2, residentId).getResultList();
    }

    /** Their requests to exercise their rights. */
    String rightsRequests(UUID townId, UUID residentId) {
        return json("SELECT coalesce(json_agg(json_build_object('kind', r.kind, 'requestedBy', r.requested_by,"
                + " 'requesterName', r.requester_name, 'identityCheck', r.identity_check, 'details', r.details,"
                + " 'status', r.status, 'reason', r.reason, 'receivedAt', r.received_at, 'dueAt', r.due_at,"
                + " 'closedAt', r.closed_at) ORDER BY r.received_at), '[]') FROM rights_request r"
                + " WHERE r.town_id = ?1 AND r.resident_id = ?2", townId, residentId);
    }

    /**
     * Who looked at their data: every read of their full numbers, of a capture of theirs, and every copy of their
     * data made, with who, when, from which tablet, and why.
     */
    String reads(UUID townId, UUID residentId) {
        return json("SELECT coalesce(json_agg(json_build_object('at', a.occurred_at, 'action', a.action,"
                + " 'staff', CASE WHEN a.actor_id IS NULL THEN '系统' ELSE coalesce(s.display_name, '工作人员') END,"
                + " 'tablet', a.device_id, 'what', coalesce(a.details->>'field', a.details->>'kind'),"
                + " 'purpose', a.details->>'purpose') ORDER BY a.id), '[]')"
                + " FROM audit_entry a LEFT JOIN staff s ON s.id = a.actor_id WHERE a.town_id = ?1 AND ("
                + " (a.action IN ('PERSONAL_DATA_READ', 'ACCESS_COPY_PRODUCED') AND a.target_type = 'resident'"
                + "  AND a.target_id = CAST(?2 AS text))"
                + " OR (a.action = 'CAPTURE_READ' AND a.target_type = 'capture' AND a.target_id IN (SELECT c.id::text"
                + "  FROM capture c JOIN visit v ON v.id = c.visit_id WHERE v.town_id = ?1 AND v.resident_id = ?2)))",
                townId, residentId);
    }
}
