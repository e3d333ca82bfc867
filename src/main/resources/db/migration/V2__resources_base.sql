-- Resource base ("one map"): every kind of resource in one table, kind-specific fields in attributes.
create extension if not exists pg_trgm;
create extension if not exists btree_gist;

create table resource (
    id          bigserial primary key,
    kind        varchar(32)  not null,
    name        text         not null,
    region_code varchar(12)  not null references region (code),
    lon         double precision not null,
    lat         double precision not null,
    address     text,
    status      varchar(16),
    approximate boolean      not null default false, -- location derived (e.g. a township centre), not surveyed
    source      text,                                  -- where the record comes from (plan section, import, demo)
    attributes  jsonb        not null default '{}'::jsonb,
    created_at  timestamptz  not null default now(),
    updated_at  timestamptz  not null default now()
);
create index resource_kind_point_idx on resource using gist (kind, point(lon, lat));
create index resource_kind_region_idx on resource (kind, region_code);
create index resource_name_trgm_idx on resource using gin (name gin_trgm_ops);
create index resource_attributes_idx on resource using gin (attributes jsonb_path_ops);

create table supply_item (
    id       bigserial primary key,
    code     varchar(32) not null unique,
    name     text        not null,
    category varchar(32) not null,
    unit     varchar(16) not null
);

create table stock (
    warehouse_id bigint        not null references resource (id) on delete cascade,
    item_id      bigint        not null references supply_item (id),
    quantity     numeric(14, 2) not null check (quantity >= 0),
    min_quantity numeric(14, 2) not null default 0 check (min_quantity >= 0),
    updated_at   timestamptz   not null default now(),
    primary key (warehouse_id, item_id)
);

insert into supply_item (code, name, category, unit) values
    ('TENT', '帐篷', 'SHELTER', '顶'),
    ('QUILT', '棉被', 'LIVING', '床'),
    ('FOLDING_BED', '折叠床', 'LIVING', '张'),
    ('GENERATOR', '发电机', 'POWER', '台'),
    ('PUMP', '抽水泵', 'FLOOD', '台'),
    ('LIFE_JACKET', '救生衣', 'WATER_RESCUE', '件'),
    ('SANDBAG', '编织袋/沙袋', 'FLOOD', '条'),
    ('WATER', '饮用水', 'FOOD', '箱'),
    ('INSTANT_FOOD', '方便食品', 'FOOD', '箱'),
    ('MEDICAL_KIT', '急救包', 'MEDICAL', '个'),
    ('RAINCOAT', '雨衣', 'LIVING', '件'),
    ('FLASHLIGHT', '手电筒', 'LIGHTING', '个');
