-- one row per journey event (process-mining shape: case = journey_id, activity, timestamp)
create table if not exists raw_journey_events (
    event_id      varchar not null,
    batch_id      varchar not null,
    customer_id   varchar not null,
    journey_id    varchar not null,
    activity      varchar not null,
    occurred_at   timestamp not null,
    outcome       varchar not null default 'ok',  -- ok | failed
    promised_at   timestamp                       -- optional; later than this = late
);
