// bench.js — the DuckDB side of bench/indicators, the SQL renderer for both SQL engines and
// the comparison of the three engines' figures. Never part of the tests.
//
//   node bench.js render --aux DIR --work a|b [--unit U --from D --to D]  > script.sql
//        (SQLite: the queries of the work with .timer, output per query to OUTDIR/NAME.csv)
//   node bench.js duck-load DB BUNDLE AUX
//   node bench.js duck-run DB --aux DIR --work a|b --out CSV --repeat N [--unit U --from D --to D]
//   node bench.js sqlite-long OUTDIR CSV       wide per-query CSVs → the long form
//   node bench.js compare NAME=CSV NAME=CSV ...  exit 1 when any figure differs
'use strict';
const fs = require('fs');
const path = require('path');

const HERE = __dirname;

function day(s) {
  return Math.round(Date.parse(s + 'T00:00:00Z') / 86400000);
}

function args(argv) {
  const o = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) o[argv[i].slice(2)] = argv[++i];
    else o._.push(argv[i]);
  }
  return o;
}

function vocab(aux) {
  const v = {};
  const lines = fs.readFileSync(path.join(aux, 'vocab.csv'), 'utf8').trim().split('\n').slice(1);
  for (const l of lines) {
    const [name, value, key] = l.split(',');
    if (!/^[a-z_]+$/.test(key)) continue; // Chinese labels: for loading only
    (v[name] = v[name] || {})[key] = Number(value);
  }
  return v;
}

// The catalog's 件 set (data/indicators.json type_sets.jian, the default of case-data.md).
const JIAN = ['arrest_appeal', 'no_arrest_reconsideration', 'no_arrest_review',
  'return_investigation', 'extend_review', 'non_prosecution_reconsideration',
  'non_prosecution_review', 'non_prosecution_appeal', 'withdraw_indictment', 'retrial_remand'];

function render(text, aux, o) {
  const v = vocab(aux);
  const year = Number(o.year || 2024);
  const map = { t: 'event_type', r: 'result', l: 'line', k: 'case_kind', s: 'case_source' };
  const vars = {
    Y0: String(day(`${year}-01-01`)), Y1: String(day(`${year}-12-31`)),
    jian: JIAN.map((t) => v.event_type[t]).join(', '),
    U: o.unit || '', A: o.from ? String(day(o.from)) : '', B: o.to ? String(day(o.to)) : '',
    aux: o.aux || '', bundle: o.bundle || '', store: o.store || '',
  };
  return text.replace(/\{([a-z]):([a-z_]+)\}|\{([A-Za-z][A-Za-z0-9]*)\}/g, (m, kind, code, name) => {
    if (name !== undefined) {
      if (!(name in vars)) throw new Error(`unknown placeholder ${m}`);
      return vars[name];
    }
    const val = v[map[kind]] && v[map[kind]][code];
    if (val === undefined) throw new Error(`unknown code ${m}`);
    return String(val);
  });
}

// The queries of one work: [{name, sql}], from queries.sql sections "-- @name".
function queries(aux, o) {
  const text = fs.readFileSync(path.join(HERE, 'queries.sql'), 'utf8');
  const out = [];
  const parts = text.split(/^-- @/m).slice(1);
  for (const p of parts) {
    const nl = p.indexOf('\n');
    const name = p.slice(0, nl).trim();
    if (!name.startsWith(o.work + '_')) continue;
    out.push({ name, sql: render(p.slice(nl + 1), aux, o).trim() });
  }
  return out;
}

// Wide rows (unit_id, m, X__n, X__d, ...) → long rows "X,unit_id,m,n,d".
function toLong(cols, rows, into) {
  for (const r of rows) {
    for (let i = 2; i < cols.length; i++) {
      const [ind, part] = cols[i].split('__');
      const key = `${ind},${r[0]},${Number(r[1])}`;
      const cur = into.get(key) || [0, 0];
      cur[part === 'n' ? 0 : 1] = Number(r[i] === null || r[i] === '' ? 0 : r[i]);
      into.set(key, cur);
    }
  }
}

function writeLong(file, long) {
  const lines = ['indicator,unit_id,period,numerator,denominator'];
  for (const [k, [n, d]] of long) lines.push(`${k},${n},${d}`);
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

function readLong(file) {
  const m = new Map();
  const lines = fs.readFileSync(file, 'utf8').trim().split('\n').slice(1);
  for (const l of lines) {
    const f = l.split(',');
    m.set(`${f[0]},${f[1]},${f[2]}`, [Number(f[3]), Number(f[4])]);
  }
  return m;
}

function rss() {
  const s = fs.readFileSync('/proc/self/status', 'utf8').match(/VmHWM:\s+(\d+)/);
  return s ? Number(s[1]) : 0;
}

async function duck(dbfile) {
  const { DuckDBInstance } = require(path.join(process.env.DUCK_MODULES || HERE, 'node_modules', '@duckdb/node-api'));
  const inst = await DuckDBInstance.create(dbfile);
  return { inst, con: await inst.connect() };
}

async function duckLoad(db, bundle, aux) {
  const t0 = performance.now();
  const { con } = await duck(db);
  const sql = render(fs.readFileSync(path.join(HERE, 'duckdb_load.sql'), 'utf8'), aux,
    { aux, bundle });
  for (const stmt of sql.split(/;\s*$/m).map((s) => s.trim()).filter((s) => s && !/^(--.*\n?)*$/.test(s)))
    await con.run(stmt);
  const r = await con.runAndReadAll('SELECT count(*) FROM ev');
  console.log(`duckdb load: ${((performance.now() - t0) / 1000).toFixed(1)} s, ` +
    `${r.getRows()[0][0]} events, peak_kib=${rss()}`);
}

async function duckRun(db, o) {
  const t0 = performance.now();
  const { con } = await duck(db);
  const qs = queries(o.aux, o);
  const runAll = async (into) => {
    for (const q of qs) {
      const r = await con.runAndReadAll(q.sql);
      if (into) toLong(r.columnNames(), r.getRows(), into);
    }
  };
  const long = new Map();
  const t1 = performance.now();
  await runAll(long);
  const first = performance.now() - t1, cold = performance.now() - t0;
  const warm = [];
  for (let i = 0; i < Number(o.repeat || 3); i++) {
    const a = performance.now();
    await runAll(null);
    warm.push(performance.now() - a);
  }
  warm.sort((a, b) => a - b);
  writeLong(o.out, long);
  console.log(`duckdb work=${o.work} open_ms=${(t1 - t0).toFixed(1)} first_ms=${first.toFixed(1)} ` +
    `cold_total_ms=${cold.toFixed(1)} warm_min_ms=${(warm[0] || 0).toFixed(2)} ` +
    `warm_median_ms=${(warm[warm.length >> 1] || 0).toFixed(2)} peak_kib=${rss()}`);
}

// A sqlite3 script: the work's queries once with output to OUTDIR/NAME.csv, then `repeat`
// more times with output discarded; .timer reports each statement.
function sqliteScript(o) {
  const qs = queries(o.aux, o);
  const lines = ['.timer on', '.mode csv', '.headers on', 'PRAGMA cache_size = -1048576;',
    'PRAGMA temp_store = MEMORY;'];
  lines.push('.print @@pass 0');
  for (const q of qs) {
    lines.push(`.output ${path.join(o.outdir, q.name + '.csv')}`, q.sql, '.output stdout');
  }
  for (let i = 1; i <= Number(o.repeat || 1); i++) {
    lines.push(`.print @@pass ${i}`, '.output /dev/null');
    for (const q of qs) lines.push(q.sql);
    lines.push('.output stdout');
  }
  return lines.join('\n') + '\n';
}

function sqliteLong(outdir, file) {
  const long = new Map();
  for (const f of fs.readdirSync(outdir).filter((f) => f.endsWith('.csv'))) {
    const lines = fs.readFileSync(path.join(outdir, f), 'utf8').trim().split(/\r?\n/);
    if (!lines[0]) continue;
    const cols = lines[0].split(',').map((c) => c.replace(/"/g, ''));
    toLong(cols, lines.slice(1).map((l) => l.split(',').map((c) => c.replace(/"/g, ''))), long);
  }
  writeLong(file, long);
}

// The times of a sqlite3 run: per pass, the sum of the statements' real times.
function sqliteTimes(log) {
  const passes = [];
  let cur = -1;
  for (const l of fs.readFileSync(log, 'utf8').split('\n')) {
    const p = l.match(/^@@pass (\d+)/);
    if (p) { cur = Number(p[1]); passes[cur] = 0; continue; }
    const t = l.match(/^Run Time: real ([0-9.]+)/);
    if (t && cur >= 0) passes[cur] += Number(t[1]) * 1000;
  }
  const warm = passes.slice(1).sort((a, b) => a - b);
  console.log(`first_ms=${(passes[0] || 0).toFixed(1)} warm_min_ms=${(warm[0] || 0).toFixed(2)} ` +
    `warm_median_ms=${(warm[warm.length >> 1] || 0).toFixed(2)}`);
}

function compare(specs) {
  const sets = specs.map((s) => { const [n, f] = s.split('='); return { n, m: readLong(f) }; });
  const base = sets[0];
  let bad = 0, checked = 0;
  const inds = new Set();
  for (const o of sets.slice(1)) {
    // every figure of every indicator the other engine computes; a missing row is 0 / 0
    const oinds = new Set([...o.m.keys()].map((k) => k.split(',')[0]));
    const keys = new Set(o.m.keys());
    for (const k of base.m.keys()) if (oinds.has(k.split(',')[0])) keys.add(k);
    for (const k of keys) {
      const a = base.m.get(k) || [0, 0], b = o.m.get(k) || [0, 0];
      checked++;
      inds.add(k.split(',')[0]);
      if (a[0] !== b[0] || a[1] !== b[1]) {
        if (bad < 20) console.error(`MISMATCH ${k}: ${base.n} ${a.join('/')} vs ${o.n} ${b.join('/')}`);
        bad++;
      }
    }
  }
  console.log(`compared ${checked} figures of ${inds.size} indicators: ` +
    `${sets.map((s) => s.n).join(' = ')}: ` + (bad ? `${bad} DIFFER` : 'all equal'));
  return bad ? 1 : 0;
}

// The table of figures from run.sh's results file.
function table(file) {
  const rows = [];
  for (const l of fs.readFileSync(file, 'utf8').trim().split('\n')) {
    const f = l.split(/\s+/);
    const kv = {};
    for (const x of f.slice(3)) { const [k, v] = x.split('='); if (v !== undefined) kv[k] = Number(v); }
    const cold = kv.cold_total_ms !== undefined ? kv.cold_total_ms : kv.first_ms;
    rows.push({ engine: f[0], work: f[1], scope: f[2], cold, warm: kv.warm_min_ms,
      med: kv.warm_median_ms, peak: kv.peak_kib / 1024, wall: kv.wall_s, load: kv.load_ms });
  }
  const pad = (s, n) => String(s).padStart(n);
  const fmt = (x) => (x === undefined || Number.isNaN(x) ? '—' : x >= 100 ? x.toFixed(0) : x.toFixed(1));
  console.log(`${'work'.padEnd(11)}${'engine'.padEnd(16)}${pad('cold ms', 10)}${pad('warm min', 10)}` +
    `${pad('warm med', 10)}${pad('peak MiB', 10)}`);
  for (const r of rows)
    console.log(`${r.scope.padEnd(11)}${r.engine.padEnd(16)}${pad(fmt(r.cold), 10)}` +
      `${pad(fmt(r.warm), 10)}${pad(fmt(r.med), 10)}${pad(fmt(r.peak), 10)}`);
  console.log('\nratios (other engine time / zhixiao time; goals: (a) DuckDB ≥ 2, SQLite ≥ 20; (b) zhixiao warm < 20 ms)');
  for (const scope of [...new Set(rows.map((r) => r.scope))]) {
    const z = rows.find((r) => r.scope === scope && r.engine === 'zhixiao');
    if (!z) continue;
    for (const o of rows.filter((r) => r.scope === scope && r.engine !== 'zhixiao')) {
      const c = o.cold / z.cold, w = o.warm / z.warm;
      console.log(`${scope.padEnd(11)}${o.engine.padEnd(16)} cold ×${c.toFixed(1)}  warm ×${w.toFixed(1)}`);
    }
  }
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const o = args(rest);
  if (cmd === 'render') process.stdout.write(sqliteScript(o));
  else if (cmd === 'duck-load') await duckLoad(o._[0], o._[1], o._[2]);
  else if (cmd === 'duck-run') await duckRun(o._[0], o);
  else if (cmd === 'sqlite-long') sqliteLong(o._[0], o._[1]);
  else if (cmd === 'sqlite-times') sqliteTimes(o._[0]);
  else if (cmd === 'render-file') process.stdout.write(render(fs.readFileSync(o._[0], 'utf8'), o.aux, o));
  else if (cmd === 'compare') process.exit(compare(o._));
  else if (cmd === 'table') table(o._[0]);
  else { console.error('usage: see the head of bench.js'); process.exit(2); }
}

main().catch((e) => { console.error(e); process.exit(2); });
