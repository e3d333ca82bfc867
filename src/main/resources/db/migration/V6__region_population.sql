-- Resident population per region: villages hold an estimate (see docs/DATA.md, "Population per village"),
-- higher levels the sum of their children.
alter table region add column population integer check (population >= 0);
