-- Day plans are jobs in the database, solved by whichever instance has a solver thread free: a plan
-- waits (SOLVING, no lease), an instance claims it with SKIP LOCKED and holds a lease it renews while it
-- solves; when the lease runs out (the instance stopped) another one claims it again, up to a few
-- attempts, then it fails with a reason. Every time here is the database's clock, not an instance's.
ALTER TABLE dispatch_plan
    ADD COLUMN lease_owner text CHECK (length(lease_owner) <= 200),
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN attempts    integer NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    ADD CHECK ((lease_owner IS NULL) = (lease_until IS NULL)),
    ADD CHECK (status = 'SOLVING' OR lease_owner IS NULL);

-- The lease replaces the deadline an instance kept for its own plans in memory.
DROP INDEX dispatch_plan_solving;
ALTER TABLE dispatch_plan DROP COLUMN solve_by;
CREATE INDEX dispatch_plan_waiting ON dispatch_plan (requested_at) WHERE status = 'SOLVING';
