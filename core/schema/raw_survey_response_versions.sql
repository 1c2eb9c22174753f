-- one row per superseded version of a survey response (kept so that a rollback can restore it)
create table if not exists raw_survey_response_versions (
    response_id    varchar not null,
    batch_id       varchar not null,      -- the batch that wrote this version
    survey         varchar not null,
    metric         varchar not null,
    score          double not null,
    scale_min      integer not null,
    scale_max      integer not null,
    customer_id    varchar,
    journey_id     varchar,
    touchpoint     varchar,
    channel        varchar,
    responded_at   timestamp not null,
    comment        varchar,
    segment        varchar,
    language       varchar,
    superseded_by  varchar not null,      -- the batch whose import replaced this version
    superseded_at  timestamp not null,
    primary key (response_id, batch_id)
);
