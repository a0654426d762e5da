-- bench/monitor/monitor.sql — the deadline computation of shared/spec/process-monitoring.md in
-- plain SQL (window functions), for DuckDB and SQLite alike. Input: the store's typed tables
-- events(id, case_rid, person_rid, type, date, result, ref_rid) and cases(id, business,
-- complex), codes and dates as the store keeps them (vocabulary integers, day numbers), and
-- mon(d, m1, m2): each day number with its +1 and +2 month deadlines (C4), built by each
-- engine with its own date functions (mon_duckdb.sql, mon_sqlite.sql). {AS_OF} is the as-of
-- day number. Output: per stage and status the count and sums of started_on, deadline,
-- closed_on, case rid and person rid — compared with zhixiao's same figures.
--
-- Codes (the vocab table): types 1 arrest_review, 2 arrest, 3 no_arrest, 7 custody_review,
-- 8 prosecution_review, 9 return_investigation, 10 extend_review, 11 change_jurisdiction,
-- 14 indict, 15 non_prosecution, 19 withdraw_indictment, 26 correction_notice,
-- 27 correction_reply, 28 suggestion, 29 suggestion_reply, 30 custody_review_reply;
-- results 1 detained, 2 not_detained, 8 release_recommended, 29 execution,
-- 30 social_governance, 33 other; business 3 duty.

DROP TABLE IF EXISTS ev;
CREATE TEMP TABLE ev AS
SELECT e.id, e.case_rid AS c, COALESCE(e.person_rid, 0) AS p, e.type AS t, e.date AS d,
       COALESCE(e.result, 0) AS r, e.ref_rid AS ref, COALESCE(k.complex, 0) AS cx,
       row_number() OVER (PARTITION BY e.case_rid ORDER BY e.date, e.id) AS o
FROM events e JOIN cases k ON k.id = e.case_rid
WHERE e.date <= {AS_OF} AND COALESCE(k.business, 0) <> 3
  AND e.type IN (1, 2, 3, 7, 8, 9, 10, 11, 14, 15, 19, 26, 27, 28, 29, 30);
CREATE INDEX ev_ctp ON ev(c, t, p, o);
CREATE INDEX ev_ref ON ev(ref);

-- the honoured returns: the first two of each case (P6)
DROP TABLE IF EXISTS ret;
CREATE TEMP TABLE ret AS
SELECT c, o, d FROM (SELECT c, o, d, row_number() OVER (PARTITION BY c ORDER BY o) AS rn
                     FROM ev WHERE t = 9) x WHERE rn <= 2;

-- 审查起诉: per (case, person) a stream of S (prosecution_review), X (a closer: an honoured
-- return, indict, non_prosecution) and J (change_jurisdiction). g = closers so far: within
-- one g the first S opens an item, each later J restarts it (P4), the next X closes it.
DROP TABLE IF EXISTS pp;
CREATE TEMP TABLE pp AS SELECT DISTINCT c, p FROM ev WHERE t = 8 AND p <> 0;
DROP TABLE IF EXISTS st0;
CREATE TEMP TABLE st0 AS
SELECT c, p, o, d, k, SUM(CASE WHEN k = 'X' THEN 1 ELSE 0 END)
         OVER (PARTITION BY c, p ORDER BY o ROWS UNBOUNDED PRECEDING) AS g
FROM (SELECT c, p, o, d, 'S' AS k FROM ev WHERE t = 8 AND p <> 0
      UNION ALL SELECT c, p, o, d, 'X' FROM ev WHERE t IN (14, 15) AND p <> 0
      UNION ALL SELECT pp.c, pp.p, ret.o, ret.d, 'X' FROM ret JOIN pp ON pp.c = ret.c
      UNION ALL SELECT pp.c, pp.p, ev.o, ev.d, 'J' FROM ev JOIN pp ON pp.c = ev.c
                WHERE ev.t = 11) s;
-- fo: the first S of the group
DROP TABLE IF EXISTS st;
CREATE TEMP TABLE st AS
SELECT c, p, o, d, k, g, MIN(CASE WHEN k = 'S' THEN o END) OVER (PARTITION BY c, p, g) AS fo
FROM st0;
DROP TABLE IF EXISTS cl;
CREATE TEMP TABLE cl AS SELECT c, p, g, o, d FROM st WHERE k = 'X';
CREATE INDEX cl_cpg ON cl(c, p, g);
DROP TABLE IF EXISTS seg;
CREATE TEMP TABLE seg AS
SELECT c, p, g, o, d, LEAD(o) OVER w AS no, LEAD(d) OVER w AS nd
FROM st WHERE (k = 'S' AND o = fo) OR (k = 'J' AND o > fo)
WINDOW w AS (PARTITION BY c, p, g ORDER BY o);

DROP TABLE IF EXISTS items;
CREATE TEMP TABLE items AS
-- A2 / A3
SELECT s.c, s.p, CASE s.r WHEN 1 THEN 'arrest_review_detained'
                          ELSE 'arrest_review_not_detained' END AS stage,
       s.d AS started,
       s.d + CASE WHEN s.r = 1 THEN 7 WHEN s.cx = 1 THEN 20 ELSE 15 END AS deadline,
       (SELECT MIN(x.d) FROM ev x WHERE x.c = s.c AND x.t IN (2, 3) AND x.p = s.p
          AND x.o > s.o) AS closed
FROM ev s WHERE s.t = 1 AND s.r IN (1, 2) AND s.p <> 0
UNION ALL
-- P1 / P2 (+15 days when an extend_review dated on or before the deadline falls inside)
SELECT z.c, z.p, 'prosecution_review', z.d,
       z.base + CASE WHEN (SELECT MIN(x.d) FROM ev x WHERE x.c = z.c AND x.t = 10 AND x.o > z.o
                            AND (z.end_o IS NULL OR x.o < z.end_o)) <= z.base
                     THEN 15 ELSE 0 END,
       z.closed
FROM (SELECT s.c, s.p, s.o, s.d, mon.m1 AS base, COALESCE(s.nd, x.d) AS closed,
             COALESCE(s.no, x.o) AS end_o
      FROM seg s JOIN mon ON mon.d = s.d
      LEFT JOIN cl x ON x.c = s.c AND x.p = s.p AND x.g = s.g + 1) z
UNION ALL
-- P5: closed by the next prosecution_review
SELECT r.c, 0, 'supplementary_investigation', r.d, mon.m1,
       (SELECT MIN(x.d) FROM ev x WHERE x.c = r.c AND x.t = 8 AND x.o > r.o)
FROM ret r JOIN mon ON mon.d = r.d
UNION ALL
-- N7
SELECT s.c, s.p, 'withdrawal_decision', s.d, s.d + 30,
       (SELECT MIN(x.d) FROM ev x WHERE x.c = s.c AND x.t IN (14, 15) AND x.p = s.p
          AND x.o > s.o)
FROM ev s WHERE s.t = 19 AND s.p <> 0
UNION ALL
-- J1, F1, F4: closed by the reply naming the start event
SELECT s.c, s.p, 'custody_review_reply', s.d, s.d + 10,
       (SELECT MIN(x.d) FROM ev x WHERE x.ref = s.id AND x.t = 30 AND x.c = s.c AND x.o > s.o)
FROM ev s WHERE s.t = 7 AND s.r = 8 AND s.p <> 0
UNION ALL
SELECT s.c, 0, 'suggestion_reply', s.d, mon.m2,
       (SELECT MIN(x.d) FROM ev x WHERE x.ref = s.id AND x.t = 29 AND x.c = s.c AND x.o > s.o)
FROM ev s JOIN mon ON mon.d = s.d WHERE s.t = 28 AND s.r IN (29, 30, 33)
UNION ALL
SELECT s.c, 0, 'correction_reply', s.d, s.d + 15,
       (SELECT MIN(x.d) FROM ev x WHERE x.ref = s.id AND x.t = 27 AND x.c = s.c AND x.o > s.o)
FROM ev s WHERE s.t = 26 AND s.r = 29;

SELECT stage, status, COUNT(*) AS n, SUM(started) AS s_started, SUM(deadline) AS s_deadline,
       SUM(COALESCE(closed, 0)) AS s_closed, SUM(c) AS s_case, SUM(p) AS s_person
FROM (SELECT i.*,
             CASE WHEN closed IS NOT NULL THEN CASE WHEN closed <= deadline THEN 'ok' ELSE 'late' END
                  WHEN deadline - {AS_OF} < 0 THEN 'red'
                  WHEN deadline - {AS_OF} <= CASE WHEN deadline - started <= 15 THEN 3 ELSE 7 END
                  THEN 'yellow'
                  ELSE 'open' END AS status
      FROM items i) y
GROUP BY stage, status ORDER BY stage, status;
