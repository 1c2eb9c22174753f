-- the action register of the review meetings (pipelines/actions.py); every time UTC
-- one row per action; key action_id
create table if not exists actions (
    action_id       varchar primary key,   -- 'A-' + 8 hex characters, stable in links
    point_kind      varchar not null,      -- stage | function: the friction point
    point_key       varchar not null,      -- stage id or function id of the journey map
    metric          varchar,               -- nps | csat | ces; null: not about one metric
    title           varchar not null,
    owner_function  varchar not null,      -- function id that owns the action
    responsible     varchar,               -- free text (a person)
    due_date        date,
    status          varchar not null,      -- open | in_progress | done | dropped
    notes           varchar,
    effective_from  date,                  -- the date the change took effect; null: not yet
    created_at      timestamp not null,
    created_by      varchar not null,
    updated_at      timestamp not null,
    updated_by      varchar not null
);
-- every change of an action, oldest first; key (action_id, seq)
create table if not exists action_changes (
    action_id   varchar not null,
    seq         integer not null,          -- 1, 2, 3, ... per action
    changed_at  timestamp not null,
    changed_by  varchar not null,
    field       varchar not null,          -- a column of actions, or 'created'
    old_value   varchar,                   -- text forms (dates ISO); null for none
    new_value   varchar,
    primary key (action_id, seq)
);
-- one row per review meeting of a function (or all); key (function_scope, meeting_date)
create table if not exists review_meetings (
    function_scope  varchar not null,      -- function id or 'all'
    meeting_date    date not null,
    next_review     date,
    recorded_at     timestamp not null,
    recorded_by     varchar not null,
    primary key (function_scope, meeting_date)
);
