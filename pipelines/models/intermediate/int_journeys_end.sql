-- grain: a single row: the latest mapped event of all journeys and the in_progress_days setting, against which int_journey_outcomes tells a journey in progress from a dropped one
-- key: none (a single row: where the journey data ends for outcomes, for the whole database)
-- A table of its own, not a subquery of int_journey_outcomes: that view is read with int_journeys
-- shadowed by month in the incremental refresh, and the data's end is the end of all months.
select
    (select max(ended_at) from int_journeys) as latest_event_at,
    (select coalesce(max(number), 30) from map_settings where key = 'in_progress_days') as in_progress_days
