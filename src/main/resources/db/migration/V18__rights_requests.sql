-- A resident's request to exercise a right over their personal data (PIPL Art. 15, 45-47), recorded by
-- the operator who took the call, with who made it and how their identity was checked. It is due a
-- number of working days after it came in, and is closed by a supervisor: done, or refused with the
-- legal reason the resident is told.
CREATE TABLE rights_request (
    id              uuid        PRIMARY KEY,
    town_id         uuid        NOT NULL REFERENCES town (id),
    resident_id     uuid        NOT NULL,
    kind            text        NOT NULL CHECK (kind IN ('ACCESS_COPY', 'CORRECTION', 'CONSENT_WITHDRAWAL', 'DELETION')),
    requested_by    text        NOT NULL CHECK (requested_by IN ('SELF', 'SPOUSE', 'CHILD', 'RELATIVE', 'NEIGHBOUR',
                                                                  'VILLAGE_HELPER', 'OTHER')),
    requester_name  text        CHECK (length(btrim(requester_name)) BETWEEN 1 AND 50),
    identity_check  text        NOT NULL CHECK (identity_check IN ('ID_NUMBER_AND_NAME', 'CALLBACK_TO_PHONE_ON_RECORD',
                                                                      'ID_CARD_IN_PERSON', 'WRITTEN_AUTHORISATION')),
    details         text        CHECK (length(details) <= 500),
    status          text        NOT NULL CHECK (status IN ('OPEN', 'DONE', 'REFUSED')),
    reason          text        CHECK (length(btrim(reason)) BETWEEN 1 AND 500),
    received_at     timestamptz NOT NULL,
    due_at          timestamptz NOT NULL,
    recorded_by     uuid        NOT NULL,
    closed_at       timestamptz,
    closed_by       uuid,
    version         bigint      NOT NULL DEFAULT 0,
    FOREIGN KEY (town_id, resident_id) REFERENCES resident (town_id, id),
    -- Someone acting for the resident is named; the resident speaks for themself.
    CHECK ((requested_by = 'SELF') = (requester_name IS NULL)),
    -- A refusal says why; an open request is not closed.
    CHECK (status <> 'REFUSED' OR reason IS NOT NULL),
    CHECK ((status = 'OPEN') = (closed_at IS NULL) AND (closed_at IS NULL) = (closed_by IS NULL))
);
CREATE INDEX rights_request_open ON rights_request (town_id, due_at) WHERE status = 'OPEN';
CREATE INDEX rights_request_resident ON rights_request (resident_id);
