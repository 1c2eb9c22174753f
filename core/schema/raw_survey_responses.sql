-- one row per survey response (response_id is unique across surveys); responded_at is utc
create table if not exists raw_survey_responses (
    response_id   varchar primary key,
    batch_id      varchar not null,
    survey        varchar not null,
    metric        varchar not null,      -- nps | csat | ces
    score         double not null,
    scale_min     integer not null,
    scale_max     integer not null,
    customer_id   varchar,
    journey_id    varchar,
    touchpoint    varchar,
    channel       varchar,
    responded_at  timestamp not null,
    comment       varchar,
    segment       varchar,
    language      varchar
);
