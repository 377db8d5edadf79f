-- Fills the demo town of Yong'an (YONGAN) with :visits visits, their events and follow-up calls,
-- spread over the last year, straight in SQL (generate_series). Run by run.sh with psql in the
-- service's schema after the application has created it; the values are made up, the shapes are
-- those the API writes.
--
--   psql -v visits=100000 -v schema=doorstep_bench_daily -f generate.sql
--
-- Per visit n (1 .. :visits): a five-minute slot, n times five minutes after a start 350 days ago
-- (so no two slots overlap); booked 2 to 73 hours before its slot, assigned an hour after booking
-- to one of the three teams; then, by n: about 80 percent completed in their slot, 8 percent
-- failed, 7 percent cancelled before departure. The last 1,000 stay open (a third not yet given
-- to a team), one in ten of them past its deadline. Closed visits get a follow-up call a day
-- later when that is in the past: one in ten only an unreached one (pending), one in four an
-- unreached one before the call that reached the resident.
\set ON_ERROR_STOP on
SET search_path = :schema;

SELECT id AS town FROM town WHERE code = 'YONGAN' \gset
SELECT id AS actor FROM staff WHERE username = 'operator' \gset

BEGIN;

INSERT INTO resident (id, town_id, id_number_enc, id_number_key, id_number_index, id_number_masked, name, birth_year,
                      sex, village_id, address, created_at, created_by)
SELECT gen_random_uuid(), :'town', '\x00'::bytea, 'bench', sha256(convert_to('bench-resident-' || n, 'UTF8')),
       '430181********' || lpad((n % 1000)::text, 3, '0') || (n % 10)::text, '居民' || n, 1930 + n % 50,
       CASE WHEN n % 2 = 0 THEN 'MALE' ELSE 'FEMALE' END, v.ids[1 + n % array_length(v.ids, 1)], '第' || n || '号',
       now() - interval '400 days', :'actor'
FROM generate_series(1, 20000) AS n,
     (SELECT array_agg(id ORDER BY code) AS ids FROM village WHERE town_id = :'town') AS v;

-- Only the residents made here: the demo residents already have open visits, which a second open visit of
-- the same service would collide with.
CREATE TEMP TABLE bench_resident AS
    SELECT (row_number() OVER (ORDER BY id)) - 1 AS k, id, village_id FROM resident
    WHERE town_id = :'town' AND NOT EXISTS (SELECT 1 FROM visit WHERE visit.resident_id = resident.id);
CREATE TEMP TABLE bench_team AS
    SELECT (row_number() OVER (ORDER BY name)) - 1 AS k, id FROM team WHERE town_id = :'town';
CREATE TEMP TABLE bench_service AS
    SELECT (row_number() OVER (ORDER BY code)) - 1 AS k, id FROM service_type WHERE town_id = :'town';

CREATE TEMP TABLE bench_visit AS
SELECT n, gen_random_uuid() AS id, slot, slot + interval '5 minutes' AS slot_end, created,
       created + interval '1 hour' AS assigned,
       CASE WHEN open THEN CASE WHEN n % 3 = 0 THEN 'REQUESTED' ELSE 'SCHEDULED' END
            WHEN n % 100 BETWEEN 80 AND 87 THEN 'FAILED'
            WHEN n % 100 BETWEEN 88 AND 94 THEN 'CANCELLED'
            ELSE 'COMPLETED' END AS status,
       CASE WHEN open THEN NULL
            WHEN n % 100 BETWEEN 88 AND 94 THEN created + interval '90 minutes'
            ELSE slot + interval '4 minutes' END AS closed,
       CASE WHEN open AND n % 10 = 0 THEN created + interval '1 day' ELSE created + interval '5 days' END AS due
FROM (SELECT n, base + n * interval '5 minutes' AS slot,
             base + n * interval '5 minutes' - (2 + n % 72) * interval '1 hour' AS created,
             n > :visits - 1000 AS open
      FROM generate_series(1, :visits) AS n,
           (SELECT date_trunc('day', now()) - interval '350 days' AS base) AS b) AS g;

INSERT INTO visit (id, town_id, ticket_number, resident_id, service_type_id, village_id, address, channel, caller_name,
                   caller_relation, caller_phone_enc, caller_phone_key, caller_phone_masked, preferred_date,
                   preferred_period, status, due_at, closed_at, created_at, created_by, updated_at, team_id, slot_start,
                   slot_end)
SELECT v.id, :'town',
       'BN-' || to_char(v.created AT TIME ZONE 'Asia/Shanghai', 'YYYYMMDD') || '-' || lpad((v.n % 10000)::text, 4, '0'),
       r.id, s.id, r.village_id, '第' || v.n || '号', 'HOTLINE_12345', '本人', 'SELF', '\x00'::bytea, 'bench',
       '138****0042', (v.slot AT TIME ZONE 'Asia/Shanghai')::date, 'ANY', v.status, v.due, v.closed, v.created, :'actor',
       coalesce(v.closed, v.assigned),
       CASE WHEN v.status <> 'REQUESTED' THEN t.id END,
       CASE WHEN v.status <> 'REQUESTED' THEN v.slot END,
       CASE WHEN v.status <> 'REQUESTED' THEN v.slot_end END
FROM bench_visit v
JOIN bench_resident r ON r.k = v.n % 20000
JOIN bench_service s ON s.k = v.n % 5
JOIN bench_team t ON t.k = v.n % 3;

INSERT INTO visit_event (visit_id, type, from_status, to_status, actor_id, recorded_at)
SELECT id, 'BOOKED', NULL, 'REQUESTED', CAST(:'actor' AS uuid), created FROM bench_visit
UNION ALL
SELECT id, 'ASSIGN', 'REQUESTED', 'SCHEDULED', :'actor', assigned FROM bench_visit WHERE status <> 'REQUESTED'
UNION ALL
SELECT id, 'CANCEL', 'SCHEDULED', 'CANCELLED', :'actor', closed FROM bench_visit WHERE status = 'CANCELLED'
UNION ALL
SELECT id, 'DEPART', 'SCHEDULED', 'EN_ROUTE', :'actor', slot - interval '20 minutes' FROM bench_visit
    WHERE status IN ('COMPLETED', 'FAILED')
UNION ALL
SELECT id, 'ARRIVE', 'EN_ROUTE', 'ON_SITE', :'actor', slot FROM bench_visit WHERE status IN ('COMPLETED', 'FAILED')
UNION ALL
SELECT id, CASE status WHEN 'COMPLETED' THEN 'COMPLETE' ELSE 'FAIL' END, 'ON_SITE', status, :'actor', closed
    FROM bench_visit WHERE status IN ('COMPLETED', 'FAILED');

INSERT INTO follow_up (id, town_id, visit_id, reached, satisfaction, resolved, comment, called_by, called_at)
SELECT gen_random_uuid(), CAST(:'town' AS uuid), id, false, NULL::integer, NULL::boolean, '无人接听', CAST(:'actor' AS uuid),
       closed + interval '20 hours'
    FROM bench_visit
    WHERE status IN ('COMPLETED', 'FAILED') AND (n % 10 = 0 OR n % 4 = 0) AND closed + interval '20 hours' < now()
UNION ALL
SELECT gen_random_uuid(), :'town', id, true, 1 + (n * 7) % 10, n % 7 <> 0, NULL, :'actor', closed + interval '1 day'
    FROM bench_visit
    WHERE status IN ('COMPLETED', 'FAILED') AND n % 10 <> 0 AND closed + interval '1 day' < now();

COMMIT;
ANALYZE;

SELECT (SELECT count(*) FROM visit) AS visits, (SELECT count(*) FROM visit_event) AS events,
       (SELECT count(*) FROM follow_up) AS follow_ups;
