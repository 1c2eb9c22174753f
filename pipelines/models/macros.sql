-- metric formulas as duckdb macros; the python twin is core/metrics.py (tests check they agree)
-- decimal literals cast to double: a decimal literal is DECIMAL arithmetic on Spark (docs/scaling.md)
create or replace macro z95() as 1.959963984540054::double;
-- complementary error function for x >= 0 (numerical recipes erfcc, relative error < 1.2e-7)
create or replace macro erfc_pos(x) as (
    (1.0::double / (1.0::double + 0.5::double * x)) * exp(-x * x - 1.26551223::double + (1.0::double / (1.0::double + 0.5::double * x)) * (1.00002368::double
    + (1.0::double / (1.0::double + 0.5::double * x)) * (0.37409196::double + (1.0::double / (1.0::double + 0.5::double * x)) * (0.09678418::double
    + (1.0::double / (1.0::double + 0.5::double * x)) * (-0.18628806::double + (1.0::double / (1.0::double + 0.5::double * x)) * (0.27886807::double
    + (1.0::double / (1.0::double + 0.5::double * x)) * (-1.13520398::double + (1.0::double / (1.0::double + 0.5::double * x)) * (1.48851587::double
    + (1.0::double / (1.0::double + 0.5::double * x)) * (-0.82215223::double + (1.0::double / (1.0::double + 0.5::double * x)) * 0.17087277::double))))))))));
create or replace macro p_two_sided(z) as erfc_pos(abs(z) / sqrt(2.0::double));
-- value on the reporting scale: nps points, csat % top-two-box, ces mean
create or replace macro metric_value(metric, n, pos, neg, total) as
    case when n = 0 then null
         when metric = 'nps' then 100.0::double * (pos - neg) / n
         when metric = 'csat' then 100.0::double * pos / n
         else total / n end;
-- variance of one response on the reporting scale (nps trinomial p + d - (p - d)^2)
create or replace macro unit_variance(metric, n, pos, neg, total, total_sq) as
    case when n = 0 then null
         when metric = 'nps' then 10000.0::double * (pos / n + neg / n - pow(pos / n - neg / n, 2))
         when metric = 'csat' then 10000.0::double * (pos / n) * (1.0::double - pos / n)
         when n > 1 then greatest(0.0::double, (total_sq - total * total / n) / (n - 1))
         end;
-- wilson score interval bounds in %
create or replace macro wilson_low(n, pos) as
    greatest(0.0::double, 100.0::double * ((pos / n + z95() * z95() / (2 * n)) / (1 + z95() * z95() / n)
        - z95() * sqrt((pos / n) * (1 - pos / n) / n + z95() * z95() / (4.0::double * n * n)) / (1 + z95() * z95() / n)));
create or replace macro wilson_high(n, pos) as
    least(100.0::double, 100.0::double * ((pos / n + z95() * z95() / (2 * n)) / (1 + z95() * z95() / n)
        + z95() * sqrt((pos / n) * (1 - pos / n) / n + z95() * z95() / (4.0::double * n * n)) / (1 + z95() * z95() / n)));
-- 95% ci of one group; t975 is the student t quantile for n - 1 degrees of freedom (ces only)
create or replace macro metric_ci_low(metric, n, pos, neg, total, total_sq, t975) as
    case when n = 0 then null
         when metric = 'nps' then greatest(-100.0::double, metric_value(metric, n, pos, neg, total)
             - z95() * sqrt(unit_variance(metric, n, pos, neg, total, total_sq) / n))
         when metric = 'csat' then wilson_low(n, pos)
         when n > 1 then metric_value(metric, n, pos, neg, total)
             - t975 * sqrt(unit_variance(metric, n, pos, neg, total, total_sq) / n)
         end;
create or replace macro metric_ci_high(metric, n, pos, neg, total, total_sq, t975) as
    case when n = 0 then null
         when metric = 'nps' then least(100.0::double, metric_value(metric, n, pos, neg, total)
             + z95() * sqrt(unit_variance(metric, n, pos, neg, total, total_sq) / n))
         when metric = 'csat' then wilson_high(n, pos)
         when n > 1 then metric_value(metric, n, pos, neg, total)
             + t975 * sqrt(unit_variance(metric, n, pos, neg, total, total_sq) / n)
         end;
-- standard error of the difference of two groups (wald, unpooled)
create or replace macro difference_se(metric, n_a, pos_a, neg_a, total_a, sq_a, n_b, pos_b, neg_b, total_b, sq_b) as
    case when n_a >= 2 and n_b >= 2 then sqrt(
        unit_variance(metric, n_a, pos_a, neg_a, total_a, sq_a) / n_a
        + unit_variance(metric, n_b, pos_b, neg_b, total_b, sq_b) / n_b) end;
-- times: raw timestamps are utc; company_tz() is the journey map's settings.timezone, created by
-- the runner before this file (the line below only gives a default to a bare connection).
-- local_time gives the company's wall-clock time.
create macro if not exists company_tz() as 'Europe/Helsinki';
create or replace macro local_time(ts) as timezone(company_tz(), timezone('UTC', ts));
-- the company's calendar month of a utc timestamp. a timestamp more than 14 hours from a month
-- boundary is in the same month in every zone (offsets are -12..+14 hours), so only those near a
-- boundary pay for the time-zone conversion.
create or replace macro local_month(ts) as case
    when date_trunc('month', ts + interval 14 hour) = date_trunc('month', ts - interval 12 hour)
        then date_trunc('month', ts)::date
    else date_trunc('month', local_time(ts))::date end;
-- a journey's outcome: completed (it reached a stage that completes journeys), else in_progress
-- while its last mapped event is within in_progress_days of the latest mapped event of all
-- (latest_event_at), else dropped. int_journey_outcomes computes it when read; the incremental
-- refresh (pipelines/incremental.py) finds the months whose outcomes a new data end moved with it.
create or replace macro journey_outcome(completed, ended_at, latest_event_at, in_progress_days) as
    case when completed then 'completed'
         when date_diff('second', date_trunc('second', ended_at), date_trunc('second', latest_event_at))
             <= in_progress_days * 86400 then 'in_progress'
         else 'dropped' end;
