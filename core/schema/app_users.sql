-- dashboard users of auth mode password (pipelines/users.py); passwords only as salted scrypt hashes
create table if not exists app_users (
    name          varchar primary key,
    role          varchar not null,      -- viewer | editor | admin
    hash          varchar not null,      -- scrypt$n$r$p$salt_hex$key_hex
    disabled      boolean not null default false,
    failed_count  integer not null default 0,
    locked_until  timestamp,             -- UTC; sign-in refused until then
    created_at    timestamp not null,    -- UTC
    changed_at    timestamp not null     -- UTC
);
