-- Plans can be archived (retired): no longer suggested nor activatable, still readable with their versions, since
-- activations of past incidents keep pointing at them. Restoring clears the two columns.
alter table plan add column archived_at timestamptz;
alter table plan add column archived_by text;

