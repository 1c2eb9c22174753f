-- one row per journey per stage visit (a maximal run of consecutive mapped events in the same stage), with the next visit
-- incremental: customer_id
-- Built for ~17M events: one window pass over the events keeps only the first and the last
-- event of each visit; a second pass over those (at most two rows per visit) pairs them up.
-- Stages travel as their stage_order (an integer) to keep the sorted rows narrow.
with mapped as (
    select
        e.journey_id,
        e.customer_id,
        e.event_id,
        e.occurred_at,
        e.is_failed,
        e.is_late,
        m.stage_order
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    join map_stages as m on m.stage = a.stage
),
ordered as (
    select
        journey_id,
        customer_id,
        stage_order,
        occurred_at,
        is_failed,
        is_late,
        lag(stage_order) over w is distinct from stage_order as starts_visit,
        lead(stage_order) over w is distinct from stage_order as ends_visit,
        row_number() over w as event_number,
        count(*) filter (where is_failed) over w as failed_so_far,   -- up to and including this event
        count(*) filter (where is_late) over w as late_so_far
    from mapped
    window w as (partition by journey_id order by occurred_at, event_id
                 rows between unbounded preceding and current row)
),
paired as (
    -- the first and last event of every visit (one row when the visit has a single event), in order
    select
        journey_id,
        customer_id,
        stage_order,
        starts_visit,
        occurred_at as entered_at,
        case when ends_visit then occurred_at else lead(occurred_at) over j end as left_at,
        case when ends_visit then event_number else lead(event_number) over j end
            - event_number + 1 as events,
        -- running count at the visit's last event minus the count before its first event
        case when ends_visit then failed_so_far else lead(failed_so_far) over j end
            - (failed_so_far - is_failed::integer) > 0 as failed,
        case when ends_visit then late_so_far else lead(late_so_far) over j end
            - (late_so_far - is_late::integer) > 0 as late,
        -- the next visit starts one row later when this event also ends the visit, else two
        case when ends_visit then lead(stage_order) over j else lead(stage_order, 2) over j end
            as next_stage_order,
        case when ends_visit then lead(occurred_at) over j else lead(occurred_at, 2) over j end
            as next_entered_at,
        sum(starts_visit::integer) over (j rows between unbounded preceding and current row) as visit_number,
        max(stage_order) over (j rows between unbounded preceding and 1 preceding) as furthest_before
    from ordered
    where starts_visit or ends_visit
    window j as (partition by journey_id order by event_number)
)
select
    p.journey_id,
    p.customer_id,
    p.visit_number,
    m.stage,
    p.stage_order,
    m.owner,
    p.entered_at,
    p.left_at,
    p.events,
    p.failed,
    p.late,
    coalesce(p.stage_order <= p.furthest_before, false) as is_rework,
    p.next_stage_order is null as is_last_visit,
    n.stage as next_stage,
    p.next_entered_at,
    coalesce(p.next_stage_order <= greatest(p.stage_order, p.furthest_before), false) as next_is_rework
from paired as p
join map_stages as m on m.stage_order = p.stage_order
left join map_stages as n on n.stage_order = p.next_stage_order
where p.starts_visit
