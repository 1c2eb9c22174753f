-- grain: one row per stage visit (a maximal run of consecutive mapped events in one stage) of a journey whose stages interleave; the visits of every other journey are its int_journey_stages rows
-- key: journey_id, visit_number
-- incremental: customer_id
-- A journey whose stages follow one another strictly in time (every stage's last event before the
-- next stage's first) visits each stage once, in the order its stages were entered: its visits are
-- its reached rows of int_journey_stages, and the marts (mart_stage_transitions,
-- mart_journey_paths) take them from there, so they are not written here. Only the other journeys
-- (rework, interleaved stages, or one timestamp shared by two stages: 11% of the journeys at scale
-- L, mostly such ties) have their events sorted into runs, and only their visits are stored, as
-- narrow as the marts need them. Stages travel as their stage_order to keep the sorted rows narrow.
with stage_spans as (
    -- ordered by entry only: stages entered at the same moment overlap whichever comes first
    select
        journey_id,
        customer_id,
        period_month,
        lag(left_at) over (partition by journey_id order by entered_at) >= entered_at as overlaps_previous
    from int_journey_stages
    where reached
),
interleaved as (
    select journey_id, any_value(customer_id) as customer_id, any_value(period_month) as period_month
    from stage_spans
    where overlaps_previous
    group by journey_id
),
mapped as materialized (
    select
        e.journey_id,
        e.event_id,
        e.batch_id,
        e.source_row,
        e.occurred_at,
        m.stage_order,
        a.rule_order
    from stg_journey_events as e
    semi join interleaved as i on i.journey_id = e.journey_id
    join int_activity_stages as a using (activity)
    join map_stages as m on m.stage = a.stage
),
several_files as (
    select journey_id from mapped group by journey_id having min(batch_id) <> max(batch_id)
),
tied as (
    -- events at the same moment: those of one file keep the file's order; the files' blocks go
    -- in journey-map order (stage, then activity rule) - see docs/data-model.md. Within one file
    -- the block keys are the same for every event at a moment, so they are computed only for
    -- journeys whose events come from several files.
    select
        *,
        min(stage_order) over tie as tie_stage_order,
        min(rule_order) over tie as tie_rule_order
    from mapped
    semi join several_files using (journey_id)
    window tie as (partition by journey_id, occurred_at, batch_id)
    union all
    select *, 0, 0
    from mapped
    anti join several_files using (journey_id)
),
numbered as (
    select
        *,
        row_number() over w as event_number,
        lag(stage_order) over w is distinct from stage_order as starts_visit
    from tied
    window w as (partition by journey_id order by occurred_at, tie_stage_order, tie_rule_order, batch_id,
                                                 source_row, stage_order, event_id)
),
runs as (
    select
        journey_id,
        stage_order,
        occurred_at,
        -- bigint on both engines (duckdb's sum is hugeint)
        cast(sum(starts_visit::integer) over (partition by journey_id order by event_number
                                              rows between unbounded preceding and current row) as bigint)
            as visit_number
    from numbered
),
visits as (
    select
        journey_id,
        visit_number,
        any_value(stage_order) as stage_order,
        min(occurred_at) as entered_at,
        max(occurred_at) as left_at
    from runs
    group by journey_id, visit_number
)
select
    v.journey_id,
    i.customer_id,
    v.visit_number,
    m.stage,
    v.stage_order,
    v.entered_at,
    v.left_at,
    i.period_month
from visits as v
join interleaved as i using (journey_id)
join map_stages as m using (stage_order)
