-- grain: one row per contact that asks again about a topic of the same customer's earlier contact within 90 days (a topic: the contact's reason, when the journey map attributes it to a stage, or a theme with a stage that its note mentions)
-- key: contact_id
-- incremental: customer_id
-- When a contact shares several topics with earlier contacts, the row names the one asked most recently
-- before (then reason before theme, then the topic's name). Themes without a stage (the service itself:
-- "passed around", "not resolved") are not questions and never make a repeat. gap_day: whole days since
-- the earlier contact (a fraction counts as a day, as in mart_contact_repeats); pages sum gap_day <= W.
with contacts as (
    select contact_id, customer_id, opened_at, period_month, reason, stage, owner, attribution, channel,
        segment, cost_eur
    from int_contacts_attributed
),
topics as (
    select contact_id, customer_id, opened_at, 'reason' as topic_kind, reason as topic, stage, owner
    from contacts
    where attribution = 'reason'
    union all
    select c.contact_id, c.customer_id, c.opened_at, 'theme' as topic_kind, t.theme as topic, t.stage,
        coalesce(t.owner, s.owner) as owner
    from int_note_themes as t
    join contacts as c on c.contact_id = t.source_id
    left join map_stages as s on s.stage = t.stage
    where t.stage is not null
),
asked_before as (
    select
        *,
        lag(contact_id) over same_topic as previous_contact_id,
        date_diff('second', date_trunc('second', lag(opened_at) over same_topic), date_trunc('second', opened_at))::double / 86400 as days_since_previous
    from topics
    window same_topic as (partition by customer_id, topic_kind, topic order by opened_at, contact_id)
),
repeats as (
    select
        contact_id,
        arg_min(
            {'topic_kind': topic_kind, 'topic': topic, 'stage': stage, 'owner': owner,
             'previous_contact_id': previous_contact_id, 'days_since_previous': days_since_previous},
            (days_since_previous, topic_kind, topic)) as r
    from asked_before
    where days_since_previous <= 90
    group by contact_id
)
select
    c.contact_id,
    c.customer_id,
    c.opened_at,
    c.period_month,
    c.channel,
    c.segment,
    c.reason,
    c.cost_eur,
    r.r.topic_kind,
    r.r.topic,
    coalesce(r.r.stage, 'unattributed') as stage,
    coalesce(r.r.owner, 'unattributed') as owner,
    r.r.previous_contact_id,
    r.r.days_since_previous,
    ceil(r.r.days_since_previous)::integer as gap_day
from repeats as r
join contacts as c on c.contact_id = r.contact_id
