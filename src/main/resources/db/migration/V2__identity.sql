-- Identity: credentials, sign-in throttling, tablets, refresh-token families, token
-- revocations (read into memory by every instance), and the first audit entries.

ALTER TABLE staff
    ADD COLUMN password_hash text,
    ADD COLUMN version       bigint      NOT NULL DEFAULT 0,
    ADD COLUMN updated_at    timestamptz NOT NULL DEFAULT now();

CREATE UNIQUE INDEX staff_username_lower ON staff (lower(username));

-- Failed sign-ins per typed username, whether or not such an account exists, so that the
-- answer never tells the two apart. Kept in the database: a lock survives a restart.
CREATE TABLE login_throttle (
    username_key    text        PRIMARY KEY,
    failed_count    integer     NOT NULL CHECK (failed_count >= 0),
    locked_until    timestamptz,
    last_failure_at timestamptz NOT NULL
);

CREATE TABLE device (
    id                    uuid        PRIMARY KEY,
    town_id               uuid        NOT NULL REFERENCES town (id),
    label                 text        NOT NULL CHECK (length(btrim(label)) BETWEEN 1 AND 100),
    serial_number         text        CHECK (length(serial_number) BETWEEN 1 AND 100),
    status                text        NOT NULL CHECK (status IN ('PENDING', 'ACTIVE', 'REVOKED')),
    enrollment_code_hash  bytea       UNIQUE,
    enrollment_expires_at timestamptz,
    secret_hash           bytea,
    model                 text        CHECK (length(model) <= 100),
    os_version            text        CHECK (length(os_version) <= 50),
    app_version           text        CHECK (length(app_version) <= 50),
    last_seen_at          timestamptz,
    last_staff_id         uuid        REFERENCES staff (id),
    enrolled_at           timestamptz,
    revoked_at            timestamptz,
    created_at            timestamptz NOT NULL,
    version               bigint      NOT NULL DEFAULT 0,
    UNIQUE (town_id, id),
    CHECK (status <> 'ACTIVE' OR (secret_hash IS NOT NULL AND enrolled_at IS NOT NULL)),
    CHECK (status <> 'REVOKED' OR revoked_at IS NOT NULL),
    CHECK (status = 'PENDING' OR enrollment_code_hash IS NULL)
);
CREATE UNIQUE INDEX device_serial_number ON device (town_id, serial_number)
    WHERE serial_number IS NOT NULL AND status <> 'REVOKED';

-- A sign-in starts a family; every refresh spends one token and adds its successor.
CREATE TABLE refresh_family (
    id            uuid        PRIMARY KEY,
    staff_id      uuid        NOT NULL REFERENCES staff (id),
    device_id     uuid        REFERENCES device (id),
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz,
    revoke_reason text,
    CHECK (expires_at > created_at),
    CHECK ((revoked_at IS NULL) = (revoke_reason IS NULL))
);
CREATE INDEX refresh_family_staff ON refresh_family (staff_id) WHERE revoked_at IS NULL;
CREATE INDEX refresh_family_device ON refresh_family (device_id) WHERE revoked_at IS NULL;

CREATE TABLE refresh_token (
    id                uuid        PRIMARY KEY,
    family_id         uuid        NOT NULL REFERENCES refresh_family (id) ON DELETE CASCADE,
    token_hash        bytea       NOT NULL UNIQUE,
    issued_at         timestamptz NOT NULL,
    expires_at        timestamptz NOT NULL,
    spent_at          timestamptz,
    successor_id      uuid        REFERENCES refresh_token (id),
    access_jti        uuid        NOT NULL UNIQUE,
    access_issued_at  timestamptz NOT NULL,
    access_expires_at timestamptz NOT NULL,
    CHECK (expires_at > issued_at),
    CHECK (successor_id IS NULL OR spent_at IS NOT NULL)
);
CREATE INDEX refresh_token_family ON refresh_token (family_id);

-- Access tokens issued before revoked_at to this subject no longer pass. Only the last access-token
-- lifetime matters (older tokens have expired), so every instance keeps that window in memory.
CREATE TABLE token_revocation (
    id         bigserial   PRIMARY KEY,
    kind       text        NOT NULL CHECK (kind IN ('DEVICE', 'STAFF', 'SESSION')),
    subject    uuid        NOT NULL,
    revoked_at timestamptz NOT NULL,
    reason     text        NOT NULL
);
CREATE INDEX token_revocation_time ON token_revocation (revoked_at);

CREATE FUNCTION token_revocation_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('doorstep_token_revocation', NEW.id::text);
    RETURN NEW;
END $$;

CREATE TRIGGER token_revocation_notify AFTER INSERT ON token_revocation
    FOR EACH ROW EXECUTE FUNCTION token_revocation_notify();

-- The audit trail. Identity writes the first entries; the supervision feature adds the
-- tamper-evident chain and the read API.
CREATE TABLE audit_entry (
    id             bigserial   PRIMARY KEY,
    occurred_at    timestamptz NOT NULL,
    town_id        uuid        REFERENCES town (id),
    actor_id       uuid,
    actor_username text,
    device_id      uuid,
    action         text        NOT NULL CHECK (action ~ '^[A-Z][A-Z0-9_]{2,63}$'),
    target_type    text,
    target_id      text,
    details        jsonb       NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_entry_town_time ON audit_entry (town_id, occurred_at);
CREATE INDEX audit_entry_target ON audit_entry (target_type, target_id);
CREATE INDEX audit_entry_actor ON audit_entry (actor_id, occurred_at);
