-- A sensor may have several rules of one type (rain in 1 h and in 24 h): an open alarm is per rule.
alter table mon_alarm add column rule_id bigint;
drop index mon_alarm_open_idx;
create unique index mon_alarm_open_idx on mon_alarm (sensor_id, rule_id) where state <> 'CLEARED';
