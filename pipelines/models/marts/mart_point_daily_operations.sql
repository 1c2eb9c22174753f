-- grain: one row per dimension (stage | owner) x key x month x day (company time zone): journeys that reached the point that day and those with friction there; contacts caused and their avoidable cost that day, for before/after comparisons
-- key: dimension, key, period_month, day
-- incremental: additive (kept while reached + contacts > 0)
-- A journey counts on the day the point first concerned it (entered, or overdue: concerned_from),
-- with friction as in mart_friction_operations (a failure or a missed promise or sla); an owner
-- counts a journey once, on the day the first of its stages concerned it. period_month is the
-- journey's start month for journey counts and the contact's month for contact counts.
with stage_rows as not materialized (
    select journey_id, stage, owner, period_month, concerned_from, first_friction_at is not null as had_friction
    from int_journey_stages
    where concerned_from is not null
),
utc_hours as (
    -- the company's offset from UTC at both ends of each hour a stage first concerned a journey:
    -- one time-zone conversion per hour instead of one per row. Within an hour whose two ends
    -- have the same offset the offset does not change; in the others (and for a time out of any
    -- data's range, e.g. infinity) each row is converted.
    select hour,
           local_time(hour) - hour as offset_at_start,
           local_time(hour + interval 1 hour) - (hour + interval 1 hour) as offset_at_end
    from (select distinct date_trunc('hour', concerned_from) as hour from stage_rows)
    where hour between timestamp '1000-01-01' and timestamp '9000-01-01'
),
concerned as not materialized (
    select
        s.journey_id, s.stage, s.owner, s.period_month, s.had_friction,
        case when h.offset_at_start = h.offset_at_end then cast(s.concerned_from + h.offset_at_start as date)
             else cast(local_time(s.concerned_from) as date) end as day
    from stage_rows as s
    left join utc_hours as h on h.hour = date_trunc('hour', s.concerned_from)
),
owner_stages as (
    select owner, count(*) as stages from map_stages group by owner
),
journey_keys as (
    select 'stage' as dimension, stage as key, period_month, day, had_friction
    from concerned
    union all
    -- an owner of several stages counts a journey once (an owner of one stage: below)
    select 'owner', owner, any_value(period_month), min(day), bool_or(had_friction)
    from concerned
    semi join owner_stages as o on o.owner = concerned.owner and o.stages > 1
    group by journey_id, owner
),
keyed_counts as (
    select
        dimension, key, period_month, day,
        count(*) as reached,
        count(*) filter (where had_friction) as with_friction
    from journey_keys
    group by all
),
journey_counts as (
    select * from keyed_counts
    union all
    -- an owner of one stage counts what its stage counts
    select 'owner', m.owner, c.period_month, c.day, c.reached, c.with_friction
    from keyed_counts as c
    join map_stages as m on c.dimension = 'stage' and m.stage = c.key
    semi join owner_stages as o on o.owner = m.owner and o.stages = 1
),
contacts as (
    select customer_id, stage, owner, period_month, cast(local_time(opened_at) as date) as day,
           avoidable, cost_eur
    from int_contacts_attributed
    where owner is not null
),
contact_keys as (
    select 'stage' as dimension, stage as key, customer_id, period_month, day, avoidable, cost_eur
    from contacts where stage is not null
    union all
    select 'owner', owner, customer_id, period_month, day, avoidable, cost_eur
    from contacts
),
clustered as (
    -- a customer's contacts about one point in a month come together (repeats): the variance of
    -- a total is the sum of squared customer totals, spread here over the customer's contacts
    select
        *,
        count(*) over customer_point as cluster_contacts,
        coalesce(sum(cost_eur) filter (where avoidable) over customer_point, 0) as cluster_avoidable_cost
    from contact_keys
    window customer_point as (partition by customer_id, dimension, key, period_month)
),
contact_counts as (
    select
        dimension, key, period_month, day,
        count(*) as contacts,
        sum(cluster_contacts)::bigint as contacts_sq,  -- bigint on both engines
        count(*) filter (where avoidable) as avoidable_contacts,
        coalesce(sum(cost_eur) filter (where avoidable), 0) as avoidable_cost_eur,
        coalesce(sum(cost_eur * cluster_avoidable_cost) filter (where avoidable), 0) as avoidable_cost_sq
    from clustered
    group by all
)
select
    dimension, key, period_month, day,
    -- named one by one, not columns(* exclude ...): Spark has no star modifiers
    coalesce(reached, 0) as reached, coalesce(with_friction, 0) as with_friction,
    coalesce(contacts, 0) as contacts, coalesce(contacts_sq, 0) as contacts_sq,
    coalesce(avoidable_contacts, 0) as avoidable_contacts, coalesce(avoidable_cost_eur, 0) as avoidable_cost_eur,
    coalesce(avoidable_cost_sq, 0) as avoidable_cost_sq
from journey_counts
full outer join contact_counts using (dimension, key, period_month, day)
