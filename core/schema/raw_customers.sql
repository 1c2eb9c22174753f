-- one row per customer
create table if not exists raw_customers (
    customer_id   varchar primary key,
    batch_id      varchar not null,
    segment       varchar,
    region        varchar,
    tier          varchar
);
