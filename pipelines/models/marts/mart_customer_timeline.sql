-- grain: one row per journey event, missed deadline, contact or survey response of a customer (read for one customer at a time); times in the company's time zone
-- key: kind, item_id
-- materialized: view
-- A missed deadline is a row of its own at the moment it passed (kind 'deadline'), so the
-- timeline shows the friction where it began, not when the late thing finally happened.
with responses_with_friction as (
    -- a join, not exists (...) in the select list: Spark cannot plan that (docs/scaling.md)
    select distinct response_id from int_response_stage_exposure where had_friction
),
timeline as (
    select
        e.customer_id,
        e.occurred_at,
        'event' as kind,
        e.journey_id,
        a.stage,
        m.owner,
        e.activity as what,
        case when e.is_failed then 'failed' else 'ok' end
            || case when e.is_late then ', late' else '' end as detail,
        e.is_failed or e.is_late as friction,
        case when e.is_failed then 'failed' else 'ok' end as outcome,
        e.is_late as late,
        null::varchar as channel,
        null::varchar as handling_team,
        null::double as score,
        null::varchar as comment,
        e.event_id as item_id,
        e.source_row as sequence
    from stg_journey_events as e
    left join int_activity_stages as a using (activity)
    left join map_stages as m on m.stage = a.stage
    union all
    select
        s.customer_id,
        s.missed_deadline_at,
        'deadline',
        s.journey_id,
        s.stage,
        s.owner,
        s.stage,
        case when s.late and s.sla_breached then 'promise and sla' when s.late then 'promise' else 'sla' end
            || case when s.done_at is null then ', not done' else ', done late' end,
        true,
        null,
        true,
        null,
        null,
        null,
        null,
        s.journey_id || ':' || s.stage,
        null
    from int_journey_stages as s
    where s.late or s.sla_breached
    union all
    select
        c.customer_id,
        c.opened_at,
        'contact',
        c.journey_id,
        c.stage,
        c.owner,
        c.reason,
        c.channel || coalesce(', ' || c.handling_team, ''),
        c.avoidable,
        null,
        null,
        c.channel,
        c.handling_team,
        null,
        null,
        c.contact_id,
        null
    from int_contacts_attributed as c
    union all
    select
        r.customer_id,
        r.responded_at,
        'response',
        r.journey_id,
        nullif(r.stage, 'unattached'),
        m.owner,
        r.metric,
        r.score::varchar || coalesce(': ' || r.comment, ''),
        f.response_id is not null,
        null,
        null,
        r.channel,
        null,
        r.score,
        r.comment,
        r.response_id,
        null
    from int_responses_attributed as r
    left join map_stages as m on m.stage = r.stage
    left join responses_with_friction as f on f.response_id = r.response_id
)
select
    -- named one by one, not t.* exclude (...): Spark has no star modifiers
    t.customer_id, t.kind, t.journey_id, t.stage, t.owner, t.what, t.detail, t.friction, t.outcome,
    t.late, t.channel, t.handling_team, t.score, t.comment, t.item_id, t.sequence,
    local_time(t.occurred_at) as occurred_at,
    o.outcome as journey_outcome,
    coalesce(c.segment, 'unknown') as segment
from timeline as t
left join int_journey_outcomes as o
    on o.customer_id = t.customer_id and o.journey_id = t.journey_id
left join stg_customers as c
    on c.customer_id = t.customer_id
