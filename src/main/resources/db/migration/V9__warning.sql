-- Public warnings (预警发布): the warning with its lifecycle, the people and terminals it can reach, and a receipt
-- trail per recipient per channel.
create table warning (
    id                bigserial primary key,
    identifier        text        not null unique,   -- CAP identifier, stable across updates of the same warning
    state             varchar(12) not null check (state in ('DRAFT', 'SUBMITTED', 'APPROVED', 'PUBLISHED',
                                                            'CANCELLED', 'EXPIRED')),
    event_type        varchar(30) not null,
    level             varchar(6)  not null check (level in ('BLUE', 'YELLOW', 'ORANGE', 'RED')),
    headline          text        not null,
    description       text        not null,
    instruction       text        not null,
    sender_department text        not null,
    effective_at      timestamptz not null,
    expires_at        timestamptz not null,
    area_geojson      text,                           -- MultiPolygon, WGS84
    region_codes      text[]      not null default '{}',
    region_code       varchar(12) not null,           -- whose scope the warning belongs to (drafter's region)
    source_alarm_id   text,
    drafted_by        bigint      not null,
    drafted_by_name   text        not null,
    submitted_at      timestamptz,
    approved_by       bigint,
    approved_by_name  text,
    approved_at       timestamptz,
    published_at      timestamptz,
    msg_type          varchar(6)  not null default 'Alert' check (msg_type in ('Alert', 'Update', 'Cancel')),
    revision          int         not null default 0, -- bumped by each published update or cancel
    sent_at           timestamptz,                    -- CAP <sent> of the current revision
    previous_sent_at  timestamptz,                    -- for CAP <references>
    cancelled_at      timestamptz,
    imported_from     text,                           -- CAP sender when imported
    created_at        timestamptz not null default now(),
    updated_at        timestamptz not null default now()
);
create index warning_state_idx on warning (state, expires_at);
create index warning_region_idx on warning (region_code);

-- People (phones), app/web subscribers and broadcast terminals. A person's point is their home (or the village
-- centre when only the village is known).
create table warning_recipient (
    id          bigserial primary key,
    kind        varchar(10) not null check (kind in ('PHONE', 'SUBSCRIBER', 'TERMINAL')),
    address     text        not null,                 -- phone number, user id, or terminal code
    name        text,
    region_code varchar(12) not null,                 -- village (or township) code
    lon         double precision not null,
    lat         double precision not null,
    speakers    int,                                  -- terminals only
    synthetic   boolean     not null default false,
    created_at  timestamptz not null default now(),
    unique (kind, address)
);
create index warning_recipient_region_idx on warning_recipient (region_code);

-- Append-only receipt trail: one row per status change; a recipient's receipt on a channel is its latest row.
-- Written with COPY in bulk, so no foreign keys or per-row indexes beyond the one the queries need.
create table warning_receipt (
    warning_id   bigint      not null,
    revision     int         not null,
    channel      varchar(30) not null,
    recipient_id bigint      not null,                -- 0 for a webhook endpoint (address names it)
    status       varchar(10) not null,                -- QUEUED, SENT, DELIVERED, FAILED
    reason       text,
    address      text,
    at           timestamptz not null
);
create index warning_receipt_idx on warning_receipt (warning_id, channel, recipient_id);

-- One dissemination run per published revision, with the time of each phase (for the screen and benchmarks).
create table warning_dispatch (
    warning_id      bigint      not null,
    revision        int         not null,
    state           varchar(10) not null,            -- RUNNING, DONE, FAILED
    targeted        int,
    index_ms        bigint,                           -- reloading the recipient index first, when it had changed
    targeting_ms    bigint,
    handoff_ms      bigint,
    persisted_ms    bigint,
    heap_peak_mb    int,                              -- JVM heap high-water mark during the run
    started_at      timestamptz not null,
    finished_at     timestamptz,
    error           text,
    primary key (warning_id, revision)
);

-- Per village touched by a revision's area: people estimated inside the area (the denominator of coverage) and
-- the registered people targeted there. Written once per dispatch (about a thousand rows at most).
create table warning_target_village (
    warning_id   bigint      not null,
    revision     int         not null,
    village_code varchar(12) not null,
    population   int         not null,
    targeted     int         not null,
    terminals    int         not null,
    primary key (warning_id, revision, village_code)
);
