-- How long a town keeps the records of a resident's visits after the last one closed before their personal
-- data may be erased (its archive rules); NULL: the county's default (doorstep.rights.record-retention-days).
ALTER TABLE town ADD COLUMN record_retention_days integer CHECK (record_retention_days BETWEEN 0 AND 36500);
