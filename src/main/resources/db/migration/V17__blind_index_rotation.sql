-- Rotating the key of the blind indexes (doorstep.pii.index-key). Each index now names the key that
-- made it: the key's id, 16 hex digits derived from the key itself (an HMAC of a fixed label, which
-- says nothing about the key), so that a configuration cannot mislabel it. Rows written before this
-- version carry none (NULL): they were made by the key configured then, and the first re-index
-- stamps them.
ALTER TABLE resident
    ADD COLUMN id_number_index_key text CHECK (id_number_index_key ~ '^[0-9a-f]{16}$'),
    ADD COLUMN phone_index_key     text CHECK (phone_index_key ~ '^[0-9a-f]{16}$'),
    ADD CONSTRAINT resident_phone_index_key_with_index CHECK (phone_index IS NOT NULL OR phone_index_key IS NULL);

-- A re-index moves every resident's indexes to the key named here, batch by batch in the order of
-- the residents' ids; after_id is how far the current pass has come, so a run stopped anywhere (an
-- instance stopped, a pause) goes on from there. One instance at a time works on it: the one holding
-- the lease, taken and renewed against the database's clock.
CREATE TABLE blind_index_reindex (
    index_key   text        PRIMARY KEY CHECK (index_key ~ '^[0-9a-f]{16}$'),
    state       text        NOT NULL CHECK (state IN ('RUNNING', 'PAUSED', 'DONE', 'FAILED')),
    after_id    uuid,
    rows_done   bigint      NOT NULL DEFAULT 0 CHECK (rows_done >= 0),
    batches     integer     NOT NULL DEFAULT 0 CHECK (batches >= 0),
    started_at  timestamptz NOT NULL,
    started_by  uuid        NOT NULL,
    finished_at timestamptz,
    -- Why it stopped, without personal data (resident ids at most).
    failure     text        CHECK (length(failure) <= 500),
    lease_owner text,
    lease_until timestamptz,
    updated_at  timestamptz NOT NULL,
    CHECK ((state = 'FAILED') = (failure IS NOT NULL)),
    CHECK ((state = 'DONE') = (finished_at IS NOT NULL)),
    CHECK ((lease_owner IS NULL) = (lease_until IS NULL))
);

-- The teams holding a resident's open visits hear of a change to what they see; a re-index changes
-- nothing they see, so it no longer counts as a change.
DROP TRIGGER resident_change_log ON resident;
CREATE TRIGGER resident_change_log AFTER UPDATE ON resident
    FOR EACH ROW WHEN ((to_jsonb(OLD) - ARRAY['id_number_index', 'id_number_index_key', 'phone_index', 'phone_index_key'])
                       IS DISTINCT FROM
                       (to_jsonb(NEW) - ARRAY['id_number_index', 'id_number_index_key', 'phone_index', 'phone_index_key']))
    EXECUTE FUNCTION resident_change_log();
