-- grain: one row per journey start month x segment x path (the stage sequence of its visits, rework kept) x outcome
-- key: period_month, segment, path, outcome
-- incremental: period_month
-- Journeys are counted per sequence of stage orders (integers); only the few hundred distinct
-- sequences are turned into stage names.
with sequences as (
    select
        journey_id,
        list(stage_order order by visit_number) as stage_orders
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
