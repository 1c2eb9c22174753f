-- one row per journey event (process-mining shape: case = journey_id, activity, timestamp); times are utc
create table if not exists raw_journey_events (
    event_id      varchar not null,
    batch_id      varchar not null,
    customer_id   varchar not null,
    journey_id    varchar not null,
    activity      varchar not null,
    occurred_at   timestamp not null,
    outcome       varchar not null default 'ok',  -- ok | failed
    promised_at   timestamp,                      -- optional deadline (utc), see docs/metrics.md
    source_row    bigint                          -- position in its file (1 = first data row): ties in time keep file order
);
-- databases created before source_row existed
alter table raw_journey_events add column if not exists source_row bigint;
