-- grain: one row per contact, as int_contacts_attributed, with the labels the contact marts group and show by: stage and owner 'unattributed' when the contact has none, handling_team 'unknown' when not given
-- key: contact_id
-- materialized: view
select
    * replace (
        coalesce(stage, 'unattributed') as stage,
        coalesce(owner, 'unattributed') as owner,
        coalesce(handling_team, 'unknown') as handling_team)
from int_contacts_attributed
