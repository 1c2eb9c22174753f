-- append-only audit trail (core/audit.py): each row's hash covers the previous row's hash
create table if not exists audit_log (
    seq          bigint primary key,    -- 1, 2, 3, ... in the order written
    logged_at    timestamp not null,    -- UTC
    actor        varchar not null,      -- user name, e-mail or OS login
    role         varchar not null,      -- viewer | editor | admin ('' for failed sign-ins)
    via          varchar not null,      -- cli | password | oidc | local
    action       varchar not null,      -- sign_in, import, load, rollback, journey_map_save, ...
    object_kind  varchar,               -- batch | journey_map_version | user | file | ...
    object_id    varchar,
    detail       varchar not null,      -- canonical JSON object
    prev_hash    varchar not null,      -- hash of row seq - 1 (64 zeros for the first row)
    hash         varchar not null       -- sha256(prev_hash || canonical content of this row)
);
