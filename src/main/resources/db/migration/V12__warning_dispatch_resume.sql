-- A dissemination run interrupted by a stop or a crash is resumed at the next start: how often, when last, and
-- how many deliveries it did not repeat because they already had an outcome. A run is on record (PENDING) in the
-- publishing transaction, so a crash between the commit and the run's start is resumed too.
alter table warning_dispatch add column resumes int not null default 0;
alter table warning_dispatch add column resumed_at timestamptz;
alter table warning_dispatch add column skipped int not null default 0;

-- Deliveries per furthest status (QUEUED < FAILED < SENT < DELIVERED), per revision × channel × village, kept in
-- step with warning_receipt by its writers in the same transaction, so coverage does not group every receipt.
-- village_code is '' for a webhook endpoint or a recipient registered above village level.
create table warning_receipt_summary (
    warning_id   bigint      not null,
    revision     int         not null,
    channel      varchar(30) not null,
    village_code varchar(12) not null,
    queued       bigint      not null default 0,
    failed       bigint      not null default 0,
    sent         bigint      not null default 0,
    delivered    bigint      not null default 0,
    primary key (warning_id, revision, channel, village_code)
);
insert into warning_receipt_summary (warning_id, revision, channel, village_code, queued, failed, sent, delivered)
select l.warning_id, l.revision, l.channel,
       case when r.region_code ~ '^[0-9]{12}$' and right(r.region_code, 3) <> '000' then r.region_code else '' end,
       count(*) filter (where l.rank = 0), count(*) filter (where l.rank = 1),
       count(*) filter (where l.rank = 2), count(*) filter (where l.rank = 3)
from (select warning_id, revision, channel, recipient_id, address,
             max(case status when 'QUEUED' then 0 when 'FAILED' then 1 when 'SENT' then 2 else 3 end) as rank
      from warning_receipt group by warning_id, revision, channel, recipient_id, address) l
left join warning_recipient r on r.id = l.recipient_id and l.recipient_id <> 0
group by 1, 2, 3, 4;

-- A change of a published warning waits for review like the first publication: proposed by one person, approved
-- by another holding warning:approve, then published (a CAP Update). The proposal is the form as JSON.
alter table warning add column pending_update jsonb;
alter table warning add column update_state varchar(10) check (update_state in ('SUBMITTED', 'APPROVED'));
alter table warning add column update_drafted_by bigint;
alter table warning add column update_drafted_by_name text;
alter table warning add column update_submitted_at timestamptz;
alter table warning add column update_approved_by bigint;
alter table warning add column update_approved_by_name text;
