-- sqlite_load.sql — SQLite's own database for bench/indicators, copied from the typed tables
-- of zhixiao's store ({store}): the import's work (integer keys, day numbers, vocabulary
-- codes, resolved references) is reused, and the tables get the indexes these queries want.
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
PRAGMA cache_size = -1048576;
ATTACH '{store}' AS z;
CREATE TABLE un(uid INTEGER PRIMARY KEY, unit_id TEXT NOT NULL, parent_uid INTEGER);
INSERT INTO un SELECT id, unit_id, parent_rid FROM z.units;
CREATE TABLE cl(anc INTEGER NOT NULL, uid INTEGER NOT NULL, PRIMARY KEY(anc, uid)) WITHOUT ROWID;
INSERT INTO cl
  WITH RECURSIVE r(anc, uid) AS (
    SELECT uid, uid FROM un
    UNION ALL
    SELECT un.parent_uid, r.uid FROM r JOIN un ON un.uid = r.anc WHERE un.parent_uid IS NOT NULL)
  SELECT anc, uid FROM r;
CREATE TABLE cs(cid INTEGER PRIMARY KEY, uid INTEGER NOT NULL, line INTEGER, kind INTEGER,
  source INTEGER, accepted_on INTEGER, closed_on INTEGER);
INSERT INTO cs SELECT id, unit_rid, line, kind, source, accepted_on, closed_on FROM z.cases;
CREATE TABLE ev(eid INTEGER PRIMARY KEY, cid INTEGER NOT NULL, pid INTEGER, type INTEGER NOT NULL,
  date INTEGER NOT NULL, result INTEGER, ref INTEGER);
INSERT INTO ev SELECT id, case_rid, person_rid, type, date, result, ref_rid FROM z.events;
CREATE TABLE cal(d INTEGER PRIMARY KEY, m INTEGER NOT NULL);
INSERT INTO cal
  WITH RECURSIVE r(d) AS (SELECT {Y0} UNION ALL SELECT d + 1 FROM r WHERE d < {Y1})
  SELECT d, CAST(strftime('%m', d * 86400, 'unixepoch') AS INTEGER) FROM r;
-- (b) finds a subtree's conclusions by type and date, then each person's arrest in its case
CREATE INDEX ev_type_date ON ev(type, date, cid, pid);
CREATE INDEX ev_case ON ev(cid, type, pid, date);
CREATE INDEX cs_unit ON cs(uid);
ANALYZE;
DETACH z;
