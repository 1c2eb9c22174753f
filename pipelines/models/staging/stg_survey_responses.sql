-- one row per valid survey response on its metric's own scale (nps 0-10, csat 1-5, ces 1-7); responded_at utc, period_month in the company's time zone
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
    case metric when 'nps' then score >= 9 when 'csat' then score >= 4 else score >= 5 end as is_positive,
    metric = 'nps' and score <= 6 as is_negative
from raw_survey_responses
where (metric = 'nps' and scale_min = 0 and scale_max = 10 and score between 0 and 10 and score = round(score))
   or (metric = 'csat' and scale_min = 1 and scale_max = 5 and score between 1 and 5)
   or (metric = 'ces' and scale_min = 1 and scale_max = 7 and score between 1 and 7)
