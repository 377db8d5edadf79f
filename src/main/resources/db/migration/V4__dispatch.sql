-- Dispatch: teams' working hours and daily capacity, and the assignment of visits to a team and a
-- time slot. The assignment lives on the visit (its state moves with it); the database itself
-- refuses two overlapping slots for one team, whatever the code does.

CREATE EXTENSION IF NOT EXISTS btree_gist;

ALTER TABLE team
    ADD COLUMN max_visits_per_day integer     NOT NULL DEFAULT 8 CHECK (max_visits_per_day BETWEEN 1 AND 50),
    ADD COLUMN version            bigint      NOT NULL DEFAULT 0,
    ADD COLUMN updated_at         timestamptz NOT NULL DEFAULT now();

-- When a team works, per ISO weekday (1 = Monday), as one or more ranges (a morning and an
-- afternoon around the lunch break). A weekend make-up working day (调休) uses Monday's hours.
CREATE TABLE team_hours (
    team_id uuid    NOT NULL REFERENCES team (id) ON DELETE CASCADE,
    weekday integer NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    starts  time    NOT NULL,
    ends    time    NOT NULL CHECK (ends > starts),
    PRIMARY KEY (team_id, weekday, starts),
    EXCLUDE USING gist (team_id WITH =, weekday WITH =,
        int4range((extract(epoch FROM starts) / 60)::integer, (extract(epoch FROM ends) / 60)::integer) WITH &&)
);

ALTER TABLE visit
    ADD COLUMN team_id    uuid,
    ADD COLUMN slot_start timestamptz,
    ADD COLUMN slot_end   timestamptz,
    ADD CONSTRAINT visit_assignment_complete CHECK ((team_id IS NULL) = (slot_start IS NULL)
        AND (slot_start IS NULL) = (slot_end IS NULL)),
    ADD CONSTRAINT visit_slot_forward CHECK (slot_end > slot_start),
    ADD CONSTRAINT visit_team_of_town FOREIGN KEY (town_id, team_id) REFERENCES team (town_id, id),
    ADD CONSTRAINT visit_team_slot_free EXCLUDE USING gist (team_id WITH =, tstzrange(slot_start, slot_end, '[)') WITH &&)
        WHERE (team_id IS NOT NULL AND status IN ('SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'COMPLETED', 'SUBMITTED'));

CREATE INDEX visit_team_slot ON visit (team_id, slot_start) WHERE team_id IS NOT NULL;
