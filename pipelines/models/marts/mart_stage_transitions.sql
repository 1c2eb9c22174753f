-- grain: one row per journey start month x segment x transition (a stage visit to the next visit, or the last visit to '(end)', '(dropped)' or '(in progress)') x rework x whether it leaves the journey's first visit x duration bucket
-- key: period_month, segment, from_stage, to_stage, is_rework, from_first_visit, duration_bucket
-- incremental: period_month
-- Counts are additive; durations are kept as a histogram for medians (docs/data-model.md). The
-- duration (seconds from the visit's last event to the next visit's first) falls in a bucket
-- whose lower edge is duration_bucket: 1 second wide below 256 s, then 2, 4, 8, 16 s wide up to
-- 4096 s, 32 s wide above - every bucket narrower than 1/128 of the durations in it and than
-- 32 s. min_seconds and max_seconds are the shortest and longest duration in the bucket, so a
-- median read from the buckets (dashboard/data_journey.py, transitions) interpolates between
-- them: it is exact when its bucket holds one distinct duration, and otherwise off by less than
-- 0.8% and less than 32 s (0.009 h). Transitions to a pseudo stage have no duration:
-- duration_bucket -1, min_seconds and max_seconds null.
-- Visits: a journey's reached int_journey_stages rows in time order, unless its stages interleave
-- (then its rows of int_stage_visits).
with linked as (
    select
        s.journey_id,
        s.stage_order,
        lag(s.stage_order) over w is null as from_first_visit,
        lead(s.stage_order) over w as next_order,
        date_diff('second', date_trunc('second', s.left_at), date_trunc('second', lead(s.entered_at) over w)) as seconds,
        -- the frame spelled out with the window, not added to the named one: Spark cannot parse `over (w rows ...)`
        max(s.stage_order) over (partition by s.journey_id order by s.entered_at
                                 rows between unbounded preceding and current row) as furthest
    from int_journey_stages as s
    anti join int_stage_visits as v on v.journey_id = s.journey_id
    where s.reached
    window w as (partition by s.journey_id order by s.entered_at)
    union all
    select
        journey_id,
        stage_order,
        visit_number = 1,
        lead(stage_order) over w,
        date_diff('second', date_trunc('second', left_at), date_trunc('second', lead(entered_at) over w)),
        max(stage_order) over (partition by journey_id order by visit_number
                                rows between unbounded preceding and current row)
    from int_stage_visits
    window w as (partition by journey_id order by visit_number)
),
counted as (
    select
        o.period_month,
        o.segment,
        l.stage_order,
        -- the next visit's stage order, or the journey's end as a negative code
        coalesce(l.next_order, case o.outcome when 'completed' then -1 when 'in_progress' then -2 else -3 end)
            as to_order,
        -- rework: the next visit's stage was visited before or lies before a stage reached earlier
        coalesce(l.next_order <= l.furthest, false) as is_rework,
        l.from_first_visit,
        coalesce(l.seconds - l.seconds % (case when l.seconds < 256 then 1 when l.seconds < 512 then 2
                                               when l.seconds < 1024 then 4 when l.seconds < 2048 then 8
                                               when l.seconds < 4096 then 16 else 32 end), -1)
            as duration_bucket,
        count(*) as transitions,
        min(l.seconds) as min_seconds,
        max(l.seconds) as max_seconds
    from linked as l
    join int_journey_outcomes as o using (journey_id)
    group by all
)
select
    c.period_month,
    c.segment,
    f.stage as from_stage,
    case c.to_order when -1 then '(end)' when -2 then '(in progress)' when -3 then '(dropped)' else t.stage end
        as to_stage,
    c.is_rework,
    c.from_first_visit,
    c.duration_bucket,
    c.transitions,
    c.min_seconds,
    c.max_seconds
from counted as c
join map_stages as f on f.stage_order = c.stage_order
left join map_stages as t on t.stage_order = c.to_order
