// duck.mjs dedupe FILE | link LEFT RIGHT — the work of `zhixiao dedupe/link` on the generated
// Chinese person files, written as DuckDB SQL: load, normalise (full-width digits, 15-digit
// ids widened, dates in their five forms, phone digits, address without 省/市/区/街道), the
// same equi-join blocking rules (id region+month-day, id year+sequence+check, phone, surname +
// birth date, name + birth year, address; union, each pair once), the same graded comparisons
// (CASE ladders over jaro_winkler_similarity, levenshtein, damerau_levenshtein), and the
// comparison-pattern counts the EM runs on. DuckDB has no pinyin, so names block and compare
// on characters. EM itself (a few ms on the pattern counts) and the output are not included.
// Prints "duckdb candidates N patterns N seconds S".
import { DuckDBInstance } from '@duckdb/node-api';

const [mode, a, b] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const c = await db.connect();
const t0 = performance.now();
const FW = "'０１２３４５６７８９ｘＸ', '0123456789XX'";
const norm = (file, name) => `CREATE TABLE ${name} AS
WITH raw AS (
  SELECT row_number() OVER () AS rid, rec_id,
    regexp_replace(coalesce(name, ''), '[^\\p{Han}A-Za-z]', '', 'g') AS name,
    upper(regexp_replace(translate(coalesce(id_number, ''), ${FW}), '[^0-9A-Za-z]', '', 'g')) AS id0,
    translate(coalesce(birth_date, ''), '０１２３４５６７８９', '0123456789') AS bd,
    regexp_replace(translate(coalesce(phone, ''), '０１２３４５６７８９', '0123456789'), '[^0-9]', '', 'g') AS ph0,
    regexp_replace(coalesce(address, ''), '[省市区县]|街道|[^\\p{Han}0-9A-Za-z]', '', 'g') AS address
  FROM read_csv('${file}', header = true, all_varchar = true, quote = '"')
), w AS (
  SELECT *, CASE WHEN length(id0) = 15 THEN substr(id0, 1, 6) || '19' || substr(id0, 7) ELSE id0 END AS id,
    regexp_extract(bd, '^(\\d{4})[-/.年]?(\\d{1,2})[-/.月]?(\\d{1,2})日?$', ['y', 'm', 'd']) AS p,
    CASE WHEN length(ph0) >= 12 AND ph0 LIKE '86%' THEN substr(ph0, 3) ELSE ph0 END AS phone
  FROM raw
)
SELECT rid, rec_id, nullif(name, '') AS name, nullif(id, '') AS id, nullif(phone, '') AS phone,
  nullif(address, '') AS address,
  TRY_CAST(p.y AS INT) * 10000 + TRY_CAST(p.m AS INT) * 100 + TRY_CAST(p.d AS INT) AS dob,
  substr(name, 1, 1) AS sur
FROM w`;
await c.run(norm(a, 'l'));
const link = mode === 'link';
if (link) await c.run(norm(b, 'r'));
const R = link ? 'r' : 'l';
const lt = link ? '' : 'AND x.rid < y.rid';
const rules = [
  'substr(x.id, 1, 6) || substr(x.id, 11, 4) = substr(y.id, 1, 6) || substr(y.id, 11, 4) AND length(x.id) = 18 AND length(y.id) = 18',
  'substr(x.id, 7, 4) || substr(x.id, 15, 4) = substr(y.id, 7, 4) || substr(y.id, 15, 4) AND length(x.id) = 18 AND length(y.id) = 18',
  'x.phone = y.phone',
  'x.sur = y.sur AND x.dob = y.dob',
  'x.name = y.name AND x.dob // 10000 = y.dob // 10000',
  'x.address = y.address',
];
const pairs = rules.map((r) => `SELECT x.rid AS a, y.rid AS b FROM l x JOIN ${R} y ON ${r} ${lt}`).join('\nUNION\n');
const sql = `WITH p AS (${pairs}),
v AS (
  SELECT
    CASE WHEN x.name IS NULL OR y.name IS NULL THEN -1 WHEN x.name = y.name THEN 4
         WHEN jaro_winkler_similarity(x.name, y.name) >= 0.92 THEN 3
         WHEN length(x.name) = length(y.name) AND damerau_levenshtein(x.name, y.name) <= 1 THEN 2
         WHEN x.sur = y.sur AND jaro_winkler_similarity(x.name, y.name) >= 0.7 THEN 1 ELSE 0 END AS gn,
    CASE WHEN x.id IS NULL OR y.id IS NULL THEN -1 WHEN x.id = y.id THEN 2
         WHEN length(x.id) = 18 AND length(y.id) = 18 AND damerau_levenshtein(substr(x.id, 1, 17), substr(y.id, 1, 17)) <= 1 THEN 1
         WHEN damerau_levenshtein(x.id, y.id) <= 1 THEN 1 ELSE 0 END AS gi,
    CASE WHEN x.dob IS NULL OR y.dob IS NULL THEN -1 WHEN x.dob = y.dob THEN 4
         WHEN x.dob // 10000 = y.dob // 10000 AND (x.dob // 100 % 100 = y.dob % 100 AND x.dob % 100 = y.dob // 100 % 100) THEN 3
         WHEN damerau_levenshtein(CAST(x.dob AS VARCHAR), CAST(y.dob AS VARCHAR)) <= 1 THEN 3
         WHEN (x.dob // 10000 = y.dob // 10000)::INT + (x.dob // 100 % 100 = y.dob // 100 % 100)::INT + (x.dob % 100 = y.dob % 100)::INT >= 2 THEN 2
         WHEN x.dob // 10000 = y.dob // 10000 THEN 1 ELSE 0 END AS gd,
    CASE WHEN x.phone IS NULL OR y.phone IS NULL THEN -1 WHEN x.phone = y.phone THEN 2
         WHEN damerau_levenshtein(x.phone, y.phone) <= 1 THEN 1 ELSE 0 END AS gp,
    CASE WHEN x.address IS NULL OR y.address IS NULL THEN -1 WHEN x.address = y.address THEN 3
         WHEN jaro_winkler_similarity(x.address, y.address) >= 0.95 THEN 2
         WHEN jaro_winkler_similarity(x.address, y.address) >= 0.85 THEN 1 ELSE 0 END AS ga
  FROM p JOIN l x ON x.rid = p.a JOIN ${R} y ON y.rid = p.b
)
SELECT gn, gi, gd, gp, ga, count(*) AS n FROM v GROUP BY ALL`;
const res = await c.runAndReadAll(sql);
const rows = res.getRows();
const secs = (performance.now() - t0) / 1000;
const cand = rows.reduce((s, r) => s + Number(r[5]), 0);
console.log(`duckdb candidates ${cand} patterns ${rows.length} seconds ${secs.toFixed(2)}`);
