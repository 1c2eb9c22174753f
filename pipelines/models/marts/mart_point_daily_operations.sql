-- grain: one row per dimension (stage | owner) x key x month x day (company time zone): journeys that reached the point that day and those with friction there; contacts caused and their avoidable cost that day, for before/after comparisons
-- key: dimension, key, period_month, day
-- incremental: period_month
-- A journey counts on the day the point first concerned it (entered, or overdue: concerned_from),
-- with friction as in mart_friction_operations (a failure or a missed promise or sla); an owner
-- counts a journey once, on the day the first of its stages concerned it. period_month is the
-- journey's start month for journey counts and the contact's month for contact counts.
with concerned as (
    select journey_id, stage, owner, period_month,
           cast(local_time(concerned_from) as date) as day,
           first_friction_at is not null as had_friction
    from int_journey_stages
    where concerned_from is not null
),
journey_keys as (
    select 'stage' as dimension, stage as key, period_month, day, had_friction
    from concerned
    union all
    select 'owner', owner, any_value(period_month), min(day), bool_or(had_friction)
    from concerned
    group by journey_id, owner
),
journey_counts as (
    select
        dimension, key, period_month, day,
        count(*) as reached,
        count(*) filter (where had_friction) as with_friction
    from journey_keys
    group by all
),
contacts as (
    select customer_id, stage, owner, period_month, cast(local_time(opened_at) as date) as day,
           avoidable, cost_eur
    from int_contacts_attributed
    where owner is not null
),
contact_keys as (
    select 'stage' as dimension, stage as key, * exclude (stage, owner)
    from contacts where stage is not null
    union all
    select 'owner', owner, * exclude (stage, owner)
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
        sum(cluster_contacts) as contacts_sq,
        count(*) filter (where avoidable) as avoidable_contacts,
        coalesce(sum(cost_eur) filter (where avoidable), 0) as avoidable_cost_eur,
        coalesce(sum(cost_eur * cluster_avoidable_cost) filter (where avoidable), 0) as avoidable_cost_sq
    from clustered
    group by all
)
select
    dimension, key, period_month, day,
    coalesce(columns(* exclude (dimension, key, period_month, day)), 0)
from journey_counts
full outer join contact_counts using (dimension, key, period_month, day)
