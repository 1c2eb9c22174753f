-- grain: one row per journey start month x segment x path (the stage sequence of its visits, rework kept) x outcome
-- key: period_month, segment, path, outcome
-- incremental: period_month
-- Journeys are counted per sequence of stage orders (integers); only the few hundred distinct
-- sequences are turned into stage names. A journey's visits are its reached int_journey_stages
-- rows in time order, unless its stages interleave (then its rows of int_stage_visits).
with sequences as (
    -- sorted structs, not list(x order by y): Spark drops an aggregate's order (docs/scaling.md)
    select s.journey_id,
        list_transform(list_sort(list({'k': s.entered_at, 'v': s.stage_order})), lambda e: e.v) as stage_orders
    from int_journey_stages as s
    anti join int_stage_visits as v on v.journey_id = s.journey_id
    where s.reached
    group by s.journey_id
    union all
    select journey_id, list_transform(list_sort(list({'k': visit_number, 'v': stage_order})), lambda e: e.v)
    from int_stage_visits
    group by journey_id
),
counted as (
    select
        o.period_month,
        o.segment,
        s.stage_orders,
        o.outcome,
        count(*) as journeys,
        count(*) filter (where j.stages_with_friction > 0) as journeys_with_friction
    from sequences as s
    join int_journey_outcomes as o using (journey_id)
    join int_journeys as j using (journey_id)
    group by all
),
positions as (
    -- each distinct sequence's stage orders with their 1-based positions (not `unnest ... with
    -- ordinality` and a using join on its column: Spark has neither)
    select d.stage_orders, unnest(d.stage_orders) as stage_order,
        generate_subscripts(d.stage_orders, 1) as position
    from (select distinct stage_orders from counted) as d
),
named as (
    select
        p.stage_orders,
        array_to_string(list_transform(list_sort(list({'k': p.position, 'v': m.stage})), lambda e: e.v), ' > ')
            as path
    from positions as p
    join map_stages as m on m.stage_order = p.stage_order
    group by p.stage_orders
)
select
    c.period_month,
    c.segment,
    n.path,
    c.outcome,
    c.journeys,
    c.journeys_with_friction
from counted as c
join named as n using (stage_orders)
