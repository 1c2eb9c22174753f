-- grain: one row per contact, attributed to a stage and owning function by reason, else by where its journey stood
-- key: contact_id
-- incremental: customer_id
with positioned as (
    -- the journey the contact belongs to and where it stood when the contact was opened
    select c.*, p.journey_id as attached_journey_id, p.stage as position_stage
    from stg_contacts as c
    left join int_contact_positions as p on p.source_id = c.contact_id
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
        date_diff('second', date_trunc('second', lag(p.opened_at) over same_reason), date_trunc('second', p.opened_at))
            <= (select repeat_window_days from settings) * 86400,
        false) as is_repeat,
    date_diff('second', date_trunc('second', lag(p.opened_at) over same_reason), date_trunc('second', p.opened_at))::double / 86400
        as days_since_previous_same_reason,
    p.escalated_to,
    p.escalation_asked_at,
    p.escalation_answered_at,
    -- seconds between the truncated times (DuckDB's date_diff counts second boundaries crossed,
    -- Spark's whole seconds: the same once both are truncated), over a double, not a decimal literal
    date_diff('second', date_trunc('second', p.escalation_asked_at), date_trunc('second', p.escalation_answered_at)) / 3600.0::double
        as escalation_hours,
    coalesce(cu.segment, 'unknown') as segment
from positioned as p
left join map_contact_reasons as r on r.reason = p.reason
left join map_stages as st on st.stage = coalesce(r.stage, p.position_stage)
left join map_channel_costs as k on k.channel = p.channel
left join stg_customers as cu on cu.customer_id = p.customer_id
window same_reason as (partition by p.customer_id, coalesce(p.reason, 'unknown') order by p.opened_at, p.contact_id)
