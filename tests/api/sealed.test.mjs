// sealed.test.mjs — 犯罪记录封存: a copy of the test database is sealed with `zhixiao seal
// apply` and served by a second server. Every GET endpoint of the API (read from the
// dispatch in src/web/server.c, so endpoints added later are walked too) is called by every
// role; no sealed person's or case's id, name or id number may appear for a role without the
// capability, and aggregate figures equal those of the unsealed server. A leader sees sealed
// records only with a stated reason, and that access is audited with the reason.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync, spawn } from 'node:child_process';

import { BASE, WORK, pw, assertError, strings } from './lib.mjs';

const ZX = process.env.ZX;
const ROOT = process.env.ROOT;
const DB = WORK + '/sealed.db';
let SBASE, server;
const sq = (q) => execFileSync('sqlite3', [DB, q]).toString().trim();
const rows = (q) => (sq(q) ? sq(q).split('\n').map((l) => l.split('|')) : []);

async function req(base, s, path) {
  const res = await fetch(base + '/api/v1' + path, { headers: s ? { Cookie: s.cookie } : {} });
  const buf = Buffer.from(await res.arrayBuffer());
  let json = null;
  try { json = JSON.parse(buf.toString()); } catch { /* not JSON */ }
  return { status: res.status, json, text: (res.headers.get('content-type') || '').includes('json') ? buf.toString() : '' };
}
async function loginAt(base, name) {
  const res = await fetch(base + '/api/v1/login', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name, password: pw(name) }),
  });
  assert.equal(res.status, 200, name);
  const j = await res.json();
  return { cookie: res.headers.getSetCookie()[0].split(';')[0], csrf: j.csrf_token };
}

// The GET endpoints of the dispatch: each `strcmp(p, "/x")` or `strncmp(p, "/x/", n)` branch
// that answers GET.
function getEndpoints() {
  const src = readFileSync(ROOT + '/src/web/server.c', 'utf8');
  const body = src.slice(src.indexOf('static int api('));
  const fn = body.slice(0, body.indexOf('\n}\n'));
  const out = new Set();
  for (const chunk of fn.split(/else if|\bif \(/)) {
    const m = chunk.match(/strn?cmp\(p, "(\/[^"]*)"/);
    if (m && /"GET"/.test(chunk) && m[1] !== '/login') out.add(m[1]);
  }
  return [...out];
}

const R = { from: '2015-01-01', to: '2026-12-31' };
// every account of setup.sh (reviewer_d stands for reviewer_a, which api.test.mjs locks out)
const ROLES = ['admin', 'analyst', 'analyst_a', 'leader_a', 'admin_a', 'leader_b', 'exec_a', 'reviewer_d', 'pros', 'pros_m'];
const S = {}, M = {};
let sealedPersons, sealedCases, secrets, catalog;

before(async () => {
  execFileSync('sqlite3', [WORK + '/zx.db', `.backup '${DB}'`]);
  const out = execFileSync(ZX, ['seal', 'apply', '--db', DB]).toString();
  assert.match(out, /sealed: \d+ persons/);
  server = spawn(ZX, ['serve', '--db', DB, '--listen', '127.0.0.1:0', '--port-file', WORK + '/sealed.port', '--web', ROOT + '/web'],
    { stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 300 && !(existsSync(WORK + '/sealed.port') && readFileSync(WORK + '/sealed.port', 'utf8').trim()); i++)
    await new Promise((r) => setTimeout(r, 100));
  SBASE = 'http://127.0.0.1:' + readFileSync(WORK + '/sealed.port', 'utf8').trim();
  for (const n of ROLES) { S[n] = await loginAt(SBASE, n); M[n] = await loginAt(BASE, n); }
  sealedPersons = rows(`SELECT p.person_id, p.name, ifnull(p.id_number, ''), c.case_id FROM sealed s
    JOIN persons p ON p.id = s.rid JOIN cases c ON c.id = p.case_rid WHERE s.kind = 'person'`);
  sealedCases = rows(`SELECT c.case_id, c.case_no FROM sealed s JOIN cases c ON c.id = s.rid WHERE s.kind = 'case'`);
  assert.ok(sealedPersons.length > 0 && sealedCases.length > 0, 'the generated data has records to seal');
  // what must never show: ids, 受案号, names that belong to nobody else, id numbers
  secrets = [];
  const esc = (x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  // ids are whole tokens (C0000012 must not match C00000123); a name is a whole run of Han
  const id = (x) => secrets.push([x, new RegExp('(^|[^0-9A-Za-z])' + esc(x) + '($|[^0-9A-Za-z])')]);
  const han = (x) => secrets.push([x, new RegExp('(^|[^\\u4e00-\\u9fff])' + esc(x) + '($|[^\\u4e00-\\u9fff])')]);
  for (const [pid, name, idn] of sealedPersons) {
    id(pid);
    if (idn) id(idn);
    if (name && sq(`SELECT count(*) FROM persons WHERE name = '${name.replace(/'/g, "''")}'`) === '1') han(name);
  }
  for (const [cid, no] of sealedCases) { id(cid); if (no) id(no); }
  catalog = (await req(SBASE, S.analyst, '/catalog')).json;
});

after(() => { if (server) server.kill('SIGTERM'); });

function assertClean(r, what) {
  const all = strings(r.json).concat(r.text ? [r.text] : []);
  for (const s of all) for (const [x, re] of secrets) assert.doesNotMatch(s, re, `${what} shows sealed ${x}`);
}

// the calls for each endpoint; an endpoint this table does not know is called with a period
function calls(ep) {
  const q = `from=${R.from}&to=${R.to}`;
  const inds = (catalog && catalog.indicators ? catalog.indicators : []).map((i) => i.id || i.key).filter(Boolean);
  switch (ep) {
    case '/cases/': return sealedCases.slice(0, 5).map(([c]) => '/cases/' + c)
      .concat(sealedPersons.slice(0, 5).map((p) => '/cases/' + p[3]));
    case '/imports/': return ['/imports/1/issues?size=500', '/imports/2/issues?size=500'];
    case '/drilldown': return inds.flatMap((i) => ['numerator', 'denominator'].map((p) => `/drilldown?indicator=${i}&part=${p}&${q}&size=500`));
    case '/trends/cases': return [`/trends/cases?from=2015-01&to=2026-12&size=500`];
    case '/leaders/cases': return [`/leaders/cases?${q}&all=1&limit=5000`];
    case '/danger/score': return sealedPersons.slice(0, 5).map((p) => '/danger/score?person=' + p[0]);
    case '/danger/persons': return [`/danger/persons?${q}&limit=2000`, '/danger/persons?pending=1'];
    case '/monitor': return ['/monitor?size=500', '/monitor?as_of=2025-12-31&size=500'];
    case '/bulletin': return ['/bulletin?period=2024'];
    default: return [`${ep}?${q}`, ep];
  }
}

test('the walk covers the dispatch: every GET endpoint is found', () => {
  const eps = getEndpoints();
  for (const e of ['/me', '/cases/', '/drilldown', '/trends/cases', '/danger/persons', '/sealed', '/leaders/cases', '/monitor', '/imports/'])
    assert.ok(eps.includes(e), `dispatch lists ${e}: ${eps}`);
});

test('no GET endpoint shows a sealed person or case to a role without the capability', async () => {
  let n = 0;
  for (const ep of getEndpoints()) {
    for (const path of calls(ep)) {
      // the many drill-downs by the roles that reach them differently; the rest by all
      for (const role of ep === '/drilldown' ? ['analyst', 'leader_a', 'admin_a', 'pros'] : ROLES) {
        const r = await req(SBASE, S[role], path);
        assert.ok(r.status < 500, `${role} ${path}: ${r.status} ${JSON.stringify(r.json)}`);
        assertClean(r, `${role} GET ${path}`);
        n++;
      }
    }
  }
  assert.ok(n > 100, `${n} calls`);
  // a sealed case answers as if it did not exist
  for (const [c] of sealedCases.slice(0, 3)) assertError(await req(SBASE, S.leader_a, '/cases/' + c), 404);
});

test('aggregate figures are the same with and without sealed records', async () => {
  const agg = ['/dashboard', `/indicators?from=2019-01-01&to=2025-12-31`, `/leaders?from=2019-01-01&to=2025-12-31`,
    '/trends?from=2019-01&to=2025-12', `/danger/report?from=2019-01-01&to=2025-12-31`, '/execution/stats'];
  for (const role of ['analyst', 'leader_a', 'admin']) {
    for (const p of agg) {
      const a = await req(BASE, M[role], p), b = await req(SBASE, S[role], p);
      assert.equal(b.status, a.status, `${role} ${p}`);
      assert.deepEqual(b.json, a.json, `${role} ${p}: figures differ once records are sealed`);
    }
  }
});

test('a leader sees sealed records only with a reason, and the access is audited with it', async () => {
  const inScope = rows(`SELECT c.case_id FROM sealed s JOIN cases c ON c.id = s.rid JOIN units u ON u.id = c.unit_rid
    WHERE s.kind = 'case' AND u.unit_id LIKE 'U4701%' LIMIT 1`);
  assert.ok(inScope.length, 'a sealed case in U470100');
  const c = inScope[0][0];
  assertError(await req(SBASE, S.leader_a, `/cases/${c}`), 404);
  const reason = '办理本院审查起诉案件需要核实前科（测试）';
  const ok = await req(SBASE, S.leader_a, `/cases/${c}?sealed_reason=${encodeURIComponent(reason)}`);
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.case_id || ok.json.case?.case_id, c);
  const audit = sq(`SELECT count(*) FROM audit WHERE action = 'view_sealed' AND detail = '${reason}'`);
  assert.equal(audit, '1', 'the access is audited with its reason');
  // the list of sealed records needs the capability and a reason
  assertError(await req(SBASE, S.leader_a, '/sealed'), 400);
  assertError(await req(SBASE, S.leader_a, '/sealed?sealed_reason=x'), 400);
  const list = await req(SBASE, S.leader_a, `/sealed?sealed_reason=${encodeURIComponent(reason)}`);
  assert.equal(list.status, 200);
  assert.ok(list.json.sealed.some((x) => x.kind === 'case' && x.id === c));
  assert.ok(list.json.sealed.every((x) => x.unit_id.startsWith('U4701')), 'scoped to the subtree');
  for (const role of ['admin', 'analyst', 'exec_a', 'reviewer_d', 'pros']) {
    assertError(await req(SBASE, S[role], `/sealed?sealed_reason=${encodeURIComponent(reason)}`), 403);
    assertError(await req(SBASE, S[role], `/cases/${c}?sealed_reason=${encodeURIComponent(reason)}`), 403);
  }
  // another subtree's sealed case stays out of reach, reason or not
  const other = rows(`SELECT c.case_id FROM sealed s JOIN cases c ON c.id = s.rid JOIN units u ON u.id = c.unit_rid
    WHERE s.kind = 'case' AND u.unit_id NOT LIKE 'U4701%' AND u.unit_id <> 'U470000' LIMIT 1`);
  if (other.length) assertError(await req(SBASE, S.leader_a, `/cases/${other[0][0]}?sealed_reason=${encodeURIComponent(reason)}`), 404);
});

test('seal apply is idempotent and records the rule', () => {
  const before = sq('SELECT count(*) FROM sealed');
  const out = execFileSync(ZX, ['seal', 'apply', '--db', DB]).toString();
  assert.match(out, /\(0 new\), \d+ cases \(0 new\)/);
  assert.equal(sq('SELECT count(*) FROM sealed'), before);
  assert.equal(sq("SELECT count(*) FROM sealed WHERE rule <> 'cpl286_minor'"), '0');
});
