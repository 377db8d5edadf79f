-- The tablets of a team also learn when one of them finishes a capture, a capture is purged, or
-- a consent is recorded: the visit they show changed (what is captured, the consent state).
CREATE FUNCTION visit_change_of_related() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO visit_change (team_id, visit_id)
        SELECT v.team_id, v.id FROM visit v WHERE v.id = NEW.visit_id AND v.team_id IS NOT NULL;
    RETURN NULL;
END
$$;
CREATE TRIGGER capture_change_log AFTER INSERT OR UPDATE OF status ON capture
    FOR EACH ROW WHEN (NEW.status <> 'UPLOADING') EXECUTE FUNCTION visit_change_of_related();
CREATE TRIGGER consent_change_log AFTER INSERT ON consent
    FOR EACH ROW EXECUTE FUNCTION visit_change_of_related();
