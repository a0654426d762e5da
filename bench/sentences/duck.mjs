// duck.mjs BUNDLE SQLFILE — load a bundle's convicts and sentence changes into DuckDB (in
// memory, encoded as the SQLite store encodes them), then time checks.sql. Prints the counts
// and "duckdb load S query S".
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';

const [bundle, sqlFile] = process.argv.slice(2);
const db = await DuckDBInstance.create(':memory:');
const c = await db.connect();
const code = (col, list) =>
  'CASE ' + list.map((v, i) => `WHEN ${col} = '${v}' THEN ${i + 1}`).join(' ') + ' END';
const dn = (col) => `date_diff('day', DATE '1970-01-01', ${col})`;
let t0 = performance.now();
await c.run(`CREATE TABLE convicts AS SELECT row_number() OVER () AS id, convict_id,
  ${code('sentence_kind', ['fixed', 'life', 'suspended_death', 'criminal_detention', 'control'])} AS sentence_kind,
  term_months, ${dn('sentence_start')} AS sentence_start, pretrial_days, recidivist, violent_list,
  strict_category, duty_crime_2019, death_limited, property_unpaid
  FROM read_csv('${bundle}/convicts.csv', header = true, all_varchar = false,
                types = {'term_months': 'INTEGER', 'pretrial_days': 'INTEGER', 'sentence_start': 'DATE'})`);
await c.run(`CREATE TABLE sentence_changes AS SELECT row_number() OVER () AS id, s.change_id,
  v.id AS convict_rid, ${code('s.kind', ['commutation', 'parole', 'temporary_release'])} AS kind,
  ${dn('s.proposed_on')} AS proposed_on, ${dn('s.ruled_on')} AS ruled_on, ${dn('s.served_on')} AS served_on,
  ${code('s.merit', ['r', 'g', 'rg', 'gg', 'rgg'])} AS merit, s.reduction_months, s.new_term_months,
  ${code('s.ground', ['illness', 'pregnancy', 'self_care'])} AS ground
  FROM read_csv('${bundle}/sentence_changes.csv', header = true,
                types = {'reduction_months': 'INTEGER', 'new_term_months': 'INTEGER',
                         'proposed_on': 'DATE', 'ruled_on': 'DATE', 'served_on': 'DATE',
                         'merit': 'VARCHAR', 'ground': 'VARCHAR', 'note': 'VARCHAR',
                         'new_sentence_kind': 'VARCHAR'}) s
  JOIN convicts v ON v.convict_id = s.convict_id`);
await c.run(`CREATE MACRO addm(d, n) AS
  date_diff('day', DATE '1970-01-01', (DATE '1970-01-01' + CAST(d AS INTEGER)) + to_months(CAST(n AS INTEGER)))`);
const load = (performance.now() - t0) / 1000;
const sql = readFileSync(sqlFile, 'utf8').replace(/ADDM\(/g, 'addm(');
let best = Infinity, rows;
for (let i = 0; i < 3; i++) {
  t0 = performance.now();
  const r = await c.runAndReadAll(sql);
  best = Math.min(best, (performance.now() - t0) / 1000);
  rows = r.getRows();
}
for (const [cat, n] of rows) console.log(`  ${cat}|${n}`);
console.log(`duckdb load ${load.toFixed(3)} query ${best.toFixed(3)}`);
