-- checks.sql — the 减假暂 checks SQL can express, over the store's encoding (day numbers since
-- 1970-01-01, vocabulary integers), for SQLite and DuckDB alike. ADDM(d, n) adds n months to
-- day number d; run.sh and duck.mjs replace it with each engine's own month arithmetic (which
-- clamps to the month's end but, unlike §1.1 C4, does not keep a last day a last day).
-- Simplified against the C checker: no minors / elderly relaxation, no art. 16 short terms,
-- no 2012 rules, no 无期 / 死缓 commutations, no 踩点 pattern (each would need more SQL).
WITH ch AS (
  SELECT s.id, s.convict_rid AS cid, s.kind, s.proposed_on AS p, s.served_on AS sv, s.merit,
         s.reduction_months AS red, s.ground, v.sentence_kind AS sk, v.term_months AS t,
         v.sentence_start AS st, v.pretrial_days AS pre, v.recidivist AS rec,
         v.violent_list AS vio, v.duty_crime_2019 AS duty, v.property_unpaid AS unp,
         CASE WHEN v.strict_category = 1 OR v.recidivist = 1 OR v.property_unpaid = 1
              THEN 1 ELSE 0 END AS strict_g,
         LAG(s.served_on) OVER w AS prev_sv,
         LAG(s.reduction_months) OVER w AS prev_red,
         ROW_NUMBER() OVER w AS n,
         SUM(COALESCE(s.reduction_months, 0)) OVER w AS sumred
  FROM sentence_changes s JOIN convicts v ON v.id = s.convict_rid
  WINDOW w AS (PARTITION BY s.convict_rid ORDER BY s.proposed_on, s.id)
),
f AS (
  SELECT *,
         CASE WHEN strict_g = 1 OR (vio = 1 AND t >= 120)
              THEN CASE WHEN cap6 < 12 THEN cap6 ELSE 12 END ELSE cap6 END AS cap,
         CASE WHEN strict_g = 1 OR (vio = 1 AND t >= 120) THEN 24
              WHEN t < 60 THEN 12 WHEN t < 120 THEN 18 ELSE 24 END AS start_m,
         CASE WHEN strict_g = 1 OR (vio = 1 AND t >= 120)
              THEN CASE WHEN t >= 120 THEN 18 ELSE 12 END
              WHEN t < 120 THEN 12 ELSE 18 END AS iv_m
  FROM (SELECT *, CASE WHEN merit IN (1, 2) THEN 9 WHEN merit = 3 THEN 12
                       WHEN merit = 4 THEN 18 ELSE 24 END AS cap6
        FROM ch WHERE kind = 1 AND sk = 1 AND red IS NOT NULL AND p >= 17167
          AND NOT (duty = 1 AND p >= 18048)) x
),
findings AS (
  SELECT 'reduction_over_cap' AS category, id FROM f WHERE red > cap
  UNION ALL
  SELECT 'start_too_early', id FROM f
   WHERE n = 1 AND merit NOT IN (4, 5) AND p < ADDM(st, start_m)
  UNION ALL
  SELECT 'interval_too_short', id FROM f
   WHERE n > 1 AND merit NOT IN (4, 5)
     AND (p < ADDM(prev_sv, iv_m) OR (prev_red > 0 AND p < ADDM(prev_sv, prev_red)))
  UNION ALL
  SELECT 'floor_violated', id FROM ch
   WHERE kind = 1 AND sk = 1 AND red IS NOT NULL AND 2 * (t - sumred) < t
  UNION ALL
  SELECT 'parole_not_eligible', id FROM ch
   WHERE kind = 2 AND sk = 1 AND p < ADDM(st - pre, t / 2) + (t % 2) * 15
  UNION ALL
  SELECT 'parole_excluded', id FROM ch
   WHERE kind = 2 AND (rec = 1 OR unp = 1 OR (vio = 1 AND (sk IN (2, 3) OR t >= 120)))
  UNION ALL
  SELECT 'temporary_release_not_eligible', id FROM ch
   WHERE kind = 3 AND (sk = 3 OR (sk = 2 AND ground <> 2))
  UNION ALL
  SELECT 'pattern_max_reduction', a.cid
  FROM (SELECT cid, COUNT(*) AS k FROM ch WHERE kind = 1 AND red IS NOT NULL
        GROUP BY cid HAVING COUNT(*) >= 3) a
  JOIN (SELECT cid, COUNT(*) AS k FROM f WHERE red >= cap GROUP BY cid) b
    ON a.cid = b.cid AND a.k = b.k
)
SELECT category, COUNT(*) AS n FROM findings GROUP BY category ORDER BY category;
