-- The dashboard groups 200 000 hazards by county and by month: keep those keys as plain columns, set on write,
-- instead of computing substr() and time-zone conversions for every row on every read.
alter table safety_hazard add column county_code char(6);
alter table safety_hazard add column reported_month int;  -- yyyymm, Beijing time
alter table safety_hazard add column closed_month int;    -- yyyymm, Beijing time, null while open
update safety_hazard set county_code = substr(region_code, 1, 6),
    reported_month = to_char(reported_at at time zone 'Asia/Shanghai', 'YYYYMM')::int,
    closed_month = to_char(closed_at at time zone 'Asia/Shanghai', 'YYYYMM')::int;
alter table safety_hazard alter column county_code set not null;
alter table safety_hazard alter column reported_month set not null;
