-- grain: one row per journey start month x segment x path (the stage sequence of its visits, rework kept) x outcome
-- key: period_month, segment, path, outcome
-- incremental: period_month
-- Journeys are counted per sequence of stage orders (integers); only the few hundred distinct
-- sequences are turned into stage names. A journey's visits are its reached int_journey_stages
-- rows in time order, unless its stages interleave (then its rows of int_stage_visits).
with sequences as (
    select s.journey_id, list(s.stage_order order by s.entered_at) as stage_orders
    from int_journey_stages as s
    anti join int_stage_visits as v on v.journey_id = s.journey_id
    where s.reached
    group by s.journey_id
    union all
    select journey_id, list(stage_order order by visit_number)
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
named as (
    select
        stage_orders,
        string_agg(m.stage, ' > ' order by u.position) as path
    from (select distinct stage_orders from counted) as d,
         unnest(d.stage_orders) with ordinality as u(stage_order, position)
    join map_stages as m using (stage_order)
    group by stage_orders
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
