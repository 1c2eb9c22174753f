-- lower bound of the friction table by stage: ONE hand-written query from the raw tables
-- (raw_journey_events, raw_survey_responses, raw_contacts) and the journey-map tables (map_*)
-- that gives exactly the stage rows of mart_friction (same columns, same order), written for
-- speed: the events are grouped by journey x stage once, one window over those rows (the
-- previous stage's exit, for SLAs), everything else aggregated; no tables, no project macros.
-- grain: one row per stage x metric over all data (mart_friction where dimension = 'stage')
-- key: stage, metric
-- The rules are those of the models (pipelines/models; docs/metrics.md "Lateness"); the metric
-- scales and thresholds of core/metrics.py and the formulas of pipelines/models/macros.sql are
-- written out inline.
with settings as (
    select
        max(number) filter (where key = 'min_n') as min_n,
        max(number) filter (where key = 'alpha') as alpha,
        max(number) filter (where key = 'repeat_contact_window_days') as repeat_days
    from map_settings
),
stage_info as (
    -- per stage: its SLA, whether it completes a journey, which done rule applies, and the
    -- stage its promises are for (the first promised stage at or after it, else itself)
    select
        s.stage,
        s.stage_order,
        s.sla_hours,
        s.completes_journey,
        s.has_done_rule,
        coalesce(
            (select min(p.stage_order) from map_stages as p where p.promised and p.stage_order >= s.stage_order),
            s.stage_order
        ) as promise_order
    from map_stages as s
),
activity_rules as (
    -- activity -> stage of the first matching rule
    select a.activity, arg_min(r.stage, r.rule_order) as stage
    from (select distinct activity from raw_journey_events) as a
    join map_activity_rules as r on a.activity like r.like_pattern escape '\'
    group by a.activity
),
activities as (
    select
        a.activity,
        s.stage_order,
        coalesce(
            (select bool_or(a.activity like d.like_pattern escape '\')
             from map_stage_done_rules as d where d.stage = a.stage),
            false
        ) as is_done
    from activity_rules as a
    join map_stages as s using (stage)
),
event_stages as (
    -- the one pass over the events: journey x stage
    select
        e.journey_id,
        a.stage_order,
        any_value(e.customer_id) as customer_id,
        min(e.occurred_at) as entered_at,
        max(e.occurred_at) as left_at,
        min(e.occurred_at) filter (where lower(e.outcome) = 'failed') as first_failed_at,
        max(e.occurred_at) filter (where lower(e.outcome) = 'failed') as last_failed_at,
        min(e.occurred_at) filter (where a.is_done) as done_event_at,
        min(e.promised_at) as promise_carried_at
    from raw_journey_events as e
    join activities as a using (activity)
    group by e.journey_id, a.stage_order
),
data_end as (
    select max(occurred_at) as data_end from raw_journey_events
),
reached as (
    select
        e.*,
        i.sla_hours,
        i.has_done_rule,
        i.completes_journey,
        i.promise_order,
        lag(e.left_at) over (partition by e.journey_id order by e.stage_order) as previous_left_at
    from event_stages as e
    join stage_info as i using (stage_order)
),
journeys as (
    select
        journey_id,
        any_value(customer_id) as customer_id,
        min(entered_at) as started_at,
        max(stage_order) as furthest_order,
        arg_max(left_at, stage_order) as furthest_left_at,
        arg_max(coalesce(last_failed_at = left_at, false), stage_order) as furthest_ended_failed,
        bool_or(completes_journey) as completed
    from reached
    group by journey_id
),
pending as (
    -- deadlines of stages a row of its own does not carry: promises an event carries for a
    -- later stage, and the SLA of the stage right after the furthest one (not ended by a
    -- failure, journey not complete)
    select journey_id, stage_order, min(promise_at) as promise_at, min(sla_due_at) as sla_due_at
    from (
        select journey_id, promise_order as stage_order, promise_carried_at as promise_at,
               null::timestamp as sla_due_at
        from reached
        where promise_carried_at is not null and promise_order <> stage_order
        union all
        select j.journey_id, n.stage_order, null, j.furthest_left_at + to_seconds(n.sla_hours * 3600)
        from journeys as j
        join stage_info as n on n.stage_order = j.furthest_order + 1
        where n.sla_hours is not null and not j.furthest_ended_failed and not j.completed
    )
    group by journey_id, stage_order
),
deadlines as (
    select
        coalesce(r.journey_id, p.journey_id) as journey_id,
        coalesce(r.stage_order, p.stage_order) as stage_order,
        r.entered_at,
        r.first_failed_at,
        case when r.has_done_rule then r.done_event_at else r.left_at end as done_at,
        least(case when r.promise_order = r.stage_order then r.promise_carried_at end, p.promise_at)
            as promise_at,
        case when r.journey_id is null then p.sla_due_at
             when r.sla_hours is not null
             then coalesce(r.previous_left_at, r.entered_at) + to_seconds(r.sla_hours * 3600)
             end as sla_due_at
    from reached as r
    full outer join pending as p using (journey_id, stage_order)
),
missed as (
    select
        d.journey_id,
        d.stage_order,
        d.entered_at,
        d.first_failed_at,
        case when d.promise_at < coalesce(d.done_at, 'infinity'::timestamp)
             and d.promise_at <= e.data_end then d.promise_at end as promise_missed_at,
        case when d.sla_due_at < coalesce(d.done_at, 'infinity'::timestamp)
             and d.sla_due_at <= e.data_end then d.sla_due_at end as sla_missed_at
    from deadlines as d
    cross join data_end as e
),
stage_rows as materialized (
    -- journey x stage rows that concern the journey (reached, or overdue), narrow
    select
        journey_id,
        stage_order,
        first_failed_at is not null as failed,
        promise_missed_at is not null or sla_missed_at is not null as late,
        least(first_failed_at, promise_missed_at, sla_missed_at) as first_friction_at,
        least(entered_at, promise_missed_at, sla_missed_at) as concerned_from
    from missed
    where entered_at is not null or promise_missed_at is not null or sla_missed_at is not null
),
operations as (
    select
        stage_order,
        count(*) as reached,
        count(*) filter (where failed) as failed,
        count(*) filter (where late) as late,
        count(first_friction_at) as with_friction
    from stage_rows
    group by stage_order
),
candidates as (
    -- the journeys a response or contact without a journey can belong to: of a customer's
    -- journeys starting at the same moment, the greatest id
    select customer_id, started_at, max(journey_id) as journey_id
    from journeys
    group by customer_id, started_at
),
responses as (
    -- valid responses on their metric's scale (core/metrics.py SCALES, POSITIVE_FROM, NEGATIVE_UP_TO)
    select
        metric,
        score,
        customer_id,
        nullif(trim(journey_id), '') as journey_id,
        responded_at,
        case metric when 'nps' then score >= 9 when 'csat' then score >= 4 when 'ces' then score >= 5 end
            as is_positive,
        coalesce(case metric when 'nps' then score <= 6 else false end, false) as is_negative
    from raw_survey_responses
    where coalesce(case metric
        when 'nps' then scale_min = 0 and scale_max = 10 and score between 0 and 10 and score = round(score)
        when 'csat' then scale_min = 1 and scale_max = 5 and score between 1 and 5
        when 'ces' then scale_min = 1 and scale_max = 7 and score between 1 and 7
        else false end, false)
),
responses_attached as (
    select r.*, coalesce(r.journey_id, c.journey_id) as attached_journey_id
    from responses as r
    asof left join candidates as c
        on c.customer_id = r.customer_id and c.started_at <= r.responded_at
),
n_all as (
    select metric, count(*) as n_all from responses group by metric
),
cells as (
    select
        r.stage_order,
        r.metric,
        count(*) filter (where had_friction) as n_with,
        count(*) filter (where had_friction and r.is_positive) as pos_with,
        count(*) filter (where had_friction and r.is_negative) as neg_with,
        coalesce(sum(r.score) filter (where had_friction), 0) as sum_with,
        coalesce(sum(r.score * r.score) filter (where had_friction), 0) as sumsq_with,
        count(*) filter (where not had_friction) as n_without,
        count(*) filter (where not had_friction and r.is_positive) as pos_without,
        count(*) filter (where not had_friction and r.is_negative) as neg_without,
        coalesce(sum(r.score) filter (where not had_friction), 0) as sum_without,
        coalesce(sum(r.score * r.score) filter (where not had_friction), 0) as sumsq_without
    from (
        -- exposure: the stages the journey had reached or was overdue for by the answer
        select
            s.stage_order,
            r.metric,
            r.score,
            r.is_positive,
            r.is_negative,
            coalesce(s.first_friction_at <= r.responded_at, false) as had_friction
        from responses_attached as r
        join stage_rows as s
            on s.journey_id = r.attached_journey_id and s.concerned_from <= r.responded_at
    ) as r
    group by r.stage_order, r.metric
),
contacts as (
    -- contacts with their reason's stage and flags, cost, and whether they repeat one of the
    -- customer's contacts for the same reason within the window
    select
        c.contact_id,
        c.customer_id,
        c.journey_id,
        c.opened_at,
        c.transfers,
        r.stage as reason_stage,
        coalesce(r.avoidable, false) as avoidable,
        coalesce(k.cost_eur, 0.0) as cost_eur,
        coalesce(
            date_diff('second', lag(c.opened_at) over same_reason, c.opened_at)
                <= (select repeat_days from settings) * 86400,
            false
        ) as is_repeat
    from (
        select
            contact_id,
            customer_id,
            nullif(trim(journey_id), '') as journey_id,
            opened_at,
            lower(trim(channel)) as channel,
            nullif(lower(trim(reason)), '') as reason,
            coalesce(transfers, 0) as transfers
        from raw_contacts
    ) as c
    left join map_contact_reasons as r on r.reason = c.reason
    left join map_channel_costs as k on k.channel = c.channel
    window same_reason as (
        partition by c.customer_id, coalesce(c.reason, 'unknown') order by c.opened_at, c.contact_id
    )
),
contacts_positioned as (
    -- contacts without a reason stage: where their journey stood (the stage entered last by
    -- then, overdue stages from their deadline, ties to the later stage)
    select c.contact_id, arg_max(s.stage_order, (s.concerned_from, s.stage_order)) as stage_order
    from contacts as c
    asof left join candidates as j
        on j.customer_id = c.customer_id and j.started_at <= c.opened_at
    join stage_rows as s
        on s.journey_id = coalesce(c.journey_id, j.journey_id) and s.concerned_from <= c.opened_at
    where c.reason_stage is null
    group by c.contact_id
),
contact_counts as (
    select
        coalesce(c.reason_stage, i.stage) as stage,
        count(*) as contacts,
        count(*) filter (where c.avoidable) as avoidable_contacts,
        count(*) filter (where c.is_repeat) as repeat_contacts,
        count(*) filter (where c.transfers > 0) as transferred_contacts,
        coalesce(sum(c.cost_eur) filter (where c.avoidable), 0) as avoidable_cost_eur
    from contacts as c
    left join contacts_positioned as p using (contact_id)
    left join stage_info as i on i.stage_order = p.stage_order
    where coalesce(c.reason_stage, i.stage) is not null
    group by all
),
measured as (
    select
        i.stage as key,
        c.metric,
        i.stage_order as sort_order,
        (select count(*) from journeys) as journeys,
        t.n_all,
        coalesce(o.reached, 0) as reach,
        coalesce(o.with_friction, 0) as journeys_with_friction,
        o.failed / nullif(o.reached, 0) as failure_rate,
        o.late / nullif(o.reached, 0) as late_rate,
        o.with_friction / nullif(o.reached, 0) as friction_rate,
        coalesce(k.contacts, 0) as contacts,
        100.0 * k.contacts / nullif(o.reached, 0) as contacts_per_100,
        k.avoidable_contacts / nullif(k.contacts, 0) as avoidable_share,
        k.repeat_contacts / nullif(k.contacts, 0) as repeat_share,
        k.transferred_contacts / nullif(k.contacts, 0) as transfer_rate,
        coalesce(k.avoidable_cost_eur, 0) as avoidable_cost_eur,
        c.n_with,
        c.n_without,
        c.n_with >= st.min_n and c.n_without >= st.min_n as enough_n,
        st.alpha,
        -- metric_value (macros.sql) of each side
        case when c.n_with = 0 then null
             when c.metric = 'nps' then 100.0 * (c.pos_with - c.neg_with) / c.n_with
             when c.metric = 'csat' then 100.0 * c.pos_with / c.n_with
             else c.sum_with / c.n_with end as value_with,
        case when c.n_without = 0 then null
             when c.metric = 'nps' then 100.0 * (c.pos_without - c.neg_without) / c.n_without
             when c.metric = 'csat' then 100.0 * c.pos_without / c.n_without
             else c.sum_without / c.n_without end as value_without,
        -- unit_variance (macros.sql) of each side
        case when c.n_with = 0 then null
             when c.metric = 'nps' then 10000.0 * (c.pos_with / c.n_with + c.neg_with / c.n_with
                 - pow(c.pos_with / c.n_with - c.neg_with / c.n_with, 2))
             when c.metric = 'csat' then 10000.0 * (c.pos_with / c.n_with) * (1.0 - c.pos_with / c.n_with)
             when c.n_with > 1 then greatest(0.0, (c.sumsq_with - c.sum_with * c.sum_with / c.n_with)
                 / (c.n_with - 1))
             end as var_with,
        case when c.n_without = 0 then null
             when c.metric = 'nps' then 10000.0 * (c.pos_without / c.n_without + c.neg_without / c.n_without
                 - pow(c.pos_without / c.n_without - c.neg_without / c.n_without, 2))
             when c.metric = 'csat'
                 then 10000.0 * (c.pos_without / c.n_without) * (1.0 - c.pos_without / c.n_without)
             when c.n_without > 1 then greatest(0.0, (c.sumsq_without - c.sum_without * c.sum_without
                 / c.n_without) / (c.n_without - 1))
             end as var_without
    from cells as c
    join stage_info as i using (stage_order)
    cross join settings as st
    left join operations as o using (stage_order)
    left join contact_counts as k on k.stage = i.stage
    left join n_all as t using (metric)
),
tested as (
    select
        *,
        case when n_with >= 2 and n_without >= 2 then sqrt(var_with / n_with + var_without / n_without)
             end as se_all,
        case when enough_n then value_with end as score_with,
        case when enough_n then value_without end as score_without,
        case when enough_n then value_with - value_without end as delta
    from measured
),
z as (
    -- p_two_sided (macros.sql): erfc by the numerical-recipes polynomial, x = |z| / sqrt(2)
    select *, 1.0 / (1.0 + 0.5 * (abs(delta / se_all) / sqrt(2.0))) as erfc_t,
           abs(delta / se_all) / sqrt(2.0) as erfc_x
    from tested
),
p as (
    select
        * exclude (se_all, erfc_t, erfc_x),
        case when enough_n then se_all end as se,
        case when enough_n and se_all > 0 then erfc_t * exp(-erfc_x * erfc_x - 1.26551223 + erfc_t * (1.00002368
                 + erfc_t * (0.37409196 + erfc_t * (0.09678418 + erfc_t * (-0.18628806 + erfc_t * (0.27886807
                 + erfc_t * (-1.13520398 + erfc_t * (1.48851587 + erfc_t * (-0.82215223
                 + erfc_t * 0.17087277)))))))))
             when enough_n and se_all = 0 then case when value_with = value_without then 1.0 else 0.0 end
             end as p_value
    from z
),
ranked as (
    select
        *,
        count(p_value) over () as tests_in_family,
        row_number() over (order by p_value nulls last, key, metric) as p_rank
    from p
),
adjusted as (
    select
        *,
        least(1.0, min(p_value * tests_in_family / p_rank) over (
            order by p_rank desc rows between unbounded preceding and current row)) as p_adjusted_raw
    from ranked
),
final as (
    select
        'stage' as dimension,
        a.key,
        a.key as stage,
        s.owner,
        a.metric,
        s.name_en,
        s.name_fi,
        f.name_en as owner_name_en,
        f.name_fi as owner_name_fi,
        a.sort_order,
        a.journeys,
        a.reach,
        a.reach / nullif(a.journeys, 0) as reach_rate,
        a.failure_rate,
        a.late_rate,
        a.journeys_with_friction,
        a.friction_rate,
        a.contacts,
        a.contacts_per_100,
        a.avoidable_share,
        a.repeat_share,
        a.transfer_rate,
        a.avoidable_cost_eur,
        null::double as escalation_hours_mean,  -- escalations count for owners only
        a.n_with,
        a.score_with,
        a.n_without,
        a.score_without,
        a.n_all,
        a.enough_n,
        a.delta,
        a.se,
        a.delta - 1.959963984540054 * a.se as ci_low,
        a.delta + 1.959963984540054 * a.se as ci_high,
        a.p_value,
        case when a.p_value is not null then a.p_adjusted_raw end as p_adjusted,
        coalesce(a.p_value is not null and a.p_adjusted_raw < a.alpha, false) as significant,
        -a.delta * a.n_with / nullif(a.n_all, 0) as points_at_stake,
        -(a.delta + 1.959963984540054 * a.se) * a.n_with / nullif(a.n_all, 0) as stake_ci_low,
        -(a.delta - 1.959963984540054 * a.se) * a.n_with / nullif(a.n_all, 0) as stake_ci_high
    from adjusted as a
    left join map_stages as s on s.stage = a.key
    left join map_functions as f on f.function_id = s.owner
)
select
    *,
    row_number() over (
        order by significant desc, points_at_stake desc nulls last, sort_order nulls last, key, metric
    ) as rank
from final
order by rank
