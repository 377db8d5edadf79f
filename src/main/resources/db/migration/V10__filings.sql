-- Online filing of completed visits to the upstream government system, through an outbox.
-- A visit that becomes COMPLETED gets its filing row in the same transaction (a trigger, so that
-- no way of completing a visit can forget it). A worker sends it and retries with backoff; the
-- filing id is sent upstream as the idempotency key, so a resend after a crash is harmless.
CREATE TABLE filing (
    id              uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    town_id         uuid        NOT NULL REFERENCES town (id),
    visit_id        uuid        NOT NULL UNIQUE REFERENCES visit (id),
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'FAILED')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    claimed_until   timestamptz,
    last_error      text CHECK (length(last_error) <= 500),
    receipt         text CHECK (length(receipt) BETWEEN 1 AND 100),
    created_at      timestamptz NOT NULL,
    sent_at         timestamptz,
    updated_at      timestamptz NOT NULL,
    version         bigint      NOT NULL DEFAULT 0,
    CHECK ((status = 'SENT') = (receipt IS NOT NULL AND sent_at IS NOT NULL)),
    CHECK ((status = 'SENDING') = (claimed_until IS NOT NULL))
);
CREATE INDEX filing_due ON filing (next_attempt_at) WHERE status IN ('PENDING', 'SENDING');
CREATE INDEX filing_town_status ON filing (town_id, status, created_at);

CREATE FUNCTION filing_on_completion() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO filing (town_id, visit_id, next_attempt_at, created_at, updated_at)
        VALUES (NEW.town_id, NEW.id, NEW.updated_at, NEW.updated_at, NEW.updated_at)
        ON CONFLICT (visit_id) DO NOTHING;
    RETURN NULL;
END
$$;
CREATE TRIGGER filing_on_completion AFTER UPDATE OF status ON visit
    FOR EACH ROW WHEN (NEW.status = 'COMPLETED' AND OLD.status IS DISTINCT FROM 'COMPLETED')
    EXECUTE FUNCTION filing_on_completion();

-- The SUBMIT a filing records is the service itself, not a person: no actor.
ALTER TABLE visit_event ALTER COLUMN actor_id DROP NOT NULL;
