-- Proposals of the day planner, and applying one in a single transaction.

-- Applying a plan may move several visits of a team at once (one into the slot another one leaves):
-- checked at the end of that transaction, the exclusion constraint sees only the final slots.
-- Everywhere else it stays immediate, so two dispatchers racing for one slot still get one 409.
ALTER TABLE visit DROP CONSTRAINT visit_team_slot_free;
ALTER TABLE visit
    ADD CONSTRAINT visit_team_slot_free EXCLUDE USING gist (team_id WITH =, tstzrange(slot_start, slot_end, '[)') WITH &&)
        WHERE (team_id IS NOT NULL AND status IN ('SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'COMPLETED', 'SUBMITTED'))
        DEFERRABLE INITIALLY IMMEDIATE;

CREATE TABLE dispatch_plan (
    id                 uuid        PRIMARY KEY,
    town_id            uuid        NOT NULL REFERENCES town (id),
    plan_date          date        NOT NULL,
    status             text        NOT NULL CHECK (status IN ('SOLVING', 'PROPOSED', 'APPLIED', 'FAILED')),
    replan_scheduled   boolean     NOT NULL,
    time_limit_seconds integer     NOT NULL CHECK (time_limit_seconds BETWEEN 1 AND 600),
    requested_by       uuid        NOT NULL,
    requested_at       timestamptz NOT NULL,
    solve_by           timestamptz NOT NULL,
    solved_at          timestamptz,
    applied_by         uuid,
    applied_at         timestamptz,
    -- what the proposal was made from: the version of every visit and team, to refuse a stale apply
    snapshot           jsonb       NOT NULL,
    proposal           jsonb,
    failure            text CHECK (length(failure) <= 500),
    version            bigint      NOT NULL DEFAULT 0,
    CHECK ((status = 'PROPOSED' OR status = 'APPLIED') = (proposal IS NOT NULL)),
    CHECK ((status = 'APPLIED') = (applied_at IS NOT NULL AND applied_by IS NOT NULL)),
    CHECK ((status = 'FAILED') = (failure IS NOT NULL))
);
CREATE INDEX dispatch_plan_town_date ON dispatch_plan (town_id, plan_date, requested_at);
CREATE INDEX dispatch_plan_solving ON dispatch_plan (solve_by) WHERE status = 'SOLVING';
