-- grain: one row per journey per stage visit (a maximal run of consecutive mapped events in the same stage), with the next visit
-- key: journey_id, visit_number
-- incremental: customer_id
-- Built for ~17M events without sorting them all. A journey whose stages follow one another
-- strictly in time (every stage's last event before the next stage's first) visits each stage
-- once, so its visits are its rows of int_journey_stages in time order. Only the other journeys
-- (rework, interleaved stages, or one timestamp shared by two stages: ~4% in the demo) have their
-- events sorted into runs. Stages travel as their stage_order to keep the sorted rows narrow.
with stage_spans as (
    select
        journey_id,
        customer_id,
        stage_order,
        entered_at,
        left_at,
        events,
        failed,
        coalesce(lag(left_at) over w >= entered_at, false) as overlaps_previous,
        row_number() over w as visit_number,
        max(stage_order) over (w rows between unbounded preceding and 1 preceding) as furthest_before,
        lead(stage_order) over w as next_stage_order,
        lead(entered_at) over w as next_entered_at,
        period_month
    from int_journey_stages
    where reached
    window w as (partition by journey_id order by entered_at, stage_order)
),
interleaved as (
    select distinct journey_id from stage_spans where overlaps_previous
),
interleaved_mapped as (
    select
        e.journey_id,
        e.customer_id,
        e.event_id,
        e.batch_id,
        e.source_row,
        e.occurred_at,
        e.is_failed,
        m.stage_order,
        a.rule_order,
        -- events at the same moment: those of one file keep the file's order; the files'
        -- blocks go in journey-map order (stage, then activity rule) - see docs/data-model.md
        min(m.stage_order) over tie as tie_stage_order,
        min(a.rule_order) over tie as tie_rule_order
    from stg_journey_events as e
    semi join interleaved as i on i.journey_id = e.journey_id
    join int_activity_stages as a using (activity)
    join map_stages as m on m.stage = a.stage
    window tie as (partition by e.journey_id, e.occurred_at, e.batch_id)
),
interleaved_events as (
    select
        *,
        row_number() over (partition by journey_id order by occurred_at, tie_stage_order, tie_rule_order,
                                                            batch_id, source_row, stage_order, event_id)
            as event_number
    from interleaved_mapped
),
interleaved_starts as (
    select
        *,
        lag(stage_order) over (partition by journey_id order by event_number) is distinct from stage_order
            as starts_visit
    from interleaved_events
),
interleaved_runs as (
    select
        *,
        sum(starts_visit::integer) over (partition by journey_id order by event_number
                                         rows between unbounded preceding and current row) as visit_number
    from interleaved_starts
),
interleaved_visits as (
    select
        journey_id,
        any_value(customer_id) as customer_id,
        visit_number,
        any_value(stage_order) as stage_order,
        min(occurred_at) as entered_at,
        max(occurred_at) as left_at,
        count(*) as events,
        bool_or(is_failed) as failed,
        local_month(min(min(occurred_at)) over (partition by journey_id)) as period_month
    from interleaved_runs
    group by journey_id, visit_number
),
interleaved_linked as (
    select
        *,
        max(stage_order) over (w rows between unbounded preceding and 1 preceding) as furthest_before,
        lead(stage_order) over w as next_stage_order,
        lead(entered_at) over w as next_entered_at
    from interleaved_visits
    window w as (partition by journey_id order by visit_number)
),
visits as (
    select journey_id, customer_id, visit_number, stage_order, entered_at, left_at, events, failed,
           furthest_before, next_stage_order, next_entered_at, period_month
    from stage_spans
    anti join interleaved using (journey_id)
    union all
    select journey_id, customer_id, visit_number, stage_order, entered_at, left_at, events, failed,
           furthest_before, next_stage_order, next_entered_at, period_month
    from interleaved_linked
)
select
    v.journey_id,
    v.customer_id,
    v.visit_number,
    m.stage,
    v.stage_order,
    m.owner,
    v.entered_at,
    v.left_at,
    v.events,
    v.failed,
    coalesce(v.stage_order <= v.furthest_before, false) as is_rework,
    v.next_stage_order is null as is_last_visit,
    n.stage as next_stage,
    v.next_entered_at,
    coalesce(v.next_stage_order <= greatest(v.stage_order, v.furthest_before), false) as next_is_rework,
    v.period_month
from visits as v
join map_stages as m on m.stage_order = v.stage_order
left join map_stages as n on n.stage_order = v.next_stage_order
