-- one row per response per owning function whose stages the journey had reached when the customer answered
-- incremental: customer_id
select
    response_id,
    any_value(customer_id) as customer_id,
    any_value(metric) as metric,
    any_value(score) as score,
    any_value(is_positive) as is_positive,
    any_value(is_negative) as is_negative,
    any_value(period_month) as period_month,
    any_value(segment) as segment,
    any_value(channel) as channel,
    owner,
    bool_or(had_friction) as had_friction
from int_response_stage_exposure
group by response_id, owner
