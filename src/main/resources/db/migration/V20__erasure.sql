-- Erasing a resident (PIPL Art. 47): their numbers' ciphertexts and blind indexes go, name and address
-- say 已删除 (erased), and the rows stay so that every count of visits by village, service, team, day and
-- outcome stays what it was. The same on their visits for the caller's name and number, the address
-- and the notes.
ALTER TABLE resident ALTER COLUMN id_number_enc DROP NOT NULL, ALTER COLUMN id_number_key DROP NOT NULL,
    ALTER COLUMN id_number_index DROP NOT NULL, ALTER COLUMN id_number_masked DROP NOT NULL,
    ADD COLUMN erased_at timestamptz;
ALTER TABLE resident ADD CONSTRAINT resident_identified_unless_erased CHECK (erased_at IS NOT NULL
    OR (id_number_enc IS NOT NULL AND id_number_key IS NOT NULL AND id_number_index IS NOT NULL
        AND id_number_masked IS NOT NULL));

ALTER TABLE visit ALTER COLUMN caller_phone_enc DROP NOT NULL, ALTER COLUMN caller_phone_key DROP NOT NULL,
    ALTER COLUMN caller_phone_masked DROP NOT NULL, ADD COLUMN erased_at timestamptz;
ALTER TABLE visit ADD CONSTRAINT visit_caller_unless_erased CHECK (erased_at IS NOT NULL
    OR (caller_phone_enc IS NOT NULL AND caller_phone_key IS NOT NULL AND caller_phone_masked IS NOT NULL));

-- Every capture of an erased resident is deleted from the store, not only face images.
ALTER TABLE capture DROP CONSTRAINT capture_purge_reason_check;
ALTER TABLE capture ADD CONSTRAINT capture_purge_reason_check
    CHECK (purge_reason IN ('RETENTION_ENDED', 'CONSENT_WITHDRAWN', 'ERASED'));
