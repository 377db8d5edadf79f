-- The SQL statements one booking issues (read off PostgreSQL's statement log of a real booking),
-- in one transaction, for pgbench. @TOWN@, @STAFF@ and @SERVICE@ are filled in by run.sh.
-- One difference from the API, in the database's favour: the visit is inserted as CANCELLED, so that
-- residents drawn twice never hit the one-open-visit index. Ticket numbers are taken from one counter
-- row, as all of a town's bookings of a day do (:day shifts it between runs; @BENCHTOWN@ is a town of
-- its own so that the API's numbers are not used up).
\set r random(1, :residents)
\set k random(1, 1000000000000)
BEGIN;
INSERT INTO idempotency_key (staff_id, key, operation, request_hash, status, response, created_at) VALUES ('@STAFF@', 'bench-' || :k, 'book-visit', sha256(:k::text::bytea), 0, '', now()) ON CONFLICT (staff_id, key) DO NOTHING;
SELECT id, code, name, ticket_prefix, time_zone FROM town WHERE id = '@TOWN@';
SELECT * FROM resident WHERE town_id = '@TOWN@' AND id = (SELECT id FROM bench_resident WHERE n = :r) FETCH FIRST 1 ROWS ONLY;
SELECT id, active, biometric, code, deadline_days, duration_minutes, name, town_id FROM service_type WHERE town_id = '@TOWN@' AND code = 'RETIREMENT_CERTIFICATION' FETCH FIRST 1 ROWS ONLY;
SELECT service_type_id, position, kind FROM service_type_capture WHERE service_type_id = '@SERVICE@';
SELECT * FROM visit WHERE resident_id = (SELECT id FROM bench_resident WHERE n = :r) AND service_type_id = '@SERVICE@' AND status IN ('REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE') FETCH FIRST 1 ROWS ONLY;
INSERT INTO ticket_counter (town_id, day, last) VALUES ('@BENCHTOWN@', current_date + :day, 1) ON CONFLICT (town_id, day) DO UPDATE SET last = ticket_counter.last + 1 RETURNING last \gset
SELECT day, kind, name FROM calendar_day WHERE day >= current_date AND day <= current_date + 45 ORDER BY day;
INSERT INTO visit (id, town_id, ticket_number, resident_id, service_type_id, village_id, address, channel, caller_name, caller_relation, caller_phone_enc, caller_phone_key, caller_phone_masked, preferred_date, preferred_period, notes, status, due_at, previous_visit_id, closed_at, version, created_at, created_by, updated_at) SELECT md5(:k::text)::uuid, '@TOWN@', 'BN-' || to_char(current_date + :day, 'YYYYMMDD') || '-' || lpad(:last::text, 4, '0'), r.id, '@SERVICE@', r.village_id, r.address, 'HOTLINE_12345', '家属', 'CHILD', sha256(:k::text::bytea) || sha256(:k::text::bytea), 'bench', '139****0088', current_date, 'ANY', NULL, 'CANCELLED', now() + interval '7 days', NULL, now(), 0, now(), '@STAFF@', now() FROM bench_resident b JOIN resident r ON r.id = b.id WHERE b.n = :r;
INSERT INTO visit_event (accuracy_meters, actor_id, device_id, from_status, latitude, longitude, occurred_at, reason, recorded_at, to_status, type, visit_id) VALUES (NULL, '@STAFF@', NULL, NULL, NULL, NULL, NULL, NULL, now(), 'REQUESTED', 'BOOKED', md5(:k::text)::uuid);
INSERT INTO audit_entry (action, actor_id, actor_username, details, device_id, occurred_at, target_id, target_type, town_id) VALUES ('VISIT_BOOKED', '@STAFF@', 'operator', '{"ticket":"BN-00000000-0000","service":"RETIREMENT_CERTIFICATION"}', NULL, now(), md5(:k::text)::uuid::text, 'visit', '@TOWN@');
SELECT * FROM visit_event WHERE visit_id = md5(:k::text)::uuid ORDER BY id;
SELECT * FROM resident WHERE town_id = '@TOWN@' AND id IN (SELECT id FROM bench_resident WHERE n = :r);
SELECT id, active, biometric, code, deadline_days, duration_minutes, name, town_id FROM service_type WHERE town_id = '@TOWN@';
SELECT service_type_id, position, kind FROM service_type_capture WHERE service_type_id = ANY (ARRAY(SELECT id FROM service_type WHERE town_id = '@TOWN@'));
SELECT id, code, latitude, longitude, name, town_id FROM village WHERE town_id = '@TOWN@';
UPDATE idempotency_key SET status = 201, response = repeat('x', 1400) WHERE staff_id = '@STAFF@' AND key = 'bench-' || :k;
COMMIT;
