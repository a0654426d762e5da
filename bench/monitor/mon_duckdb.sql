-- mon(d, m1, m2) for DuckDB: as mon_sqlite.sql, with DuckDB's date functions (date + INTERVAL
-- keeps the day number and clamps a missing day to the month's end; a month's last day goes to
-- the target month's last day).
CREATE OR REPLACE TEMP TABLE mon AS
WITH x AS (SELECT d, DATE '1970-01-01' + d::INTEGER AS s
           FROM range((SELECT MIN(date) FROM events), (SELECT MAX(date) FROM events) + 1) t(d))
SELECT d::BIGINT AS d,
       date_diff('day', DATE '1970-01-01', CASE WHEN s = last_day(s) THEN last_day(s + INTERVAL 1 MONTH)
                                                ELSE (s + INTERVAL 1 MONTH)::DATE END) AS m1,
       date_diff('day', DATE '1970-01-01', CASE WHEN s = last_day(s) THEN last_day(s + INTERVAL 2 MONTH)
                                                ELSE (s + INTERVAL 2 MONTH)::DATE END) AS m2
FROM x;
