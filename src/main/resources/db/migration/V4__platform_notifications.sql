-- In-app notifications to users (deadline reminders, escalations, alarms), pushed live over SSE.
create table notification (
    id         bigserial primary key,
    user_id    bigint      not null references app_user (id) on delete cascade,
    title      text        not null,
    body       text        not null,
    link       text,
    created_at timestamptz not null default now(),
    read_at    timestamptz
);
create index notification_user_idx on notification (user_id, id desc);
