-- Monitoring and early warning: stations, sensors, readings (time-partitioned), latest values, dead letters,
-- alarm rules, alarms and their history.

create table mon_station (
    id          bigserial primary key,
    code        varchar(40)  not null unique,
    name        text         not null,
    kind        varchar(32)  not null,
    region_code varchar(12)  not null references region (code),
    lon         double precision not null,
    lat         double precision not null,
    owner       text,
    approximate boolean      not null default false,
    source      text,
    created_at  timestamptz  not null default now()
);
create index mon_station_region_idx on mon_station (region_code varchar_pattern_ops);

create table mon_sensor (
    id          bigserial primary key,
    station_id  bigint       not null references mon_station (id) on delete cascade,
    code        varchar(60)  not null unique,
    kind        varchar(32)  not null,
    name        text,
    enabled     boolean      not null default true
);
create index mon_sensor_station_idx on mon_sensor (station_id);

-- Partitioned by day; MonitoringPartitions creates the partitions ahead. The primary key makes (sensor, time)
-- unique, which is the de-duplication rule.
create table mon_reading (
    sensor_id   bigint           not null,
    time        timestamptz      not null,
    value       double precision not null,
    received_at timestamptz      not null default now(),
    primary key (sensor_id, time)
) partition by range (time);

create table mon_latest (
    sensor_id   bigint primary key references mon_sensor (id) on delete cascade,
    time        timestamptz      not null,
    value       double precision not null,
    level       varchar(8)
);

create table mon_dead_letter (
    id          bigserial primary key,
    received_at timestamptz not null,
    topic       text        not null,
    payload     text,
    reason      varchar(32) not null,
    detail      text
);
create index mon_dead_letter_reason_idx on mon_dead_letter (reason, received_at);

-- A rule applies to one sensor (sensor_id) or to every sensor of a kind (sensor_kind); a sensor's own rule of a
-- type wins over the kind's. Thresholds are per colour, null = not used.
create table mon_alarm_rule (
    id          bigserial primary key,
    sensor_id   bigint references mon_sensor (id) on delete cascade,
    sensor_kind varchar(32),
    type        varchar(16)  not null,   -- THRESHOLD, RATE, ACCUMULATION, OFFLINE
    direction   varchar(8)   not null default 'ABOVE',
    window_minutes int,
    blue        double precision,
    yellow      double precision,
    orange      double precision,
    red         double precision,
    deadband    double precision not null default 0,
    enabled     boolean      not null default true,
    check (sensor_id is not null or sensor_kind is not null)
);
create index mon_alarm_rule_sensor_idx on mon_alarm_rule (sensor_id);

create table mon_alarm (
    id              bigserial primary key,
    sensor_id       bigint       not null references mon_sensor (id) on delete cascade,
    station_id      bigint       not null references mon_station (id) on delete cascade,
    rule_type       varchar(16)  not null,
    level           varchar(8)   not null,
    max_level       varchar(8)   not null,
    state           varchar(16)  not null,    -- RAISED, ACKNOWLEDGED, CLEARED
    value           double precision,
    message         text         not null,
    forecast        text,
    region_code     varchar(12)  not null,
    assignee_id     bigint references app_user (id),
    raised_at       timestamptz  not null,
    acknowledged_at timestamptz,
    acknowledged_by text,
    cleared_at      timestamptz,
    cleared_by      text,
    escalated_at    timestamptz,
    escalation_count int         not null default 0
);
create index mon_alarm_state_idx on mon_alarm (state, raised_at desc);
create index mon_alarm_region_idx on mon_alarm (region_code varchar_pattern_ops, raised_at desc);
-- At most one open alarm per sensor and rule type.
create unique index mon_alarm_open_idx on mon_alarm (sensor_id, rule_type) where state <> 'CLEARED';

create table mon_alarm_step (
    id          bigserial primary key,
    alarm_id    bigint       not null references mon_alarm (id) on delete cascade,
    at          timestamptz  not null,
    actor       text         not null,
    action      varchar(16)  not null,    -- RAISED, LEVEL, ACKNOWLEDGED, ASSIGNED, COMMENT, ESCALATED, CLEARED
    level       varchar(8),
    value       double precision,
    comment     text
);
create index mon_alarm_step_alarm_idx on mon_alarm_step (alarm_id, id);
