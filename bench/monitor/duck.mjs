// duck.mjs — the DuckDB side of bench/monitor (never part of the tests).
//
//   node duck.mjs load DUCKDB EVENTS_CSV CASES_CSV     the store's typed columns, as exported
//   node duck.mjs run DUCKDB AS_OF_DAY REPEAT OUT_CSV  mon_duckdb.sql + monitor.sql: prints
//        "first_s=… warm_s=…" (the first run in this process, then the fastest of REPEAT more)
import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const [cmd, file, ...rest] = process.argv.slice(2);
const db = await DuckDBInstance.create(file);
const c = await db.connect();

if (cmd === 'load') {
  const [ev, cs] = rest;
  await c.run(`CREATE OR REPLACE TABLE events AS SELECT * FROM read_csv('${ev}', header = false,
    columns = {'id': 'BIGINT', 'case_rid': 'BIGINT', 'person_rid': 'BIGINT', 'type': 'INTEGER',
               'date': 'INTEGER', 'result': 'INTEGER', 'ref_rid': 'BIGINT'})`);
  await c.run(`CREATE OR REPLACE TABLE cases AS SELECT * FROM read_csv('${cs}', header = false,
    columns = {'id': 'BIGINT', 'business': 'INTEGER', 'complex': 'INTEGER'})`);
  await c.run('CHECKPOINT');
  process.exit(0);
}

const [asOf, repeat, out] = rest;
const stmts = (readFileSync(join(HERE, 'mon_duckdb.sql'), 'utf8') + '\n' +
  readFileSync(join(HERE, 'monitor.sql'), 'utf8').replaceAll('{AS_OF}', asOf))
  .split('\n').filter((l) => !l.startsWith('--')).join('\n')
  .split(';').map((s) => s.trim()).filter((s) => s.length)
  // the indexes are for SQLite's nested loops; DuckDB joins by hashing and ignores them
  .filter((s) => !/^CREATE INDEX/i.test(s));
async function once() {
  let rows, cols;
  for (const s of stmts) {
    if (/^SELECT/i.test(s)) {
      const r = await c.runAndReadAll(s);
      rows = r.getRows();
      cols = r.columnNames();
    } else {
      await c.run(s);
    }
  }
  return [cols, rows];
}
let t0 = performance.now();
const [cols, rows] = await once();
const first = (performance.now() - t0) / 1000;
let warm = Infinity;
for (let i = 0; i < Number(repeat); i++) {
  t0 = performance.now();
  await once();
  warm = Math.min(warm, (performance.now() - t0) / 1000);
}
writeFileSync(out, [cols.join(','), ...rows.map((r) => r.map(String).join(','))].join('\n') + '\n');
console.log(`first_s=${first.toFixed(3)} warm_s=${(warm === Infinity ? first : warm).toFixed(3)}`);
