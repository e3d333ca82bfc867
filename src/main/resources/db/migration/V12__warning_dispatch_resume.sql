-- A dissemination run interrupted by a stop or a crash is resumed at the next start: how often, when last, and
-- how many deliveries it did not repeat because they already had an outcome. A run is on record (PENDING) in the
-- publishing transaction, so a crash between the commit and the run's start is resumed too.
alter table warning_dispatch add column resumes int not null default 0;
alter table warning_dispatch add column resumed_at timestamptz;
alter table warning_dispatch add column skipped int not null default 0;
