-- grain: one row per customer
-- key: customer_id
select
    customer_id,
    coalesce(nullif(trim(segment), ''), 'unknown') as segment,
    nullif(trim(region), '') as region,
    nullif(trim(tier), '') as tier
from raw_customers
