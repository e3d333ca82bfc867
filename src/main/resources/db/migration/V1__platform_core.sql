-- Platform kernel: regions, departments, users, API tokens, audit log.

create table region (
    code          varchar(12) primary key,
    name          text        not null,
    level         varchar(10) not null check (level in ('CITY', 'COUNTY', 'TOWNSHIP', 'VILLAGE')),
    parent_code   varchar(12) references region (code),
    lon           double precision,
    lat           double precision,
    approximate   boolean     not null,
    centre_source text        not null,
    boundary      text        -- GeoJSON geometry, WGS84, where public data has one
);
create index region_parent_idx on region (parent_code);
create index region_level_idx on region (level);

create table department (
    id          bigserial primary key,
    code        varchar(40) not null unique,
    name        text        not null,
    region_code varchar(12) not null references region (code),
    created_at  timestamptz not null default now()
);

create table app_user (
    id                   bigserial primary key,
    username             varchar(64) not null unique,
    display_name         text        not null,
    phone                varchar(20),
    role                 varchar(32) not null,
    region_code          varchar(12) not null references region (code),
    department_id        bigint references department (id),
    password_hash        text        not null,
    enabled              boolean     not null default true,
    must_change_password boolean     not null default true,
    failed_attempts      int         not null default 0,
    locked_until         timestamptz,
    last_login_at        timestamptz,
    created_at           timestamptz not null default now()
);
create index app_user_region_idx on app_user (region_code);

create table api_token (
    id           bigserial primary key,
    user_id      bigint      not null references app_user (id),
    name         text        not null,
    token_hash   char(64)    not null unique, -- SHA-256 hex of the token; the token itself is never stored
    prefix       varchar(16) not null,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz,
    last_used_at timestamptz,
    revoked_at   timestamptz
);
create index api_token_user_idx on api_token (user_id);

create table audit_log (
    id          bigint primary key,
    at          timestamptz not null,
    actor       text        not null,
    actor_region varchar(12) not null, -- region of the actor: an admin sees the rows of their subtree
    action      varchar(64) not null,
    entity_type varchar(64) not null,
    entity_id   text,
    before      text,        -- JSON as written: kept as text so the hash covers the exact bytes
    after       text,
    prev_hash   char(64)    not null,
    hash        char(64)    not null
);
create sequence audit_log_id_seq;
create index audit_log_at_idx on audit_log (at desc);
create index audit_log_entity_idx on audit_log (entity_type, entity_id);
create index audit_log_actor_idx on audit_log (actor);
create index audit_log_region_idx on audit_log (actor_region);

-- Append-only: the application may insert, never change or remove. A superuser can still disable the trigger,
-- which is why every row also carries the hash chain that /api/audit/verify checks.
create function audit_log_is_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only (% refused)', tg_op;
end
$$;
create trigger audit_log_no_update before update or delete on audit_log
    for each row execute function audit_log_is_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
