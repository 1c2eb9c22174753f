-- grain: one row per valid survey response on its metric's own scale (nps 0-10, csat 1-5, ces 1-7); responded_at utc, period_month in the company's time zone
-- key: response_id
select
    response_id,
    survey,
    metric,
    score,
    customer_id,
    nullif(trim(journey_id), '') as journey_id,
    touchpoint,
    coalesce(nullif(lower(trim(channel)), ''), 'unknown') as channel,
    responded_at,
    local_month(responded_at) as period_month,
    comment,
    nullif(trim(segment), '') as segment,
    language,
    is_positive(metric, score) as is_positive,   -- thresholds: core/metrics.py (pipelines/metric_macros.py)
    is_negative(metric, score) as is_negative
from raw_survey_responses
where on_scale(metric, scale_min, scale_max, score)
