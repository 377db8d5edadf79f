-- The audit trail becomes tamper-evident and append-only.
--
-- Every entry carries the SHA-256 of the entry before it (prev_hash) and its own hash over prev_hash
-- and its fields, so changing, removing or inserting an entry anywhere breaks the chain from there
-- on; GET /api/v1/audit/verify recomputes it in Java. The encoding hashed (audit_chain_hash) is:
--
--   'doorstep-audit-v1' (UTF-8) | prev_hash (32 bytes) | id (int8, big-endian)
--   | occurred_at (int8 microseconds since 1970-01-01T00:00Z, big-endian)
--   | town_id | actor_id | actor_username | device_id | action | target_type | target_id
--   | details::text
--
-- where a uuid is 0x00 when null or 0x01 and its 16 bytes, and a text is 0x00 when null or 0x01,
-- its UTF-8 length (int4, big-endian) and its UTF-8 bytes. jsonb's text output is deterministic,
-- so details are hashed as stored. The first entry's prev_hash is 32 zero bytes.
--
-- Appending: one row, audit_head, holds the hash of the last entry. The BEFORE INSERT trigger locks
-- it (FOR UPDATE), takes the entry's id from the sequence only then, chains the entry and moves the
-- head. The lock is held until the inserting transaction ends, so appenders queue, the chain order
-- is the order in which they commit, and ids grow along the chain (a rolled-back entry leaves a gap
-- in the ids, never in the chain). Under REPEATABLE READ a concurrent append makes the lock fail
-- with a serialization error instead of forking; a unique index on prev_hash refuses any fork.
--
-- Refusing changes: triggers refuse UPDATE, DELETE (per row) and TRUNCATE (per statement), for
-- every role including the owner and superusers, as long as they are enabled; a role that may
-- disable them is what the chain is for.

-- No concurrent appender (an instance still running the previous version) while the chain is built.
LOCK TABLE audit_entry IN EXCLUSIVE MODE;

CREATE FUNCTION audit_chain_uuid(value uuid) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '\x00'::bytea ELSE '\x01'::bytea || uuid_send(value) END
$$;

CREATE FUNCTION audit_chain_text(value text) RETURNS bytea
    LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value IS NULL THEN '\x00'::bytea
        ELSE '\x01'::bytea || int4send(octet_length(convert_to(value, 'UTF8'))) || convert_to(value, 'UTF8') END
$$;

CREATE FUNCTION audit_chain_hash(prev bytea, e audit_entry) RETURNS bytea
    LANGUAGE sql IMMUTABLE SET search_path FROM CURRENT AS $$
    SELECT sha256(convert_to('doorstep-audit-v1', 'UTF8')
        || prev
        || int8send(e.id)
        || int8send((extract(epoch FROM e.occurred_at) * 1000000)::bigint)
        || audit_chain_uuid(e.town_id)
        || audit_chain_uuid(e.actor_id)
        || audit_chain_text(e.actor_username)
        || audit_chain_uuid(e.device_id)
        || audit_chain_text(e.action)
        || audit_chain_text(e.target_type)
        || audit_chain_text(e.target_id)
        || audit_chain_text(e.details::text))
$$;

ALTER TABLE audit_entry ADD COLUMN prev_hash bytea, ADD COLUMN hash bytea;

-- The entries written so far, chained in id order.
DO $$
DECLARE
    prev bytea := '\x0000000000000000000000000000000000000000000000000000000000000000';
    e audit_entry;
BEGIN
    FOR e IN SELECT * FROM audit_entry ORDER BY id LOOP
        e.prev_hash := prev;
        prev := audit_chain_hash(prev, e);
        UPDATE audit_entry SET prev_hash = e.prev_hash, hash = prev WHERE id = e.id;
    END LOOP;
END
$$;

ALTER TABLE audit_entry
    ALTER COLUMN prev_hash SET NOT NULL,
    ALTER COLUMN hash SET NOT NULL,
    ADD CONSTRAINT audit_entry_prev_hash_size CHECK (octet_length(prev_hash) = 32),
    ADD CONSTRAINT audit_entry_hash_size CHECK (octet_length(hash) = 32),
    ADD CONSTRAINT audit_entry_one_successor UNIQUE (prev_hash);

CREATE TABLE audit_head (
    only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    hash     bytea   NOT NULL CHECK (octet_length(hash) = 32)
);
INSERT INTO audit_head (hash)
SELECT coalesce((SELECT hash FROM audit_entry ORDER BY id DESC LIMIT 1),
                '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea);

-- The id is taken under the head's lock, so that id order is chain order.
ALTER TABLE audit_entry ALTER COLUMN id DROP DEFAULT;

-- Runs as the owner (with the search path pinned), so a service role that may only INSERT into
-- audit_entry needs no right on audit_head or the sequence.
CREATE FUNCTION audit_entry_chain() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
DECLARE
    head bytea;
BEGIN
    SELECT h.hash INTO head FROM audit_head h FOR UPDATE;
    IF head IS NULL THEN
        RAISE EXCEPTION 'audit_head is missing: the audit chain cannot be continued'
            USING ERRCODE = 'object_not_in_prerequisite_state';
    END IF;
    NEW.id := nextval('audit_entry_id_seq');
    NEW.prev_hash := head;
    NEW.hash := audit_chain_hash(head, NEW);
    UPDATE audit_head SET hash = NEW.hash;
    RETURN NEW;
END
$$;

CREATE TRIGGER audit_entry_chain BEFORE INSERT ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_chain();

CREATE FUNCTION audit_entry_refuse_change() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER audit_entry_append_only BEFORE UPDATE OR DELETE ON audit_entry
    FOR EACH ROW EXECUTE FUNCTION audit_entry_refuse_change();
CREATE TRIGGER audit_entry_no_truncate BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_entry_refuse_change();
