-- Owner: booking. Whether the tablet had a position when it reported an event: a fix, refused, or none in time.
-- A refused location is recorded as such rather than looking like a tablet that never said.
ALTER TABLE visit_event ADD COLUMN location_status text
    CHECK (location_status IN ('FIXED', 'DENIED', 'UNAVAILABLE'));
