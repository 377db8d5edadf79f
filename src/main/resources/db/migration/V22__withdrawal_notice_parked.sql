-- A face-image withdrawal notice the upstream refuses outright (a 4xx other than 408/429) is parked: sent
-- again it would be refused again, for ever.
ALTER TABLE face_withdrawal_notice DROP CONSTRAINT face_withdrawal_notice_status_check;
ALTER TABLE face_withdrawal_notice ADD CONSTRAINT face_withdrawal_notice_status_check
    CHECK (status IN ('PENDING', 'SENT', 'PARKED'));
