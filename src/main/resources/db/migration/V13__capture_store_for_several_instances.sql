-- Captures with several instances and an object store.

-- Blobs to delete from the store, written in the same transaction that removes the rows referring to
-- them (an expired upload, a purge, a refused file), and drained by any instance with SKIP LOCKED: a
-- blob whose rows are gone is deleted even if the instance that removed them stops the next moment.
CREATE TABLE blob_deletion (
    blob_key   text        PRIMARY KEY CHECK (blob_key ~ '^[0-9a-f]{64}$'),
    due_at     timestamptz NOT NULL DEFAULT clock_timestamp(),
    attempts   integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error text        CHECK (length(last_error) <= 500)
);
CREATE INDEX blob_deletion_due ON blob_deletion (due_at);

-- Where a walk through the store stopped (the orphan sweep's last key), so that the next run goes on
-- from there and every blob is looked at in turn, however many there are.
CREATE TABLE janitor_cursor (
    name       text        PRIMARY KEY CHECK (name ~ '^[a-z-]{1,40}$'),
    position   text        NOT NULL CHECK (position = '' OR position ~ '^[0-9a-f]{64}$'),
    updated_at timestamptz NOT NULL
);

-- A PATCH being received, whichever instance receives it: until when (by the database's clock) it
-- holds the upload, and its token, so that a HEAD on another instance waits for it rather than send
-- the tablet back to bytes that are still arriving.
ALTER TABLE capture
    ADD COLUMN receiving_until timestamptz,
    ADD COLUMN receiving_token uuid,
    ADD CHECK ((receiving_until IS NULL) = (receiving_token IS NULL));
