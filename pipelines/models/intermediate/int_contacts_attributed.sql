-- one row per contact, attributed to a stage and owning function by reason, else by where its journey stood
-- incremental: customer_id
with under_way as (
    -- contacts without a journey: the customer's latest journey started by the contact
    select
        c.contact_id,
        arg_max(j.journey_id, (j.started_at, j.journey_id)) as journey_id
    from stg_contacts as c
    join int_journeys as j
        on j.customer_id = c.customer_id and j.started_at <= c.opened_at
    where c.journey_id is null
    group by c.contact_id
),
journeys_attached as (
    select
        c.*,
        coalesce(c.journey_id, u.journey_id) as attached_journey_id
    from stg_contacts as c
    left join under_way as u using (contact_id)
),
stage_at_contact as (
    -- the stage the journey had entered last when the contact was opened (a stage whose
    -- deadline passed before it was reached counts from the deadline)
    select
        c.contact_id,
        arg_max(s.stage, (s.concerned_from, s.stage_order)) as position_stage
    from journeys_attached as c
    join int_journey_stages as s
        on s.journey_id = c.attached_journey_id
       and s.concerned_from <= c.opened_at
    group by c.contact_id
),
positioned as (
    select c.*, p.position_stage
    from journeys_attached as c
    left join stage_at_contact as p using (contact_id)
),
settings as (
    select number as repeat_window_days from map_settings where key = 'repeat_contact_window_days'
)
select
    p.contact_id,
    p.customer_id,
    p.attached_journey_id as journey_id,
    p.journey_id is null and p.attached_journey_id is not null as journey_inferred,
    p.opened_at,
    p.closed_at,
    p.period_month,
    p.channel,
    coalesce(p.reason, 'unknown') as reason,
    r.reason is not null as reason_mapped,
    coalesce(r.stage, p.position_stage) as stage,
    coalesce(r.owner, st.owner) as owner,
    case when r.stage is not null then 'reason'
         when p.position_stage is not null then 'journey_position'
         else 'unattributed' end as attribution,
    coalesce(r.avoidable, false) as avoidable,
    p.handling_team,
    p.transfers,
    p.resolved,
    coalesce(k.cost_eur, 0.0) as cost_eur,
    coalesce(
        date_diff('second', lag(p.opened_at) over same_reason, p.opened_at)
            <= (select repeat_window_days from settings) * 86400,
        false) as is_repeat,
    date_diff('second', lag(p.opened_at) over same_reason, p.opened_at)::double / 86400
        as days_since_previous_same_reason,
    p.escalated_to,
    p.escalation_asked_at,
    p.escalation_answered_at,
    date_diff('second', p.escalation_asked_at, p.escalation_answered_at) / 3600.0 as escalation_hours,
    coalesce(cu.segment, 'unknown') as segment
from positioned as p
left join map_contact_reasons as r on r.reason = p.reason
left join map_stages as st on st.stage = coalesce(r.stage, p.position_stage)
left join map_channel_costs as k on k.channel = p.channel
left join stg_customers as cu on cu.customer_id = p.customer_id
window same_reason as (partition by p.customer_id, coalesce(p.reason, 'unknown') order by p.opened_at, p.contact_id)
