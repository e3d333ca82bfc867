-- Plans can be archived (retired): no longer suggested nor activatable, still readable with their versions, since
-- activations of past incidents keep pointing at them. Restoring clears the two columns.
alter table plan add column archived_at timestamptz;
alter table plan add column archived_by text;

-- A handover (duty_log kind HANDOVER) keeps what the outgoing officer handed over, as the server saw it at that
-- moment: open incidents, unacknowledged alarms, open tasks past their deadline (Duty.HandoverSnapshot).
alter table duty_log add column snapshot jsonb;
