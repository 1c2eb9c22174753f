-- grain: one row per dimension (stage | owner) x key x month x segment: additive journey, contact and escalation counts (reached = journeys that reached the stage or were overdue for it; late = missed a deadline, promise or sla)
-- key: dimension, key, period_month, segment
-- incremental: additive (kept while reached + contacts + escalations_received > 0)
with stage_counts as (
    -- stages reached, and stages never reached whose deadline passed (the journey waits for them)
    select
        s.stage, j.period_month, j.segment,
        count(*) as reached,
        count(*) filter (where s.failed) as failed,
        count(*) filter (where s.late or s.sla_breached) as late,
        count(*) filter (where s.first_friction_at is not null) as with_friction
    from int_journey_stages as s
    join int_journeys as j using (journey_id)
    where s.concerned_from is not null
    group by all
),
owner_stages as (
    select owner, count(*) as stages from map_stages group by owner
),
shared_owner_keys as (
    -- an owner of several stages counts a journey once: what happened in any of its stages
    select s.journey_id, s.owner, bool_or(s.failed) as failed, bool_or(s.late or s.sla_breached) as late,
           bool_or(s.first_friction_at is not null) as had_friction
    from int_journey_stages as s
    semi join owner_stages as o on o.owner = s.owner and o.stages > 1
    where s.concerned_from is not null
    group by s.journey_id, s.owner
),
journey_counts as (
    select 'stage' as dimension, stage as key, period_month, segment, reached, failed, late, with_friction
    from stage_counts
    union all
    -- an owner of one stage counts what its stage counts
    select 'owner', m.owner, c.period_month, c.segment, c.reached, c.failed, c.late, c.with_friction
    from stage_counts as c
    join map_stages as m using (stage)
    semi join owner_stages as o on o.owner = m.owner and o.stages = 1
    union all
    select
        'owner', k.owner, j.period_month, j.segment,
        count(*),
        count(*) filter (where k.failed),
        count(*) filter (where k.late),
        count(*) filter (where k.had_friction)
    from shared_owner_keys as k
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
        sum(transfers)::bigint as transfers,  -- bigint on both engines (duckdb: hugeint)
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
    -- (named one by one, not columns(* exclude ...): Spark has no star modifiers)
    coalesce(reached, 0) as reached, coalesce(failed, 0) as failed, coalesce(late, 0) as late,
    coalesce(with_friction, 0) as with_friction, coalesce(contacts, 0) as contacts,
    coalesce(avoidable_contacts, 0) as avoidable_contacts, coalesce(repeat_contacts, 0) as repeat_contacts,
    coalesce(transferred_contacts, 0) as transferred_contacts, coalesce(transfers, 0) as transfers,
    coalesce(contact_cost_eur, 0) as contact_cost_eur, coalesce(avoidable_cost_eur, 0) as avoidable_cost_eur,
    coalesce(escalations_received, 0) as escalations_received,
    coalesce(escalations_answered, 0) as escalations_answered,
    coalesce(escalation_hours_sum, 0) as escalation_hours_sum
from journey_counts
full outer join contact_counts using (dimension, key, period_month, segment)
full outer join escalation_counts using (dimension, key, period_month, segment)
