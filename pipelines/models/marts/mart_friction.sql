-- grain: one row per dimension (stage | owner) x key x metric over all periods: friction measures, score with vs without, ranked by points at stake
-- key: dimension, key, metric
with settings as (
    select
        max(number) filter (where key = 'min_n') as min_n,
        max(number) filter (where key = 'alpha') as alpha
    from map_settings
),
cells as (
    select
        dimension, key, metric,
        sum(n_with)::bigint as n_with, sum(pos_with)::bigint as pos_with, sum(neg_with)::bigint as neg_with,
        sum(sum_with) as sum_with, sum(sumsq_with) as sumsq_with,
        sum(n_without)::bigint as n_without, sum(pos_without)::bigint as pos_without, sum(neg_without)::bigint as neg_without,
        sum(sum_without) as sum_without, sum(sumsq_without) as sumsq_without
    from mart_friction_cells
    group by all
),
operations as (
    select
        dimension, key,
        sum(reached)::bigint as reached, sum(failed)::bigint as failed, sum(late)::bigint as late,
        sum(with_friction)::bigint as with_friction, sum(contacts)::bigint as contacts,
        sum(avoidable_contacts)::bigint as avoidable_contacts, sum(repeat_contacts)::bigint as repeat_contacts,
        sum(transferred_contacts)::bigint as transferred_contacts, sum(avoidable_cost_eur) as avoidable_cost_eur,
        sum(escalations_answered)::bigint as escalations_answered, sum(escalation_hours_sum) as escalation_hours_sum
    from mart_friction_operations
    group by all
),
totals as (
    select
        (select sum(journeys)::bigint from mart_journey_volume) as journeys,
        metric,
        sum(n)::bigint as n_all
    from mart_scores
    group by metric
),
labels as (
    select 'stage' as dimension, s.stage as key, s.stage_order as sort_order, s.owner,
           s.name_en, s.name_fi, f.name_en as owner_name_en, f.name_fi as owner_name_fi
    from map_stages as s join map_functions as f on f.function_id = s.owner
    union all
    select 'owner', function_id, null, function_id, name_en, name_fi, name_en, name_fi
    from map_functions
),
measured as (
    select
        c.dimension, c.key, c.metric,
        l.sort_order, l.owner, l.name_en, l.name_fi, l.owner_name_en, l.owner_name_fi,
        t.journeys, t.n_all,
        coalesce(o.reached, 0) as reach,
        coalesce(o.with_friction, 0) as journeys_with_friction,
        o.failed / nullif(o.reached, 0) as failure_rate,
        o.late / nullif(o.reached, 0) as late_rate,
        o.with_friction / nullif(o.reached, 0) as friction_rate,
        coalesce(o.contacts, 0) as contacts,
        100.0::double * o.contacts / nullif(o.reached, 0) as contacts_per_100,
        o.avoidable_contacts / nullif(o.contacts, 0) as avoidable_share,
        o.repeat_contacts / nullif(o.contacts, 0) as repeat_share,
        o.transferred_contacts / nullif(o.contacts, 0) as transfer_rate,
        coalesce(o.avoidable_cost_eur, 0) as avoidable_cost_eur,
        o.escalation_hours_sum / nullif(o.escalations_answered, 0) as escalation_hours_mean,
        c.n_with, c.n_without,
        c.n_with >= s.min_n and c.n_without >= s.min_n as enough_n,
        metric_value(c.metric, c.n_with, c.pos_with, c.neg_with, c.sum_with) as value_with,
        metric_value(c.metric, c.n_without, c.pos_without, c.neg_without, c.sum_without) as value_without,
        difference_se(c.metric, c.n_with, c.pos_with, c.neg_with, c.sum_with, c.sumsq_with,
                      c.n_without, c.pos_without, c.neg_without, c.sum_without, c.sumsq_without) as se,
        s.alpha
    from cells as c
    cross join settings as s
    left join operations as o using (dimension, key)
    left join totals as t using (metric)
    left join labels as l using (dimension, key)
),
tested as (
    select
        -- named one by one, not m.* exclude (...): Spark has no star modifiers
        m.dimension, m.key, m.metric, m.sort_order, m.owner, m.name_en, m.name_fi, m.owner_name_en,
        m.owner_name_fi, m.journeys, m.n_all, m.reach, m.journeys_with_friction, m.failure_rate,
        m.late_rate, m.friction_rate, m.contacts, m.contacts_per_100, m.avoidable_share, m.repeat_share,
        m.transfer_rate, m.avoidable_cost_eur, m.escalation_hours_mean, m.n_with, m.n_without,
        m.enough_n, m.alpha,
        case when enough_n then value_with end as score_with,
        case when enough_n then value_without end as score_without,
        case when enough_n then value_with - value_without end as delta,
        case when enough_n then se end as se,
        case when enough_n and se > 0 then p_two_sided((value_with - value_without) / se)
             when enough_n and se = 0 then case when value_with = value_without then 1.0 else 0.0 end
             end as p_value
    from measured as m
),
ranked as (
    select
        *,
        count(p_value) over (partition by dimension) as tests_in_family,
        row_number() over (partition by dimension order by p_value nulls last, key, metric) as p_rank
    from tested
),
adjusted as (
    select
        *,
        least(1.0, min(p_value * tests_in_family / p_rank) over (
            partition by dimension order by p_rank desc
            rows between unbounded preceding and current row)) as p_adjusted_raw
    from ranked
),
final as (
select
    dimension,
    key,
    case when dimension = 'stage' then key end as stage,
    owner,
    metric,
    name_en, name_fi, owner_name_en, owner_name_fi, sort_order,
    journeys, reach, reach / nullif(journeys, 0) as reach_rate,
    failure_rate, late_rate, journeys_with_friction, friction_rate,
    contacts, contacts_per_100, avoidable_share, repeat_share, transfer_rate, avoidable_cost_eur,
    escalation_hours_mean,
    n_with, score_with, n_without, score_without, n_all, enough_n,
    delta, se,
    delta - z95() * se as ci_low,
    delta + z95() * se as ci_high,
    p_value,
    case when p_value is not null then p_adjusted_raw end as p_adjusted,
    coalesce(p_value is not null and p_adjusted_raw < alpha, false) as significant,
    -delta * n_with / nullif(n_all, 0) as points_at_stake,
    -(delta + z95() * se) * n_with / nullif(n_all, 0) as stake_ci_low,
    -(delta - z95() * se) * n_with / nullif(n_all, 0) as stake_ci_high
from adjusted
)
select
    *,
    row_number() over (
        partition by dimension
        order by significant desc, points_at_stake desc nulls last, sort_order nulls last, key, metric
    ) as rank
from final
order by dimension desc, rank
