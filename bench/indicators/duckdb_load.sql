-- duckdb_load.sql — load the CSV bundle into DuckDB's own tables (bench/indicators), the
-- way `zhixiao import` stores it: integer keys, dates as day numbers, codes (English or
-- Chinese) as the vocabulary integers ({aux}/vocab.csv, written by zxbench from src/model/vocab.c), and
-- every reply's answered event resolved: ref_event_id when given, else the latest event
-- strictly earlier (by date, then file order) of a type it can answer, in the same case and,
-- for a reply with a person, the same person (shared/spec/indicators.md §8.6).
SET preserve_insertion_order = true;
CREATE TABLE vocab AS SELECT * FROM read_csv('{aux}/vocab.csv', header = true,
  columns = {'vocab': 'VARCHAR', 'value': 'INTEGER', 'key': 'VARCHAR'});
-- the date forms of case-data.md §1: YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY年M月D日
CREATE MACRO zx_day(s) AS CASE
  WHEN s IS NULL OR s = '' THEN NULL
  WHEN s LIKE '____-__-__' THEN (CAST(s AS DATE) - DATE '1970-01-01')::INTEGER
  ELSE (make_date(CAST(regexp_extract(s, '^(\d{4})', 1) AS INTEGER),
                  CAST(regexp_extract(s, '^\d{4}[-/.年](\d{1,2})', 1) AS INTEGER),
                  CAST(regexp_extract(s, '^\d{4}[-/.年]\d{1,2}[-/.月](\d{1,2})', 1) AS INTEGER))
        - DATE '1970-01-01')::INTEGER END;
CREATE TABLE answers AS SELECT * FROM read_csv('{aux}/answers.csv', header = true,
  columns = {'type': 'INTEGER', 'answers': 'INTEGER'});

CREATE TEMP TABLE u0 AS
  SELECT (row_number() OVER ())::INTEGER AS uid, unit_id, nullif(parent_id, '') AS parent_id
  FROM read_csv('{bundle}/units.csv', header = true, all_varchar = true);
CREATE TABLE un AS
  SELECT u.uid, u.unit_id, p.uid AS parent_uid FROM u0 u LEFT JOIN u0 p ON p.unit_id = u.parent_id;
CREATE TABLE cl AS
  WITH RECURSIVE r(anc, uid) AS (
    SELECT uid, uid FROM un
    UNION ALL
    SELECT un.parent_uid, r.uid FROM r JOIN un ON un.uid = r.anc WHERE un.parent_uid IS NOT NULL)
  SELECT anc, uid FROM r;

CREATE TABLE cs AS
  SELECT (row_number() OVER ())::INTEGER AS cid, c.case_id, u.uid,
    vl.value AS line, vk.value AS kind, vs.value AS source,
    zx_day(c.accepted_on) AS accepted_on, zx_day(c.closed_on) AS closed_on
  FROM read_csv('{bundle}/cases.csv', header = true, all_varchar = true) c
  JOIN un u ON u.unit_id = c.unit_id
  LEFT JOIN vocab vl ON vl.vocab = 'line' AND vl.key = c.line
  LEFT JOIN vocab vk ON vk.vocab = 'case_kind' AND vk.key = c.kind
  LEFT JOIN vocab vs ON vs.vocab = 'case_source' AND vs.key = c.source;

CREATE TEMP TABLE ps AS
  SELECT (row_number() OVER ())::INTEGER AS pid, p.person_id, c.cid
  FROM read_csv('{bundle}/persons.csv', header = true, all_varchar = true) p
  JOIN cs c ON c.case_id = p.case_id;

CREATE TEMP TABLE eraw AS
  SELECT (row_number() OVER ())::INTEGER AS eid, *
  FROM read_csv('{bundle}/events.csv', header = true, all_varchar = true);
CREATE TEMP TABLE e0 AS
  SELECT e.eid, e.event_id, c.cid, p.pid, vt.value AS type,
    zx_day(e.date) AS date, vr.value AS result,
    nullif(e.ref_event_id, '') AS ref_xid
  FROM eraw e JOIN cs c ON c.case_id = e.case_id
  LEFT JOIN ps p ON p.person_id = e.person_id AND p.cid = c.cid
  JOIN vocab vt ON vt.vocab = 'event_type' AND vt.key = e.type
  LEFT JOIN vocab vr ON vr.vocab = 'result' AND vr.key = e.result;

-- the answered event of every reply
CREATE TEMP TABLE cand AS
  SELECT a.type AS rtype, e.cid, e.pid, e.eid, e.date::BIGINT * 4294967296 + e.eid AS k
  FROM e0 e JOIN answers a ON a.answers = e.type;
CREATE TEMP TABLE reply AS
  SELECT e.eid, e.cid, e.pid, e.type, e.ref_xid, e.date::BIGINT * 4294967296 + e.eid AS k
  FROM e0 e WHERE e.type IN (SELECT type FROM answers);
CREATE TEMP TABLE refs AS
  SELECT r.eid, t.eid AS ref FROM reply r JOIN e0 t ON t.event_id = r.ref_xid
  UNION ALL
  SELECT r.eid, c.eid FROM (SELECT * FROM reply WHERE ref_xid IS NULL AND pid IS NOT NULL) r
    ASOF JOIN cand c ON c.rtype = r.type AND c.cid = r.cid AND c.pid = r.pid AND r.k > c.k
  UNION ALL
  SELECT r.eid, c.eid FROM (SELECT * FROM reply WHERE ref_xid IS NULL AND pid IS NULL) r
    ASOF JOIN cand c ON c.rtype = r.type AND c.cid = r.cid AND r.k > c.k;

-- stored sorted by (type, date): row groups then carry tight min/max for both
CREATE TABLE ev AS
  SELECT e.eid, e.cid, e.pid, e.type, e.date, e.result, r.ref
  FROM e0 e LEFT JOIN refs r ON r.eid = e.eid
  ORDER BY e.type, e.date, e.eid;

CREATE TABLE cal AS
  SELECT d::INTEGER AS d, month(DATE '1970-01-01' + d::INTEGER)::INTEGER AS m
  FROM range({Y0}, {Y1} + 1) t(d);
CHECKPOINT;
