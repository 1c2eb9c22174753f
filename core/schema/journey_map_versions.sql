-- one row per saved version of the journey map (saved from the dashboard's journey map editor)
create table if not exists journey_map_versions (
    version     integer primary key,   -- 1, 2, 3, ...; the highest is the map in effect
    yaml        varchar not null,      -- the whole journey map as YAML text
    changed_by  varchar not null,      -- who saved it
    changed_at  timestamp not null,    -- when
    summary     varchar not null       -- what changed against the previous version, '; '-separated
);
