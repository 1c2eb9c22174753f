-- one row per customer contact (call, e-mail, chat, social message, web form, store visit); times are utc
create table if not exists raw_contacts (
    contact_id              varchar primary key,
    batch_id                varchar not null,
    customer_id             varchar not null,
    journey_id              varchar,
    opened_at               timestamp not null,
    closed_at               timestamp,
    channel                 varchar not null,   -- phone | email | chat | social | web_form | store
    reason                  varchar,
    handling_team           varchar,
    transfers               integer not null default 0,
    resolved                boolean,
    escalated_to            varchar,            -- function id the contact was escalated to
    escalation_asked_at     timestamp,
    escalation_answered_at  timestamp,
    note                    varchar             -- the agent's free-text note (personal data scrubbed at import)
);
-- databases created before contact notes existed
alter table raw_contacts add column if not exists note varchar;
