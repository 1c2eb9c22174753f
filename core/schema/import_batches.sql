-- one row per import batch (a file or a demo generation run)
create table if not exists import_batches (
    batch_id      varchar primary key,
    kind          varchar not null,      -- one of core/load_kinds.py BATCH_KINDS (the load kinds, demo)
    source_file   varchar,
    file_hash     varchar,
    imported_by   varchar,
    imported_at   timestamp not null,
    row_count     bigint not null,
    status        varchar not null default 'active'  -- active | rolled_back
);
