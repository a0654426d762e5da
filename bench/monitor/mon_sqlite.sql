-- mon(d, m1, m2) for SQLite: each day number from the first to the last event date with its
-- +1 and +2 month deadlines by the C4 rule (same day number; the target month's last day when
-- that day does not exist or d is the last day of its month), with SQLite's date functions.
DROP TABLE IF EXISTS mon;
CREATE TEMP TABLE mon(d INTEGER PRIMARY KEY, m1 INTEGER, m2 INTEGER);
WITH RECURSIVE days(d) AS (SELECT MIN(date) FROM events
                           UNION ALL SELECT d + 1 FROM days WHERE d < (SELECT MAX(date) FROM events)),
x AS (SELECT d, date(d * 86400, 'unixepoch') AS s FROM days),
y AS (SELECT d, s, CAST(strftime('%d', s) AS INTEGER) AS dd,
             date(s, 'start of month', '+1 month', '-1 day') AS last0,
             date(s, 'start of month', '+2 months', '-1 day') AS last1,
             date(s, 'start of month', '+3 months', '-1 day') AS last2 FROM x),
z AS (SELECT d, s, last0, last1, last2,
             date(s, 'start of month', '+1 month', '+' || (dd - 1) || ' days') AS c1,
             date(s, 'start of month', '+2 months', '+' || (dd - 1) || ' days') AS c2 FROM y)
INSERT INTO mon
SELECT d,
       CAST(julianday(CASE WHEN s = last0 OR c1 > last1 THEN last1 ELSE c1 END) - 2440587.5 AS INTEGER),
       CAST(julianday(CASE WHEN s = last0 OR c2 > last2 THEN last2 ELSE c2 END) - 2440587.5 AS INTEGER)
FROM z;
