-- one row per rollback or restore of an import batch (core/batches.py), oldest first; times local
-- as import_batches.imported_at; the batch's status in import_batches is the latest of these
create table if not exists batch_changes (
    batch_id    varchar not null,
    action      varchar not null,      -- rollback | restore
    changed_at  timestamp not null,
    changed_by  varchar not null
);
