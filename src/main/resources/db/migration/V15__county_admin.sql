-- A county-level role for what every town shares (the national working calendar, which moves every
-- town's deadlines and dispatch): a town's admin no longer has it.
ALTER TABLE staff DROP CONSTRAINT staff_roles_check;
ALTER TABLE staff ADD CONSTRAINT staff_roles_check CHECK (cardinality(roles) > 0 AND roles <@ ARRAY[
    'operator', 'dispatcher', 'field_agent', 'supervisor', 'admin', 'county_admin']::text[]);
