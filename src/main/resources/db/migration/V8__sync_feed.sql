-- What changed for each team, for the tablets to sync from. Written by triggers, so that every
-- way a visit changes (booking, dispatch, the planner, the field, supervision) is in it.
--
-- A row carries the id of the transaction that wrote it. A reader takes the oldest transaction
-- still running when it reads (the xmin of its snapshot) as its watermark and returns only rows
-- of transactions below it: those have all ended, so no row can commit later below the
-- watermark, and nothing committed concurrently with the read is ever skipped. The cursor is
-- the watermark; rows at or above it come with the next read.
CREATE TABLE visit_change (
    id         bigserial   PRIMARY KEY,
    team_id    uuid        NOT NULL,
    visit_id   uuid        NOT NULL,
    tx         xid8        NOT NULL DEFAULT pg_current_xact_id(),
    changed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX visit_change_team_tx ON visit_change (team_id, tx);
CREATE INDEX visit_change_changed_at ON visit_change (changed_at);

-- A visit given to a team, changed while with it, or taken from it (the old team is told too).
CREATE FUNCTION visit_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.team_id IS NOT NULL AND OLD.team_id IS DISTINCT FROM NEW.team_id THEN
        INSERT INTO visit_change (team_id, visit_id) VALUES (OLD.team_id, OLD.id);
    END IF;
    IF NEW.team_id IS NOT NULL THEN
        INSERT INTO visit_change (team_id, visit_id) VALUES (NEW.team_id, NEW.id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER visit_change_log AFTER INSERT OR UPDATE ON visit
    FOR EACH ROW EXECUTE FUNCTION visit_change_log();

-- A resident whose name, address or phone changed: the teams holding their open visits.
CREATE FUNCTION resident_change_log() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visit_change (team_id, visit_id)
        SELECT v.team_id, v.id FROM visit v
        WHERE v.resident_id = NEW.id AND v.team_id IS NOT NULL
          AND v.status IN ('SCHEDULED', 'EN_ROUTE', 'ON_SITE', 'COMPLETED');
    RETURN NULL;
END
$$;
CREATE TRIGGER resident_change_log AFTER UPDATE ON resident
    FOR EACH ROW WHEN (OLD IS DISTINCT FROM NEW) EXECUTE FUNCTION resident_change_log();
