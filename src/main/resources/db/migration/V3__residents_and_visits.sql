-- Residents, work orders (visits) and what booking needs: the working calendar for deadlines,
-- gapless ticket numbers per town and day, and idempotency keys for retried writes.

-- The Chinese working calendar. Weekdays are working days and weekends are not, except the
-- dates listed here: public holidays (HOLIDAY) and weekend make-up working days (调休, WORKDAY).
-- Admins extend it each year when the State Council publishes the schedule.
CREATE TABLE calendar_day (
    day  date PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('HOLIDAY', 'WORKDAY')),
    name text NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50)
);

-- 2026, from 国务院办公厅关于2026年部分节假日安排的通知 (2025-11-04).
INSERT INTO calendar_day (day, kind, name) VALUES
    ('2026-01-01', 'HOLIDAY', '元旦'),
    ('2026-01-02', 'HOLIDAY', '元旦'),
    ('2026-01-03', 'HOLIDAY', '元旦'),
    ('2026-01-04', 'WORKDAY', '元旦'),
    ('2026-02-14', 'WORKDAY', '春节'),
    ('2026-02-15', 'HOLIDAY', '春节'),
    ('2026-02-16', 'HOLIDAY', '春节'),
    ('2026-02-17', 'HOLIDAY', '春节'),
    ('2026-02-18', 'HOLIDAY', '春节'),
    ('2026-02-19', 'HOLIDAY', '春节'),
    ('2026-02-20', 'HOLIDAY', '春节'),
    ('2026-02-21', 'HOLIDAY', '春节'),
    ('2026-02-22', 'HOLIDAY', '春节'),
    ('2026-02-23', 'HOLIDAY', '春节'),
    ('2026-02-28', 'WORKDAY', '春节'),
    ('2026-04-04', 'HOLIDAY', '清明节'),
    ('2026-04-05', 'HOLIDAY', '清明节'),
    ('2026-04-06', 'HOLIDAY', '清明节'),
    ('2026-05-01', 'HOLIDAY', '劳动节'),
    ('2026-05-02', 'HOLIDAY', '劳动节'),
    ('2026-05-03', 'HOLIDAY', '劳动节'),
    ('2026-05-04', 'HOLIDAY', '劳动节'),
    ('2026-05-05', 'HOLIDAY', '劳动节'),
    ('2026-05-09', 'WORKDAY', '劳动节'),
    ('2026-06-19', 'HOLIDAY', '端午节'),
    ('2026-06-20', 'HOLIDAY', '端午节'),
    ('2026-06-21', 'HOLIDAY', '端午节'),
    ('2026-09-20', 'WORKDAY', '国庆节'),
    ('2026-09-25', 'HOLIDAY', '中秋节'),
    ('2026-09-26', 'HOLIDAY', '中秋节'),
    ('2026-09-27', 'HOLIDAY', '中秋节'),
    ('2026-10-01', 'HOLIDAY', '国庆节'),
    ('2026-10-02', 'HOLIDAY', '国庆节'),
    ('2026-10-03', 'HOLIDAY', '国庆节'),
    ('2026-10-04', 'HOLIDAY', '国庆节'),
    ('2026-10-05', 'HOLIDAY', '国庆节'),
    ('2026-10-06', 'HOLIDAY', '国庆节'),
    ('2026-10-07', 'HOLIDAY', '国庆节'),
    ('2026-10-10', 'WORKDAY', '国庆节');

CREATE TABLE resident (
    id              uuid        PRIMARY KEY,
    town_id         uuid        NOT NULL REFERENCES town (id),
    -- ID number and phone: AES-GCM ciphertext, the id of the key that made it, and an
    -- HMAC-SHA-256 blind index for exact-match lookup. Never stored in clear.
    id_number_enc   bytea       NOT NULL,
    id_number_key   text        NOT NULL,
    id_number_index bytea       NOT NULL CHECK (length(id_number_index) = 32),
    -- The masked forms (430181********123X, 138****5678) are kept in clear: they are what
    -- every screen shows, and showing them must not need the key.
    id_number_masked text       NOT NULL CHECK (id_number_masked ~ '^[0-9]{6}\*{8}[0-9]{3}[0-9X]$'),
    phone_enc       bytea,
    phone_key       text,
    phone_index     bytea       CHECK (length(phone_index) = 32),
    phone_masked    text        CHECK (phone_masked ~ '^[0-9-]{3,5}\*{4}[0-9]{4}$'),
    name            text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 50),
    -- The year only: with the birth date, the masked ID number would give the whole number back.
    birth_year      integer     NOT NULL CHECK (birth_year BETWEEN 1900 AND 2100),
    sex             text        NOT NULL CHECK (sex IN ('MALE', 'FEMALE')),
    village_id      uuid        NOT NULL,
    address         text        NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 200),
    group_name      text        CHECK (length(group_name) <= 50),
    notes           text        CHECK (length(notes) <= 500),
    version         bigint      NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL,
    created_by      uuid        NOT NULL,
    UNIQUE (town_id, id),
    UNIQUE (town_id, id_number_index),
    FOREIGN KEY (town_id, village_id) REFERENCES village (town_id, id),
    CHECK ((phone_enc IS NULL) = (phone_index IS NULL) AND (phone_enc IS NULL) = (phone_key IS NULL)
           AND (phone_enc IS NULL) = (phone_masked IS NULL))
);
CREATE INDEX resident_phone ON resident (town_id, phone_index) WHERE phone_index IS NOT NULL;

CREATE TABLE ticket_counter (
    town_id uuid    NOT NULL REFERENCES town (id),
    day     date    NOT NULL,
    last    integer NOT NULL CHECK (last >= 1),
    PRIMARY KEY (town_id, day)
);

CREATE TABLE visit (
    id                uuid        PRIMARY KEY,
    town_id           uuid        NOT NULL REFERENCES town (id),
    ticket_number     text        NOT NULL UNIQUE CHECK (ticket_number ~ '^[A-Z]{2,4}-[0-9]{8}-[0-9]{4}$'),
    resident_id       uuid        NOT NULL,
    service_type_id   uuid        NOT NULL,
    village_id        uuid        NOT NULL,
    address           text        NOT NULL CHECK (length(btrim(address)) BETWEEN 1 AND 200),
    channel           text        NOT NULL CHECK (channel IN ('HOTLINE_12345', 'TOWN_PHONE', 'VILLAGE_HELPER', 'WALK_IN')),
    caller_name       text        NOT NULL CHECK (length(btrim(caller_name)) BETWEEN 1 AND 50),
    caller_relation   text        NOT NULL CHECK (caller_relation IN ('SELF', 'SPOUSE', 'CHILD', 'RELATIVE', 'NEIGHBOUR', 'VILLAGE_HELPER', 'OTHER')),
    caller_phone_enc  bytea       NOT NULL,
    caller_phone_key  text        NOT NULL,
    caller_phone_masked text      NOT NULL CHECK (caller_phone_masked ~ '^[0-9-]{3,5}\*{4}[0-9]{4}$'),
    preferred_date    date        NOT NULL,
    preferred_period  text        NOT NULL CHECK (preferred_period IN ('MORNING', 'AFTERNOON', 'ANY')),
    notes             text        CHECK (length(notes) <= 500),
    status            text        NOT NULL CHECK (status IN ('REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE',
                                                    'COMPLETED', 'SUBMITTED', 'FAILED', 'CANCELLED')),
    due_at            timestamptz NOT NULL,
    -- True while the deadline was counted across a year whose holiday schedule is not loaded yet;
    -- such deadlines are counted again when an admin adds that year's days.
    due_at_provisional boolean    NOT NULL DEFAULT false,
    previous_visit_id uuid,
    closed_at         timestamptz,
    version           bigint      NOT NULL DEFAULT 0,
    created_at        timestamptz NOT NULL,
    created_by        uuid        NOT NULL,
    updated_at        timestamptz NOT NULL,
    UNIQUE (town_id, id),
    FOREIGN KEY (town_id, resident_id) REFERENCES resident (town_id, id),
    FOREIGN KEY (town_id, service_type_id) REFERENCES service_type (town_id, id),
    FOREIGN KEY (town_id, village_id) REFERENCES village (town_id, id),
    FOREIGN KEY (town_id, previous_visit_id) REFERENCES visit (town_id, id),
    CHECK (due_at > created_at)
);
-- One open work order per resident and service: a second booking while one is open is refused
-- by the database itself, whatever the code does.
CREATE UNIQUE INDEX visit_one_open_per_resident_and_service ON visit (resident_id, service_type_id)
    WHERE status IN ('REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE');
-- A failed visit is booked again at most once.
CREATE UNIQUE INDEX visit_rebooked_once ON visit (previous_visit_id) WHERE previous_visit_id IS NOT NULL;
CREATE INDEX visit_town_date ON visit (town_id, preferred_date);
CREATE INDEX visit_town_status ON visit (town_id, status);
CREATE INDEX visit_town_due_open ON visit (town_id, due_at)
    WHERE status IN ('REQUESTED', 'SCHEDULED', 'EN_ROUTE', 'ON_SITE');
CREATE INDEX visit_resident ON visit (resident_id);

-- Every transition of a visit: who, from which tablet, the server's time, the device's own
-- time, and where the tablet says it was.
CREATE TABLE visit_event (
    id              bigserial   PRIMARY KEY,
    visit_id        uuid        NOT NULL REFERENCES visit (id),
    type            text        NOT NULL CHECK (type ~ '^[A-Z_]{3,32}$'),
    from_status     text,
    to_status       text        NOT NULL,
    actor_id        uuid        NOT NULL,
    device_id       uuid,
    recorded_at     timestamptz NOT NULL,
    occurred_at     timestamptz,
    latitude        numeric(9,6) CHECK (latitude BETWEEN -90 AND 90),
    longitude       numeric(9,6) CHECK (longitude BETWEEN -180 AND 180),
    accuracy_meters numeric(8,1) CHECK (accuracy_meters >= 0),
    reason          text        CHECK (length(reason) <= 500)
);
CREATE INDEX visit_event_visit ON visit_event (visit_id, id);

-- Writes that a flaky tablet or a double click may repeat carry an Idempotency-Key; the first
-- answer is kept and replayed for the same key and body.
CREATE TABLE idempotency_key (
    staff_id     uuid        NOT NULL,
    key          text        NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
    operation    text        NOT NULL,
    request_hash bytea       NOT NULL,
    status       integer     NOT NULL,
    response     text        NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (staff_id, key)
);
CREATE INDEX idempotency_key_created ON idempotency_key (created_at);
