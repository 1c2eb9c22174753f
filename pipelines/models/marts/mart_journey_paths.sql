-- one row per journey start month x segment x path (the stage sequence of its visits, rework kept) x outcome
-- incremental: period_month
with paths as (
    select
        journey_id,
        string_agg(stage, ' > ' order by visit_number) as path
    from int_stage_visits
    group by journey_id
)
select
    o.period_month,
    o.segment,
    p.path,
    o.outcome,
    count(*) as journeys,
    count(*) filter (where j.stages_with_friction > 0) as journeys_with_friction
from paths as p
join int_journey_outcomes as o using (journey_id)
join int_journeys as j using (journey_id)
group by all
