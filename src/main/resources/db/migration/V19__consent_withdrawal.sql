-- A resident withdraws consent to biometric capture (PIPL Art. 15): their consents stay, marked with
-- when and by whom they were withdrawn, and no longer count; a new consent may be given on a later
-- visit, or again on the same one.
ALTER TABLE consent ADD COLUMN withdrawn_at timestamptz, ADD COLUMN withdrawn_by uuid;
ALTER TABLE consent ADD CONSTRAINT consent_withdrawn_by CHECK ((withdrawn_at IS NULL) = (withdrawn_by IS NULL));
ALTER TABLE consent DROP CONSTRAINT consent_visit_id_purpose_key;
CREATE UNIQUE INDEX consent_in_force ON consent (visit_id, purpose) WHERE withdrawn_at IS NULL;

-- Why a capture's bytes were deleted: its retention ended, or the resident withdrew their consent.
ALTER TABLE capture ADD COLUMN purge_reason text CHECK (purge_reason IN ('RETENTION_ENDED', 'CONSENT_WITHDRAWN'));
UPDATE capture SET purge_reason = 'RETENTION_ENDED' WHERE status = 'PURGED';
ALTER TABLE capture ADD CONSTRAINT capture_purge_reason CHECK ((status = 'PURGED') = (purge_reason IS NOT NULL));

-- The upstream filing system is told that a face image it received with a filing was withdrawn: an
-- outbox row per filed visit, written in the withdrawal's transaction and sent once the filing is.
CREATE TABLE face_withdrawal_notice (
    id              uuid        PRIMARY KEY,
    town_id         uuid        NOT NULL REFERENCES town (id),
    filing_id       uuid        NOT NULL REFERENCES filing (id),
    withdrawn_at    timestamptz NOT NULL,
    status          text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENT')),
    attempts        integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at timestamptz NOT NULL,
    last_error      text        CHECK (length(last_error) <= 500),
    sent_at         timestamptz,
    CHECK ((status = 'SENT') = (sent_at IS NOT NULL))
);
CREATE INDEX face_withdrawal_notice_due ON face_withdrawal_notice (next_attempt_at) WHERE status = 'PENDING';
