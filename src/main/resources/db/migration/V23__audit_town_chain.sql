-- Owner: audit. A town's check of the audit chain reads the town's entries in chain order; without this
-- index a small town's check would scan the whole county's trail.
CREATE INDEX audit_entry_town_chain ON audit_entry (town_id, id);
