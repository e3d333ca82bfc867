-- Incident command: incidents, loss reports, plans (versioned) and activations, tasks, dispatch, timeline,
-- duty, close-out reviews.

create table incident (
    id             bigserial primary key,
    title          text        not null,
    type           varchar(32) not null,          -- IncidentType (GB/T 35561)
    source         varchar(16) not null,          -- PHONE, ALARM, PUBLIC_REPORT
    source_ref     text,                          -- alarm id or public report reference
    region_code    varchar(12) not null references region (code),
    lon            double precision not null,
    lat            double precision not null,
    address        text,
    occurred_at    timestamptz not null,
    reported_at    timestamptz not null,
    reporter       text        not null,
    reporter_phone varchar(20),
    description    text,
    state          varchar(16) not null default 'OPEN',   -- OPEN, RESPONDING, CLOSED
    grade          varchar(4),                    -- I..IV, the one in force (computed or overridden)
    computed_grade varchar(4),
    grade_rule     text,                          -- the rule that decided the computed grade, in Chinese
    grade_override_reason text,
    response_level varchar(4),                    -- level of the active plan activation
    closed_at      timestamptz,
    close_summary  text,
    created_by     text        not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index incident_region_idx on incident (region_code);
create index incident_state_idx on incident (state, occurred_at desc);

create table loss_report (
    id             bigserial primary key,
    incident_id    bigint      not null references incident (id) on delete cascade,
    kind           varchar(12) not null,          -- FIRST 首报, FOLLOW_UP 续报, FINAL 核报
    region_code    varchar(12) not null references region (code),
    reported_at    timestamptz not null,
    affected       integer     not null default 0,
    dead           integer     not null default 0,
    missing        integer     not null default 0,
    injured        integer     not null default 0,
    seriously_injured integer  not null default 0,
    evacuated      integer     not null default 0,
    houses_collapsed integer   not null default 0,
    houses_damaged integer     not null default 0,
    direct_loss_yuan numeric(16, 2) not null default 0,
    note           text,
    reporter       text        not null,
    created_at     timestamptz not null default now()
);
create index loss_report_incident_idx on loss_report (incident_id, region_code, reported_at desc, id desc);

create table plan (
    id              bigserial primary key,
    code            varchar(32) not null unique,
    name            text        not null,
    kind            varchar(16) not null,         -- OVERALL, SPECIAL
    current_version integer     not null,
    updated_at      timestamptz not null default now()
);

create table plan_version (
    plan_id      bigint      not null references plan (id) on delete cascade,
    version      integer     not null,
    name         text        not null,
    content      jsonb       not null,             -- scope, organisation, levels with action cards
    published_at timestamptz not null,
    published_by text        not null,
    primary key (plan_id, version)
);

create table plan_attachment (
    id           bigserial primary key,
    plan_id      bigint      not null references plan (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   integer     not null,
    data         bytea       not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null default now()
);

create table plan_activation (
    id           bigserial primary key,
    incident_id  bigint      not null references incident (id) on delete cascade,
    plan_id      bigint      not null references plan (id),
    plan_version integer     not null,
    plan_name    text        not null,
    level        varchar(4)  not null,
    active       boolean     not null default true,
    activated_at timestamptz not null,
    activated_by text        not null
);
create index plan_activation_incident_idx on plan_activation (incident_id);

create table command_task (
    id              bigserial primary key,
    incident_id     bigint      not null references incident (id) on delete cascade,
    activation_id   bigint      references plan_activation (id),
    level           varchar(4),
    department_code varchar(32),
    department_name text        not null,
    action          text        not null,
    deadline        timestamptz,
    status          varchar(16) not null default 'PENDING', -- PENDING, IN_PROGRESS, DONE, SUPERSEDED
    note            text,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);
create index command_task_incident_idx on command_task (incident_id, department_name);

create table dispatch_order (
    id              bigserial primary key,
    incident_id     bigint      not null references incident (id) on delete cascade,
    kind            varchar(8)  not null,          -- TEAM, SUPPLY
    resource_id     bigint      not null,          -- team or warehouse (resources module)
    resource_name   text        not null,
    item_id         bigint,
    item_name       text,
    quantity        numeric(14, 2),
    travel_seconds  integer,
    travel_estimate boolean     not null default true,
    distance_meters integer,
    status          varchar(12) not null default 'ORDERED', -- ORDERED, EN_ROUTE, ON_SCENE, RETURNED
    ordered_at      timestamptz not null,
    updated_at      timestamptz not null,
    ordered_by      text        not null
);
create index dispatch_order_incident_idx on dispatch_order (incident_id);

create table timeline_entry (
    id          bigserial primary key,
    incident_id bigint      not null references incident (id) on delete cascade,
    at          timestamptz not null,
    kind        varchar(16) not null,   -- INTAKE, REPORT, GRADE, ACTIVATION, TASK, DISPATCH, WARNING, NOTE, FILE, STATE
    title       text        not null,
    detail      text,
    actor       text        not null,
    link        text
);
create index timeline_entry_incident_idx on timeline_entry (incident_id, id desc);

create table duty_roster (
    id          bigserial primary key,
    duty_date   date        not null,
    shift       varchar(8)  not null,   -- DAY, NIGHT
    person_name text        not null,
    phone       varchar(20),
    leader      boolean     not null default false,
    region_code varchar(12) not null references region (code)
);
create index duty_roster_date_idx on duty_roster (duty_date);

create table duty_log (
    id          bigserial primary key,
    at          timestamptz not null,
    kind        varchar(12) not null,   -- LOG, HANDOVER
    content     text        not null,
    author      text        not null,
    region_code varchar(12) not null
);
create index duty_log_at_idx on duty_log (at desc);

create table incident_review (
    incident_id bigint primary key references incident (id) on delete cascade,
    findings    text        not null,
    reviewed_at timestamptz not null,
    reviewed_by text        not null
);

create table follow_up_item (
    id              bigserial primary key,
    incident_id     bigint      not null references incident (id) on delete cascade,
    item            text        not null,
    department_name text        not null,
    due_date        date,
    status          varchar(8)  not null default 'OPEN',  -- OPEN, DONE
    closed_at       timestamptz,
    closing_note    text
);

-- Alarms offered to the duty officer: from the monitoring module's events, or entered from an alarm notice.
create table alarm_candidate (
    id          bigserial primary key,
    alarm_id    text        not null unique,
    sensor      text        not null,
    sensor_kind varchar(32),
    level       varchar(8)  not null,      -- BLUE, YELLOW, ORANGE, RED
    message     text,
    region_code varchar(12) not null references region (code),
    lon         double precision not null,
    lat         double precision not null,
    raised_at   timestamptz not null,
    status      varchar(12) not null default 'PENDING', -- PENDING, OPENED, DISMISSED
    incident_id bigint references incident (id),
    handled_by  text,
    handled_at  timestamptz
);
create index alarm_candidate_status_idx on alarm_candidate (status, raised_at desc);

create table incident_file (
    id           bigserial primary key,
    incident_id  bigint      not null references incident (id) on delete cascade,
    file_name    text        not null,
    content_type text        not null,
    size_bytes   integer     not null,
    data         bytea       not null,
    uploaded_by  text        not null,
    uploaded_at  timestamptz not null
);
create index incident_file_incident_idx on incident_file (incident_id);
