-- Safety production: enterprises, risk points (four colours), hidden hazards and their rectification loop.

create table enterprise (
    id                   bigserial primary key,
    credit_code          char(18)    not null unique,
    name                 text        not null,
    industry             varchar(24) not null,
    scale                varchar(8)  not null,
    park                 text,
    region_code          varchar(12) not null references region (code),
    lon                  double precision not null,
    lat                  double precision not null,
    legal_representative text        not null,
    safety_manager       text        not null,
    safety_manager_phone varchar(20) not null,
    licences             jsonb       not null default '[]'::jsonb,
    risk_level           varchar(8),             -- the highest level of its risk points, null when none
    created_at           timestamptz not null default now(),
    updated_at           timestamptz not null default now()
);
create index enterprise_region_idx on enterprise (region_code);
create index enterprise_industry_idx on enterprise (industry);
create index enterprise_name_trgm_idx on enterprise using gin (name gin_trgm_ops);

-- Which accounts (role ENTERPRISE_USER) act for which enterprise.
create table enterprise_member (
    enterprise_id bigint not null references enterprise (id) on delete cascade,
    user_id       bigint not null references app_user (id) on delete cascade,
    primary key (enterprise_id, user_id)
);
create index enterprise_member_user_idx on enterprise_member (user_id);

create table risk_point (
    id             bigserial primary key,
    enterprise_id  bigint      not null references enterprise (id) on delete cascade,
    name           text        not null,
    activity       text,
    hazard_factors text        not null,
    controls       text        not null,
    method         varchar(8)  not null check (method in ('LEC', 'MATRIX')),
    l              numeric(5, 1),
    e              numeric(5, 1),
    c              numeric(5, 1),
    likelihood     int,
    severity       int,
    score          numeric(8, 1) not null,
    level          varchar(8)  not null,
    created_at     timestamptz not null default now(),
    updated_at     timestamptz not null default now()
);
create index risk_point_enterprise_idx on risk_point (enterprise_id);

create table safety_hazard (
    id                bigserial primary key,
    enterprise_id     bigint      not null references enterprise (id),
    region_code       varchar(12) not null,   -- copied from the enterprise for scoped statistics
    industry          varchar(24) not null,   -- likewise
    title             text        not null,
    description       text        not null,
    category          varchar(24) not null,
    grade             varchar(8),             -- GENERAL / MAJOR, set at confirmation
    found_by          varchar(16) not null,
    lon               double precision,
    lat               double precision,
    state             varchar(12) not null,
    deadline          timestamptz,
    plan              jsonb,                   -- the five must-haves
    reported_by       bigint      not null references app_user (id),
    rectified_by      bigint references app_user (id),
    accepted_by       bigint references app_user (id),
    listed            boolean     not null default false,
    listing_level     varchar(8),
    listing_department_id bigint references department (id),
    listing_deadline  timestamptz,
    reminded_at       timestamptz,            -- deadline reminder sent
    escalated_at      timestamptz,            -- overdue escalation sent
    reported_at       timestamptz not null,
    closed_at         timestamptz,
    updated_at        timestamptz not null default now()
);
create index safety_hazard_enterprise_idx on safety_hazard (enterprise_id);
create index safety_hazard_region_idx on safety_hazard (region_code, state);
create index safety_hazard_open_deadline_idx on safety_hazard (deadline) where state <> 'CLOSED';
create index safety_hazard_reported_idx on safety_hazard (reported_at);

create table safety_hazard_step (
    id        bigserial primary key,
    hazard_id bigint      not null references safety_hazard (id) on delete cascade,
    at        timestamptz not null,
    actor     text        not null,
    action    varchar(24) not null,
    note      text
);
create index safety_hazard_step_hazard_idx on safety_hazard_step (hazard_id);

create table safety_photo (
    id           bigserial primary key,
    hazard_id    bigint      not null references safety_hazard (id) on delete cascade,
    file_name    text        not null,
    content_type varchar(64) not null,
    content      bytea       not null,
    uploaded_at  timestamptz not null default now()
);
create index safety_photo_hazard_idx on safety_photo (hazard_id);
