-- People reached per village, counted by the dissemination run when it ends, so that coverage after a run does not
-- join every receipt to its recipient again (6 s for a million). Terminal acknowledgements stay live.
alter table warning_target_village add column reached int;
