-- What the day planner has found so far while it solves, for the dispatcher watching it: when a solver
-- thread took the plan up, how many visits there are to place, and for the best solution so far the
-- number of visits placed and its score, as it improves.
ALTER TABLE dispatch_plan
    ADD COLUMN started_at  timestamptz,
    ADD COLUMN to_place    integer CHECK (to_place >= 0),
    ADD COLUMN best_placed integer CHECK (best_placed >= 0),
    ADD COLUMN best_score  text    CHECK (length(best_score) <= 100),
    ADD COLUMN best_at     timestamptz;
