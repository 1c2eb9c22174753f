-- one row per customer
select
    customer_id,
    coalesce(nullif(trim(segment), ''), 'unknown') as segment,
    nullif(trim(region), '') as region,
    nullif(trim(tier), '') as tier
from raw_customers
