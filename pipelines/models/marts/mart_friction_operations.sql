-- grain: one row per dimension (stage | owner) x key x month x segment: additive journey, contact and escalation counts (reached = journeys that reached the stage or were overdue for it; late = missed a deadline, promise or sla)
-- key: dimension, key, period_month, segment
-- incremental: period_month
with concerned as (
    -- stages reached, and stages never reached whose deadline passed (the journey waits for them)
    select * from int_journey_stages where concerned_from is not null
),
journey_keys as (
    select journey_id, 'stage' as dimension, stage as key, failed, late, sla_breached,
           first_friction_at is not null as had_friction
    from concerned
    union all
    select journey_id, 'owner' as dimension, owner as key, bool_or(failed), bool_or(late),
           bool_or(sla_breached), bool_or(first_friction_at is not null)
    from concerned
    group by journey_id, owner
),
journey_counts as (
    select
        k.dimension, k.key, j.period_month, j.segment,
        count(*) as reached,
        count(*) filter (where k.failed) as failed,
        count(*) filter (where k.late or k.sla_breached) as late,
        count(*) filter (where k.had_friction) as with_friction
    from journey_keys as k
    join int_journeys as j using (journey_id)
    group by all
),
contact_keys as (
    select 'stage' as dimension, stage as key, * from int_contacts_attributed where stage is not null
    union all
    select 'owner' as dimension, owner as key, * from int_contacts_attributed where owner is not null
),
contact_counts as (
    select
        dimension, key, period_month, segment,
        count(*) as contacts,
        count(*) filter (where avoidable) as avoidable_contacts,
        count(*) filter (where is_repeat) as repeat_contacts,
        count(*) filter (where transfers > 0) as transferred_contacts,
        sum(transfers) as transfers,
        sum(cost_eur) as contact_cost_eur,
        coalesce(sum(cost_eur) filter (where avoidable), 0) as avoidable_cost_eur
    from contact_keys
    group by all
),
escalation_counts as (
    select
        'owner' as dimension, escalated_to as key, period_month, segment,
        count(*) as escalations_received,
        count(escalation_hours) as escalations_answered,
        coalesce(sum(escalation_hours), 0) as escalation_hours_sum
    from int_contacts_attributed
    where escalated_to is not null
    group by all
)
select
    dimension, key, period_month, segment,
    -- every count of the three parts, in their order; 0 where a part has no row for the key
    coalesce(columns(* exclude (dimension, key, period_month, segment)), 0)
from journey_counts
full outer join contact_counts using (dimension, key, period_month, segment)
full outer join escalation_counts using (dimension, key, period_month, segment)
