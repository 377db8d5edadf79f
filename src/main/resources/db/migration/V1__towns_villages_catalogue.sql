-- Doorstep, first migration: the administrative places, the service catalogue, and the
-- shape of teams and staff (their behaviour comes with the identity and dispatch features).
-- Every table that belongs to a town carries town_id; composite foreign keys make the
-- database refuse a link between two different towns' rows.

CREATE TABLE town (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    code           text        NOT NULL UNIQUE CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    ticket_prefix  text        NOT NULL UNIQUE CHECK (ticket_prefix ~ '^[A-Z]{2,4}$'),
    name           text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    time_zone      text        NOT NULL DEFAULT 'Asia/Shanghai',
    created_at     timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE village (
    id         uuid         PRIMARY KEY DEFAULT gen_random_uuid(),
    town_id    uuid         NOT NULL REFERENCES town (id),
    code       text         NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,31}$'),
    name       text         NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    latitude   numeric(9,6) NOT NULL CHECK (latitude BETWEEN -90 AND 90),
    longitude  numeric(9,6) NOT NULL CHECK (longitude BETWEEN -180 AND 180),
    created_at timestamptz  NOT NULL DEFAULT now(),
    UNIQUE (town_id, code),
    UNIQUE (town_id, name),
    UNIQUE (town_id, id)
);

CREATE TABLE service_type (
    id               uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    town_id          uuid        NOT NULL REFERENCES town (id),
    code             text        NOT NULL CHECK (code ~ '^[A-Z][A-Z0-9_]{1,63}$'),
    name             text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    biometric        boolean     NOT NULL,
    duration_minutes integer     NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
    deadline_days    integer     NOT NULL CHECK (deadline_days BETWEEN 1 AND 365),
    active           boolean     NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL DEFAULT now(),
    UNIQUE (town_id, code),
    UNIQUE (town_id, id)
);

-- The kinds of file a field tablet can capture. Kept as a check, not a lookup table: a new
-- kind needs code (size limits, allowed content types) anyway.
CREATE TABLE service_type_capture (
    service_type_id uuid    NOT NULL REFERENCES service_type (id) ON DELETE CASCADE,
    kind            text    NOT NULL CHECK (kind IN (
                        'FACE_PHOTO', 'PORTRAIT_PHOTO', 'ID_CARD_FRONT', 'ID_CARD_BACK', 'APPLICATION_FORM',
                        'SIGNATURE', 'MEDICAL_REPORT', 'HOUSEHOLD_REGISTER', 'BANK_CARD')),
    position        integer NOT NULL CHECK (position >= 0),
    PRIMARY KEY (service_type_id, kind),
    UNIQUE (service_type_id, position)
);

-- A biometric service must require a face image, and only a biometric one may.
CREATE FUNCTION service_type_capture_face_check() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    st record;
BEGIN
    FOR st IN
        SELECT s.id, s.code, s.biometric,
               EXISTS (SELECT 1 FROM service_type_capture c
                        WHERE c.service_type_id = s.id AND c.kind = 'FACE_PHOTO') AS has_face
          FROM service_type s
         WHERE s.id = COALESCE(NEW.service_type_id, OLD.service_type_id)
    LOOP
        IF st.biometric <> st.has_face THEN
            RAISE EXCEPTION 'service type % is biometric=% but FACE_PHOTO required=%',
                st.code, st.biometric, st.has_face
                USING ERRCODE = 'check_violation';
        END IF;
    END LOOP;
    RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER service_type_capture_face
    AFTER INSERT OR UPDATE OR DELETE ON service_type_capture
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION service_type_capture_face_check();

-- Field teams (上门办小分队) and the villages each covers. Working hours, capacity and
-- assignments come with the dispatch feature.
CREATE TABLE team (
    id         uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    town_id    uuid        NOT NULL REFERENCES town (id),
    name       text        NOT NULL CHECK (length(btrim(name)) BETWEEN 1 AND 100),
    active     boolean     NOT NULL DEFAULT true,
    created_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (town_id, name),
    UNIQUE (town_id, id)
);

CREATE TABLE team_village (
    town_id    uuid NOT NULL,
    team_id    uuid NOT NULL,
    village_id uuid NOT NULL,
    PRIMARY KEY (team_id, village_id),
    FOREIGN KEY (town_id, team_id) REFERENCES team (town_id, id) ON DELETE CASCADE,
    FOREIGN KEY (town_id, village_id) REFERENCES village (town_id, id)
);

-- Staff accounts. Credentials come with the identity feature.
CREATE TABLE staff (
    id           uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    town_id      uuid        NOT NULL REFERENCES town (id),
    username     text        NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
    display_name text        NOT NULL CHECK (length(btrim(display_name)) BETWEEN 1 AND 100),
    phone        text        CHECK (phone ~ '^[0-9+-]{5,20}$'),
    roles        text[]      NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
                     'operator', 'dispatcher', 'field_agent', 'supervisor', 'admin']::text[]),
    team_id      uuid,
    active       boolean     NOT NULL DEFAULT true,
    created_at   timestamptz NOT NULL DEFAULT now(),
    UNIQUE (username),
    UNIQUE (town_id, id),
    FOREIGN KEY (town_id, team_id) REFERENCES team (town_id, id),
    CHECK (team_id IS NULL OR 'field_agent' = ANY (roles))
);
