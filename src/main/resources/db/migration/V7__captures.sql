-- Consent and captures: the resident's recorded agreement per purpose, and the files a field
-- tablet uploads with the tus protocol (one row per upload; it becomes the visit's capture when
-- its last byte has arrived and checked out).

-- A resident's (or guardian's) agreement, recorded once per visit and purpose.
CREATE TABLE consent (
    id                   uuid        PRIMARY KEY,
    town_id              uuid        NOT NULL REFERENCES town (id),
    visit_id             uuid        NOT NULL,
    purpose              text        NOT NULL CHECK (purpose IN ('BIOMETRIC_CAPTURE')),
    granted_by           text        NOT NULL CHECK (granted_by IN ('RESIDENT', 'GUARDIAN')),
    guardian_name        text        CHECK (length(btrim(guardian_name)) BETWEEN 1 AND 50),
    relation             text        CHECK (relation IN ('SPOUSE', 'CHILD', 'PARENT', 'SIBLING', 'RELATIVE',
                                                          'LEGAL_GUARDIAN', 'OTHER')),
    signature_capture_id uuid,
    recorded_by          uuid        NOT NULL,
    device_id            uuid,
    recorded_at          timestamptz NOT NULL,
    UNIQUE (visit_id, purpose),
    FOREIGN KEY (town_id, visit_id) REFERENCES visit (town_id, id),
    -- A guardian is named with the relation; a resident speaks for themself.
    CHECK ((granted_by = 'GUARDIAN') = (guardian_name IS NOT NULL)
           AND (guardian_name IS NULL) = (relation IS NULL))
);

-- One tus upload, and the capture it becomes. UPLOADING: bytes are arriving (upload_offset of
-- size), it expires at expires_at unless continued. COMPLETE: every byte is there, its SHA-256
-- matched and its real type is known; only now is it a capture of the visit. PURGED: a biometric
-- capture whose retention ended; its bytes are deleted, the metadata stays.
CREATE TABLE capture (
    id            uuid        PRIMARY KEY,
    town_id       uuid        NOT NULL REFERENCES town (id),
    visit_id      uuid        NOT NULL,
    kind          text        NOT NULL CHECK (kind IN (
                      'FACE_PHOTO', 'PORTRAIT_PHOTO', 'ID_CARD_FRONT', 'ID_CARD_BACK', 'APPLICATION_FORM',
                      'SIGNATURE', 'MEDICAL_REPORT', 'HOUSEHOLD_REGISTER', 'BANK_CARD')),
    biometric     boolean     NOT NULL,
    status        text        NOT NULL CHECK (status IN ('UPLOADING', 'COMPLETE', 'PURGED')),
    -- What the tablet called the file: metadata only, never part of a path.
    file_name     text        NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
    sha256        text        NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    size          bigint      NOT NULL CHECK (size > 0),
    upload_offset bigint      NOT NULL DEFAULT 0 CHECK (upload_offset BETWEEN 0 AND size),
    -- Known from the bytes once the upload is complete, whatever the tablet said.
    content_type  text        CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    captured_at   timestamptz NOT NULL,
    -- The upload data key (a Tink streaming AEAD keyset) wrapped by the master key key_id.
    key_id        text        NOT NULL CHECK (key_id ~ '^[a-z0-9-]{1,64}$'),
    wrapped_key   bytea       NOT NULL,
    created_by    uuid        NOT NULL,
    device_id     uuid,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz,
    completed_at  timestamptz,
    purged_at     timestamptz,
    FOREIGN KEY (town_id, visit_id) REFERENCES visit (town_id, id),
    CHECK ((status = 'UPLOADING') = (expires_at IS NOT NULL)),
    CHECK ((status = 'UPLOADING') = (completed_at IS NULL)),
    CHECK ((status = 'PURGED') = (purged_at IS NOT NULL)),
    CHECK (status = 'UPLOADING' OR (upload_offset = size AND content_type IS NOT NULL))
);
CREATE INDEX capture_visit ON capture (visit_id, captured_at);
CREATE INDEX capture_expiring ON capture (expires_at) WHERE status = 'UPLOADING';
CREATE INDEX capture_biometric_kept ON capture (visit_id) WHERE biometric AND status = 'COMPLETE';

-- The bytes of an upload, one part per PATCH that brought some, in the blob store under the
-- SHA-256 of the stored (encrypted) bytes. A part row is written only after its blob is on
-- disk, and a blob is deleted only after its row is gone: no row points to a missing blob, and
-- a blob without a row (a crash between the two) is swept.
CREATE TABLE capture_part (
    capture_id   uuid   NOT NULL REFERENCES capture (id) ON DELETE CASCADE,
    start_offset bigint NOT NULL CHECK (start_offset >= 0),
    length       bigint NOT NULL CHECK (length > 0),
    blob_key     text   NOT NULL UNIQUE CHECK (blob_key ~ '^[0-9a-f]{64}$'),
    PRIMARY KEY (capture_id, start_offset)
);
