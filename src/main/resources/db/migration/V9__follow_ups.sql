-- Supervision: the follow-up calls (回访) after a visit, and what the daily summary (一日一汇总)
-- needs to count a day of a town quickly.

-- Every call an operator makes to a resident after the visit closed: reached or not, and when
-- reached the resident's satisfaction (1 to 10) and whether the matter is resolved. Calls that
-- reach nobody may be tried again and again; one that reached the resident is the follow-up.
CREATE TABLE follow_up (
    id           uuid        PRIMARY KEY,
    town_id      uuid        NOT NULL REFERENCES town (id),
    visit_id     uuid        NOT NULL,
    reached      boolean     NOT NULL,
    satisfaction integer     CHECK (satisfaction BETWEEN 1 AND 10),
    resolved     boolean,
    comment      text        CHECK (length(comment) <= 500),
    called_by    uuid        NOT NULL,
    called_at    timestamptz NOT NULL,
    FOREIGN KEY (town_id, visit_id) REFERENCES visit (town_id, id),
    FOREIGN KEY (town_id, called_by) REFERENCES staff (town_id, id),
    -- A resident who was reached rates the visit and says whether it is resolved; one who was not
    -- reached said nothing.
    CHECK (CASE WHEN reached THEN satisfaction IS NOT NULL AND resolved IS NOT NULL
                ELSE satisfaction IS NULL AND resolved IS NULL END)
);
-- One successful follow-up per visit, whatever the code does; unreached attempts are not limited.
-- With called_at beside it, the daily summary finds the visits still waiting for their call from
-- this index alone.
CREATE UNIQUE INDEX follow_up_reached_once ON follow_up (visit_id) INCLUDE (called_at) WHERE reached;
CREATE INDEX follow_up_visit ON follow_up (visit_id, called_at);
CREATE INDEX follow_up_town_called ON follow_up (town_id, called_at);

-- The daily summary counts the events recorded in one day (visit_event has no town: the day is
-- found first, then its visits are kept to the town), the visits booked in one day, and the
-- visits still open at a given time (closed_at IS NULL or later than that time).
CREATE INDEX visit_event_recorded ON visit_event (recorded_at) INCLUDE (visit_id, type);
CREATE INDEX visit_town_created ON visit (town_id, created_at);
CREATE INDEX visit_town_closed ON visit (town_id, closed_at);
