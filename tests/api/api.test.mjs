// api.test.mjs — every /api/v1 endpoint: 401 without a session, 403 for a role without the
// right, 404 for ids of a sibling unit, 400 with a Chinese and English message for malformed
// input, CSRF enforced on every state-changing call. BASE and WORK come from setup.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';

const BASE = process.env.BASE;
const WORK = process.env.WORK;
const pw = (name) => `${name}-pass-2024`;

async function call(s, method, path, { body, raw, csrf = true, headers = {} } = {}) {
  const h = { ...headers };
  if (s) h.Cookie = s.cookie;
  if (s && csrf && method !== 'GET') h['X-CSRF-Token'] = typeof csrf === 'string' ? csrf : s.csrf;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = typeof body === 'string' ? body : JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await fetch(BASE + '/api/v1' + path, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, headers: res.headers };
}

async function login(name, password = pw(name)) {
  const r = await call(null, 'POST', '/login', { body: { name, password } });
  assert.equal(r.status, 200, `login ${name}: ${JSON.stringify(r.json)}`);
  const sc = r.headers.getSetCookie()[0];
  return { cookie: sc.split(';')[0], csrf: r.json.csrf_token, me: r.json, setCookie: sc };
}

function assertError(r, status) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.ok(r.json && r.json.error, 'error body');
  assert.ok(/[\u4e00-\u9fff]/.test(r.json.error.message), `Chinese message: ${r.json.error.message}`);
  assert.ok(r.json.error.message_en.length > 3, 'English message');
}

const S = {};
const ENDPOINTS = [
  ['POST', '/logout'], ['GET', '/me'], ['GET', '/units'], ['GET', '/catalog'],
  ['GET', '/indicators'], ['GET', '/dashboard'], ['GET', '/drilldown?indicator=no_arrest_rate'],
  ['GET', '/cases/C0000001'], ['POST', '/imports'], ['GET', '/imports'],
  ['GET', '/imports/1/issues'], ['GET', '/users'], ['POST', '/users'], ['PUT', '/users/admin'],
  ['GET', '/bulletin?period=2023'], ['GET', '/execution/review'], ['GET', '/execution/inspections'],
  ['GET', '/execution/coverage'], ['GET', '/execution/stats'],
];

test('every endpoint but login answers 401 without a session', async () => {
  for (const [m, p] of ENDPOINTS) {
    const r = await call(null, m, p, { body: m === 'GET' ? undefined : {} });
    assertError(r, 401);
  }
  // a made-up cookie is no session either
  const r = await call({ cookie: 'zx_session=' + 'ab'.repeat(32), csrf: 'x' }, 'GET', '/me');
  assertError(r, 401);
});

test('login: malformed input 400, wrong password 401, then a session cookie', async () => {
  assertError(await call(null, 'POST', '/login', { body: '{not json' }), 400);
  assertError(await call(null, 'POST', '/login', { body: { name: 'admin' } }), 400);
  assertError(await call(null, 'POST', '/login', { body: { name: 'admin', password: 'nope-nope' } }), 401);
  assertError(await call(null, 'POST', '/login', { body: { name: 'nobody', password: 'nope-nope' } }), 401);
  assertError(await call(null, 'GET', '/login'), 405);
  for (const n of ['admin', 'analyst', 'leader_a', 'analyst_a', 'admin_a', 'leader_b', 'exec_a', 'pros']) S[n] = await login(n);
  const c = S.admin.setCookie;
  assert.match(c, /HttpOnly/);
  assert.match(c, /SameSite=Strict/);
  assert.match(S.admin.cookie, /^zx_session=[0-9a-f]{64}$/);
  assert.match(S.admin.csrf, /^[0-9a-f]{64}$/);
});

test('security headers on API and static responses', async () => {
  for (const p of ['/api/v1/me', '/', '/js/app.js']) {
    const res = await fetch(BASE + p, { headers: { Cookie: S.admin.cookie } });
    assert.equal(res.status, 200, p);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/);
    assert.match(csp, /frame-ancestors 'none'/);
    assert.doesNotMatch(csp, /unsafe-inline/);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  }
  const v = await fetch(BASE + '/vendor/echarts.min.js');
  assert.equal(v.status, 200, 'ECharts is served locally');
  assert.equal((await fetch(BASE + '/../etc/passwd')).status, 404);
  assert.equal((await fetch(BASE + '/js/%2e%2e/%2e%2e/Makefile')).status, 404);
});

test('/me and /units: the own unit and its subtree only', async () => {
  const me = await call(S.leader_a, 'GET', '/me');
  assert.equal(me.status, 200);
  assert.equal(me.json.user.unit_id, 'U470100');
  assert.deepEqual(me.json.user.roles.map((r) => r.code), ['leader']);
  assert.equal(me.json.can.import, false);
  const u = await call(S.leader_a, 'GET', '/units');
  assert.equal(u.status, 200);
  assert.ok(u.json.units.length > 1);
  for (const x of u.json.units) assert.match(x.unit_id, /^U4701/);
  assert.equal(u.json.units[0].unit_id, 'U470100');
  const p = await call(S.pros, 'GET', '/units');
  assert.deepEqual(p.json.units.map((x) => x.unit_id), ['U470102']);
  const cat = await call(S.leader_a, 'GET', '/catalog');
  assert.ok(cat.json.indicators.some((i) => i.id === 'no_arrest_rate'));
});

test('/indicators: scoped figures, 404 for a sibling unit, 400 for bad input', async () => {
  const q = '/indicators?ids=no_arrest_rate,case_procedure_ratio_criminal&from=2023-01-01&to=2023-12-31';
  const a = await call(S.admin, 'GET', q + '&unit=U470100');
  const l = await call(S.leader_a, 'GET', q + '&by=unit&trend=year');
  assert.equal(a.status, 200);
  assert.equal(l.status, 200);
  assert.deepEqual(l.json.indicators.map((i) => [i.numerator, i.denominator]), a.json.indicators.map((i) => [i.numerator, i.denominator]));
  const x = l.json.indicators[0];
  assert.ok('last_year' in x && 'previous' in x && Array.isArray(x.trend));
  assert.equal(x.value, x.denominator ? x.numerator / x.denominator : null);
  assert.ok(l.json.rows.length > 1 && l.json.rows[0].self);
  for (const row of l.json.rows) assert.match(row.unit_id, /^U4701/);
  assertError(await call(S.leader_a, 'GET', q + '&unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', q + '&unit=U470000'), 404);
  assertError(await call(S.leader_a, 'GET', q + '&unit=NOPE'), 404);
  assertError(await call(S.leader_a, 'GET', '/indicators?from=2023-13-45'), 400);
  assertError(await call(S.leader_a, 'GET', '/indicators?from=2024-01-01&to=2023-01-01'), 400);
  assertError(await call(S.leader_a, 'GET', '/indicators?ids=no_such_rate'), 400);
  assertError(await call(S.leader_a, 'GET', '/indicators?by=everyone'), 400);
  // a prosecutor sees own figures only
  assertError(await call(S.pros, 'GET', '/indicators?by=unit'), 403);
  const p = await call(S.pros, 'GET', '/indicators?ids=no_arrest_rate&by=staff');
  assert.equal(p.status, 200);
  assert.equal(p.json.staff.staff_id, process.env.PSTAFF);
  assert.ok(p.json.rows.every((r) => r.staff_id === process.env.PSTAFF));
});

test('/dashboard: shares, ratios, key indicators, sub-units; scoped', async () => {
  const d = await call(S.leader_a, 'GET', '/dashboard?year=2023');
  assert.equal(d.status, 200);
  assert.equal(d.json.unit.unit_id, 'U470100');
  assert.equal(d.json.structures.length, 3);
  const duty = d.json.structures[0];
  assert.equal(duty.categories.reduce((s, c) => s + c.count, 0), duty.total);
  assert.equal(d.json.case_ratios.length, 4);
  assert.ok(d.json.key_indicators.length >= 6);
  assert.equal(d.json.key_indicators[0].months.length, 12);
  for (const u of d.json.subunits.units) assert.match(u.unit_id, /^U4701/);
  // the same figure as /indicators
  const i = await call(S.leader_a, 'GET', '/indicators?ids=no_arrest_rate&from=2023-01-01&to=2023-12-31');
  const k = d.json.key_indicators.find((x) => x.id === 'no_arrest_rate');
  assert.equal(k.numerator, i.json.indicators[0].numerator);
  assert.equal(k.denominator, i.json.indicators[0].denominator);
  assertError(await call(S.leader_a, 'GET', '/dashboard?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/dashboard?year=abc'), 400);
  assertError(await call(S.leader_a, 'GET', '/dashboard?year=1900'), 400);
  const p = await call(S.pros, 'GET', '/dashboard?year=2023');
  assert.equal(p.status, 200);
  assert.equal(p.json.subunits.units.length, 0);
});

let caseA, caseB, caseOther;
test('/drilldown: paged items equal to the figure, masked ids, scoped', async () => {
  const q = '/drilldown?indicator=non_prosecution_rate&part=denominator&from=2019-01-01&to=2025-12-31';
  const d = await call(S.leader_a, 'GET', q + '&size=5');
  assert.equal(d.status, 200);
  assert.equal(d.json.total, d.json.figure.denominator);
  assert.ok(d.json.items.length <= 5);
  assert.ok(d.json.total > 0, 'the city has cases');
  caseA = d.json.items[0].case_id;
  for (const it of d.json.items) {
    assert.match(it.unit_id, /^U4701/);
    if (it.id_number) assert.match(it.id_number, /^\d{6}\*{8}[\dX]{4}$/);
  }
  const ex = await call(S.exec_a, 'GET', q + '&size=5');
  assert.ok(ex.json.items.some((it) => it.id_number && /^\d{17}[\dX]$/.test(it.id_number)), 'execution sees full ids');
  const p2 = await call(S.leader_a, 'GET', q + '&size=5&page=2');
  assert.equal(p2.status, 200);
  if (d.json.total > 5) assert.notEqual(p2.json.items[0].no, d.json.items[0].no);
  const b = await call(S.leader_b, 'GET', q + '&size=1');
  caseB = b.json.items[0].case_id;
  assertError(await call(S.leader_a, 'GET', q + '&unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/drilldown'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=nope'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=plea_rate&part=half'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=plea_rate&size=100000'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=plea_rate&page=0'), 400);
  // the prosecutor's own items only
  const pr = await call(S.pros, 'GET', q + '&size=500');
  assert.equal(pr.status, 200);
  const all = await call(S.admin, 'GET', q + '&unit=U470102&size=500');
  const own = new Set(pr.json.items.map((i) => i.case_id));
  caseOther = all.json.items.map((i) => i.case_id).find((c) => !own.has(c));
});

test('/cases/{id}: timeline with handler and decider; 404 across units', async () => {
  const c = await call(S.leader_a, 'GET', '/cases/' + caseA);
  assert.equal(c.status, 200);
  assert.equal(c.json.case_id, caseA);
  assert.ok(c.json.events.length > 0);
  assert.ok(c.json.events.some((e) => e.handler.name), 'events name their handler');
  assert.ok('decider' in c.json.events[0]);
  for (const p of c.json.persons) if (p.id_number) assert.match(p.id_number, /\*{8}/);
  const a = await call(S.admin, 'GET', '/cases/' + caseA);
  assert.ok(a.json.persons.some((p) => p.id_number && !p.id_number.includes('*')), 'admin sees full ids');
  assertError(await call(S.leader_a, 'GET', '/cases/' + caseB), 404);
  assertError(await call(S.leader_a, 'GET', '/cases/NO-SUCH-CASE'), 404);
  assertError(await call(S.leader_a, 'POST', '/cases/' + caseA, { body: {} }), 405);
  if (caseOther) assertError(await call(S.pros, 'GET', '/cases/' + caseOther), 404);
  const mine = await call(S.pros, 'GET', '/drilldown?indicator=non_prosecution_rate&part=denominator&from=2019-01-01&to=2025-12-31&size=1');
  if (mine.json.total) assert.equal((await call(S.pros, 'GET', '/cases/' + mine.json.items[0].case_id)).status, 200);
});

// the CLI's findings (shared/spec/sentence-review.md) for the convicts whose institution is
// supervised by a unit whose id starts with prefix
function cliFindings(prefix, args = []) {
  const r = spawnSync(process.env.ZX, ['review-sentences', '--db', WORK + '/zx.db', '--format', 'json', ...args]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr.toString());
  const inScope = new Set(execFileSync('sqlite3', [WORK + '/zx.db',
    `SELECT c.convict_id FROM convicts c JOIN institutions i ON i.id = c.institution_rid
     JOIN units u ON u.id = i.unit_rid WHERE u.unit_id LIKE '${prefix}%'`]).toString().split('\n').filter(Boolean));
  return JSON.parse(r.stdout.toString()).filter((f) => inScope.has(f.convict_id));
}
const fkey = (f) => [f.change_id, f.convict_id, f.category, f.rule, f.article, f.expected, f.actual, f.severity].join('|');

test('/execution/review: the 减假暂 findings of the subtree equal review-sentences', async () => {
  assertError(await call(S.analyst, 'GET', '/execution/review'), 403);
  assertError(await call(S.analyst_a, 'GET', '/execution/review'), 403);
  assertError(await call(S.pros, 'GET', '/execution/review'), 403);
  assert.equal((await call(S.exec_a, 'GET', '/me')).json.can.execution, true);
  assert.equal((await call(S.analyst, 'GET', '/me')).json.can.execution, false);
  assertError(await call(S.exec_a, 'GET', '/execution/review?unit=U470200'), 404);
  assertError(await call(S.exec_a, 'GET', '/execution/review?unit=U470000'), 404);
  assertError(await call(S.exec_a, 'GET', '/execution/review?unit=NOPE'), 404);
  assertError(await call(S.exec_a, 'GET', '/execution/review?from=2023-13-45'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/review?from=2024-01-01&to=2023-01-01'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/review?category=nope'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/review?size=0'), 400);
  assertError(await call(S.exec_a, 'POST', '/execution/review', { body: {} }), 405);
  for (const [s, prefix] of [[S.exec_a, 'U4701'], [S.admin, 'U47']]) {
    const cli = cliFindings(prefix);
    const r = await call(s, 'GET', '/execution/review?size=500');
    assert.equal(r.status, 200, JSON.stringify(r.json));
    assert.ok(cli.length > 0, 'the bundle has planted violations in scope');
    assert.equal(r.json.total, cli.length);
    assert.deepEqual(r.json.items.map(fkey).sort(), cli.map(fkey).sort());
    for (const c of r.json.counts) assert.equal(c.count, cli.filter((f) => f.category === c.code).length, c.code);
    assert.equal(r.json.counts.length, 9);
    for (const it of r.json.items) {
      assert.match(it.category_label, /[\u4e00-\u9fff]/);
      assert.ok(it.convict_name && it.institution_name && it.article, JSON.stringify(it));
      if (prefix === 'U4701') assert.match(it.unit_id, /^U4701/);
      if (it.id_number) assert.doesNotMatch(it.id_number, /\*/, 'execution and admin see full ids');
    }
  }
  // a date range and a category, paged
  const cli = cliFindings('U4701', ['--from', '2010-01-01', '--to', '2022-12-31']);
  const r = await call(S.exec_a, 'GET', '/execution/review?from=2010-01-01&to=2022-12-31&size=500');
  assert.equal(r.json.total, cli.length);
  const cat = r.json.counts.find((c) => c.count > 0);
  if (cat) {
    const f = await call(S.exec_a, 'GET', `/execution/review?from=2010-01-01&to=2022-12-31&category=${cat.code}&size=1&page=1`);
    assert.equal(f.json.total, cat.count);
    assert.equal(f.json.items.length, 1);
    assert.equal(f.json.items[0].category, cat.code);
  }
  // a leader has the capability too, with masked id numbers; the sibling city sees none of these
  const l = await call(S.leader_a, 'GET', '/execution/review?size=500');
  assert.equal(l.json.total, cliFindings('U4701').length);
  for (const it of l.json.items) if (it.id_number) assert.match(it.id_number, /\*{8}/);
  const b = await call(S.leader_b, 'GET', '/execution/review?size=500');
  assert.equal(b.status, 200);
  for (const it of b.json.items) assert.match(it.unit_id, /^U4702/);
  const n = execFileSync('sqlite3', [WORK + '/zx.db',
    "SELECT count(*) FROM audit WHERE action='view_sentence_review' AND user_name='exec_a' AND outcome='ok'"]).toString().trim();
  assert.ok(Number(n) >= 3, 'views of convicts\' records are audited');
});

test('/execution/inspections, /coverage, /stats: plans, overdue and escalated, gaps, statistics', async () => {
  for (const p of ['/execution/inspections', '/execution/coverage', '/execution/stats']) {
    assertError(await call(S.analyst, 'GET', p), 403);
    assertError(await call(S.exec_a, 'GET', p + '?unit=U470200'), 404);
  }
  assertError(await call(S.exec_a, 'GET', '/execution/inspections?date=2025-02-30'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/coverage?year=abc'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/coverage?year=1900'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/stats?period=2025-Q5'), 400);
  const i = await call(S.exec_a, 'GET', '/execution/inspections?date=2025-06-30');
  assert.equal(i.status, 200, JSON.stringify(i.json));
  const plan = i.json.plans.find((p) => p.plan_id === 'P2025-01');
  assert.ok(plan, 'the plan of the subtree');
  assert.equal(plan.type_label, '常规巡回检察');
  assert.equal(plan.findings, 2);
  const st = Object.fromEntries(plan.dispositions.map((d) => [d.disp_id, d]));
  assert.equal(st['INSP-P2025-01-D1'].state, 'escalated');
  assert.equal(st['INSP-P2025-01-D1'].due, '2025-04-04');
  assert.equal(st['INSP-P2025-01-D1'].escalate_to.unit_id, 'U470000');
  assert.equal(st['INSP-P2025-01-D2'].state, 'answered');
  assert.deepEqual(i.json.dispositions, { open: 0, answered: 1, overdue: 0, escalated: 1 });
  const early = await call(S.exec_a, 'GET', '/execution/inspections?date=2025-03-26');
  assert.deepEqual(early.json.dispositions, { open: 2, answered: 0, overdue: 0, escalated: 0 });
  const b = await call(S.leader_b, 'GET', '/execution/inspections?date=2025-06-30');
  assert.ok(!b.json.plans.some((p) => p.plan_id === 'P2025-01'));
  // coverage and statistics equal `zhixiao inspect coverage|stats`
  const c = await call(S.exec_a, 'GET', '/execution/coverage?year=2025');
  assert.equal(c.status, 200);
  const cc = spawnSync(process.env.ZX, ['inspect', 'coverage', '--db', WORK + '/zx.db', '--unit', 'U470100', '--year', '2025']).stdout.toString();
  assert.equal(c.json.gaps, Number(/gaps: (\d+)/.exec(cc)[1]));
  const in1 = c.json.institutions.find((x) => x.institution_id === 'IN0001');
  assert.equal(in1.routine, 1);
  assert.equal(in1.gap, false);
  assert.ok(c.json.institutions.some((x) => x.gap), 'uninspected prisons are gaps');
  const s = await call(S.exec_a, 'GET', '/execution/stats?period=2025&date=2025-06-30');
  assert.equal(s.status, 200);
  const cs = spawnSync(process.env.ZX, ['inspect', 'stats', '--db', WORK + '/zx.db', '--unit', 'U470100', '--period', '2025', '--date', '2025-06-30']).stdout.toString();
  const m = /(\d+) inspections, (\d+) institutions inspected, (\d+) categories \((\d+) kinds\), (\d+) problems, (\d+) rectified/.exec(cs);
  assert.deepEqual([s.json.plans, s.json.institutions, s.json.categories, s.json.kinds, s.json.problems, s.json.rectified], m.slice(1).map(Number));
  assert.equal(s.json.problems, 2);
  assert.equal(s.json.escalated, 1);
  assert.equal(s.json.period.label, '2025年');
});

test('CSRF: state-changing calls need the session token in X-CSRF-Token', async () => {
  assertError(await call(S.leader_a, 'POST', '/logout', { csrf: false }), 403);
  assertError(await call(S.leader_a, 'POST', '/logout', { csrf: 'f'.repeat(64) }), 403);
  assertError(await call(S.admin, 'POST', '/users', { csrf: false, body: {} }), 403);
  assertError(await call(S.admin, 'PUT', '/users/leader_a', { csrf: S.leader_a.csrf, body: { disabled: true } }), 403);
  assertError(await call(S.analyst, 'POST', '/imports', { csrf: false, raw: 'x' }), 403);
  assertError(await call(S.admin, 'POST', '/users', { headers: { Origin: 'http://evil.example' }, body: {} }), 403);
});

let importId;
test('/imports: upload a bad bundle, see its rejects; roles and scope', async () => {
  const zip = readFileSync(`${WORK}/bad.zip`);
  assertError(await call(S.leader_a, 'POST', '/imports', { raw: zip }), 403);
  assertError(await call(S.analyst_a, 'POST', '/imports', { raw: zip }), 403);
  assertError(await call(S.analyst, 'POST', '/imports', { raw: 'this is not a zip file at all, no' }), 400);
  assertError(await call(S.analyst, 'POST', '/imports', { raw: '' }), 400);
  const r = await call(S.analyst, 'POST', '/imports', { raw: zip, headers: { 'Content-Type': 'application/zip' } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const rep = r.json.report;
  assert.ok(rep.rejected > 0, 'bad rows rejected');
  assert.equal(rep.read, rep.imported + rep.rejected);
  importId = rep.import_id;
  const iss = await call(S.analyst, 'GET', `/imports/${importId}/issues?size=100`);
  assert.equal(iss.status, 200);
  assert.ok(iss.json.total >= rep.rejected);
  assert.ok(iss.json.items.every((i) => i.file && i.line > 0 && i.reason));
  const list = await call(S.analyst, 'GET', '/imports');
  assert.ok(list.json.items.some((i) => i.id === importId));
  assertError(await call(S.leader_b, 'GET', '/imports'), 403);
  assertError(await call(S.leader_b, 'GET', `/imports/${importId}/issues`), 403);
  assertError(await call(S.analyst_a, 'GET', `/imports/${importId}/issues`), 404);
  assertError(await call(S.analyst, 'GET', '/imports/999999/issues'), 404);
  assertError(await call(S.analyst, 'GET', `/imports/${importId}/issues?size=0`), 400);
  // the import is visible in the figures right away (the data was reloaded)
  const u = await call(S.admin, 'GET', '/units');
  assert.ok(u.json.units.length > 0);
});

test('multipart upload of a bundle works too', async () => {
  const zip = readFileSync(`${WORK}/bad.zip`);
  const fd = new FormData();
  fd.append('bundle', new Blob([zip], { type: 'application/zip' }), 'bad.zip');
  const res = await fetch(BASE + '/api/v1/imports', { method: 'POST', body: fd, headers: { Cookie: S.analyst.cookie, 'X-CSRF-Token': S.analyst.csrf } });
  const j = await res.json();
  assert.equal(res.status, 200, JSON.stringify(j));
  assert.ok(j.report.unchanged === undefined);
  assert.ok(j.report.files.some((f) => f.unchanged > 0), 're-import of the same rows changes nothing');
});

test('/users: admins only, scoped to their subtree', async () => {
  assertError(await call(S.leader_a, 'GET', '/users'), 403);
  assertError(await call(S.leader_a, 'POST', '/users', { body: {} }), 403);
  const l = await call(S.admin_a, 'GET', '/users');
  assert.equal(l.status, 200);
  assert.ok(l.json.users.some((u) => u.name === 'leader_a'));
  assert.ok(!l.json.users.some((u) => u.name === 'leader_b' || u.name === 'admin'));
  assertError(await call(S.admin_a, 'POST', '/users', { body: { name: 'x1', unit_id: 'U470200', password: 'password-1', roles: ['leader'] } }), 404);
  assertError(await call(S.admin_a, 'POST', '/users', { body: { name: 'x1', unit_id: 'U470100', password: 'password-1', roles: ['boss'] } }), 400);
  assertError(await call(S.admin_a, 'POST', '/users', { body: { name: 'x1', unit_id: 'U470100', password: 'short', roles: ['leader'] } }), 400);
  assertError(await call(S.admin_a, 'POST', '/users', { body: { name: 'x1' } }), 400);
  assertError(await call(S.admin_a, 'POST', '/users', { body: '[1,2]' }), 400);
  const c = await call(S.admin_a, 'POST', '/users', { body: { name: 'new_leader', display_name: '新用户', unit_id: 'U470102', password: 'new_leader-pass-2024', roles: ['leader', 'reviewer'] } });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  assertError(await call(S.admin_a, 'POST', '/users', { body: { name: 'new_leader', unit_id: 'U470102', password: 'password-1', roles: ['leader'] } }), 400);
  const nl = await login('new_leader');
  assert.equal(nl.me.user.unit_id, 'U470102');
  assertError(await call(S.admin_a, 'PUT', '/users/leader_b', { body: { disabled: true } }), 404);
  assertError(await call(S.admin_a, 'PUT', '/users/new_leader', { body: { disabled: 'yes' } }), 400);
  const dis = await call(S.admin_a, 'PUT', '/users/new_leader', { body: { disabled: true } });
  assert.equal(dis.status, 200);
  assert.equal(dis.json.user.disabled, true);
  assertError(await call(nl, 'GET', '/me'), 401); // sessions end on disable
  assertError(await call(null, 'POST', '/login', { body: { name: 'new_leader', password: 'new_leader-pass-2024' } }), 401);
});

test('/bulletin: an XLSX of a unit in scope, audited as an export; 404, 400, 403', async () => {
  const res = await fetch(BASE + '/api/v1/bulletin?unit=U470100&period=2023', { headers: { Cookie: S.leader_a.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /spreadsheetml/);
  assert.equal(res.headers.get('content-disposition'), 'attachment; filename="bulletin-U470100-2023.xlsx"');
  const buf = Buffer.from(await res.arrayBuffer());
  assert.equal(buf.subarray(0, 2).toString(), 'PK'); // a zip: the xlsx container
  assert.ok(buf.includes(Buffer.from('xl/workbook.xml')));
  assert.ok(buf.includes(Buffer.from('xl/charts/chart1.xml')), 'native charts');
  assertError(await call(S.leader_a, 'GET', '/bulletin?unit=U470200&period=2023'), 404);
  assertError(await call(S.leader_a, 'GET', '/bulletin?unit=U470100&period=2023-Q5'), 400);
  assertError(await call(S.leader_a, 'GET', '/bulletin?unit=U470100'), 400);
  assertError(await call(S.pros, 'GET', '/bulletin?period=2023'), 403);
  const n = execFileSync('sqlite3', [WORK + '/zx.db',
    "SELECT count(*) FROM audit WHERE action='export_bulletin' AND user_name='leader_a' AND outcome='ok'"]).toString().trim();
  assert.equal(n, '1');
});

test('request body limit: 413', async () => {
  const r = await call(null, 'POST', '/login', { body: JSON.stringify({ name: 'a', password: 'x'.repeat(100000) }) });
  assertError(r, 413);
});

test('logout ends the session', async () => {
  const s = await login('leader_a');
  assert.equal((await call(s, 'POST', '/logout')).status, 200);
  assertError(await call(s, 'GET', '/me'), 401);
});

test('login throttling: 5 failures lock the account for 15 minutes', async () => {
  for (let i = 0; i < 5; i++) assertError(await call(null, 'POST', '/login', { body: { name: 'reviewer_a', password: 'wrong-password' } }), 401);
  const r = await call(null, 'POST', '/login', { body: { name: 'reviewer_a', password: pw('reviewer_a') } });
  assertError(r, 429);
  assert.match(r.json.error.message, /15 分钟/);
  // another account from the same address still works (the address limit is higher)
  await login('leader_b');
});
