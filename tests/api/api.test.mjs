// api.test.mjs — every /api/v1 endpoint: 401 without a session, 403 for a role without the
// right, 404 for ids of a sibling unit, 400 with a Chinese and English message for malformed
// input, CSRF enforced on every state-changing call. BASE and WORK come from setup.sh.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import http from 'node:http';
import net from 'node:net';

import { BASE, WORK, pw, call, login, assertError, ID_RE, strings, assertNoIds, sql } from './lib.mjs';

const S = {};
const ENDPOINTS = [
  ['POST', '/logout'], ['GET', '/me'], ['GET', '/units'], ['GET', '/catalog'],
  ['GET', '/indicators'], ['GET', '/dashboard'], ['GET', '/drilldown?indicator=no_arrest_rate'],
  ['GET', '/cases/C0000001'], ['POST', '/imports'], ['GET', '/imports'],
  ['GET', '/imports/1/issues'], ['GET', '/users'], ['POST', '/users'], ['PUT', '/users/admin'],
  ['GET', '/bulletin?period=2023'], ['GET', '/execution/review'], ['GET', '/execution/inspections'],
  ['GET', '/execution/coverage'], ['GET', '/execution/stats'], ['POST', '/similar'],
  ['GET', '/trends'], ['GET', '/trends/cases'], ['GET', '/monitor'],
  ['GET', '/monitor/notices'], ['POST', '/monitor/notices'], ['POST', '/monitor/notices/escalate'],
  ['POST', '/monitor/notices/LCJK-2025-000001/reply'],
  ['GET', '/ledger/verify'], ['GET', '/leaders'], ['GET', '/leaders/cases'],
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
  // every indicator carries its definition from data/indicators.json
  const file = JSON.parse(readFileSync(process.env.ROOT + '/data/indicators.json', 'utf8')).indicators;
  for (const f of file) {
    // a structure indicator is one row per category (id.key)
    const rows = cat.json.indicators.filter((x) => x.id === f.id || x.id.startsWith(f.id + '.'));
    assert.ok(rows.length > 0, f.id);
    for (const i of rows) assert.equal(i.definition, f.definition_zh, i.id);
  }
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

// the CLI's monitor items (shared/spec/process-monitoring.md) of a unit subtree
function cliMonitor(unit, asOf) {
  const r = spawnSync(process.env.ZX, ['monitor', '--db', WORK + '/zx.db', '--as-of', asOf, '--unit', unit],
    { maxBuffer: 1 << 28 });
  assert.equal(r.status, 0, r.stderr.toString());
  return JSON.parse(r.stdout.toString());
}
const countBy = (items) => {
  const c = { ok: 0, late: 0, open: 0, yellow: 0, red: 0 };
  for (const i of items) c[i.status]++;
  return c;
};

test('/monitor: the items of the subtree as the CLI computes them, urgent first; own cases of a prosecutor; 404, 400', async () => {
  const asOf = '2025-06-30';
  const cli = cliMonitor('U470100', asOf);
  const r = await call(S.leader_a, 'GET', `/monitor?as_of=${asOf}&size=500`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.unit.id, 'U470100');
  assert.deepEqual(r.json.counts, countBy(cli));
  assert.equal(r.json.total, cli.length);
  const key = (i) => [i.case_id, i.person_id, i.stage, i.started_on, i.deadline, i.closed_on, i.status, i.rule].join('|');
  const cliKeys = new Set(cli.map(key));
  for (const i of r.json.items) {
    assert.ok(cliKeys.has(key(i)), `API item not in the CLI's: ${key(i)}`);
    assert.ok(i.unit_id.startsWith('U4701'), i.unit_id);
    assert.ok(/[\u4e00-\u9fff]/.test(i.stage_label) && /[\u4e00-\u9fff]/.test(i.status_label));
  }
  const rank = { red: 0, yellow: 1, open: 2, late: 3, ok: 4 };
  for (let k = 1; k < r.json.items.length; k++)
    assert.ok(rank[r.json.items[k - 1].status] <= rank[r.json.items[k].status], 'most urgent first');
  // by child unit and handler: the yellow and red items add up
  const yr = r.json.counts.yellow + r.json.counts.red;
  assert.equal(r.json.by_unit.reduce((a, u) => a + u.yellow + u.red, 0), yr);
  // status filter
  const red = await call(S.leader_a, 'GET', `/monitor?as_of=${asOf}&status=red&size=500`);
  assert.equal(red.json.total, r.json.counts.red);
  assert.ok(red.json.items.every((i) => i.status === 'red'));
  // a sibling unit: 404; bad input: 400 with messages; writes: 405
  assertError(await call(S.leader_a, 'GET', '/monitor?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/monitor?as_of=2025-02-30'), 400);
  assertError(await call(S.leader_a, 'GET', '/monitor?status=purple'), 400);
  assertError(await call(S.leader_a, 'POST', '/monitor', { body: {} }), 405);
  // a prosecutor: only the cases they handle
  const own = new Set(execFileSync('sqlite3', [WORK + '/zx.db',
    `SELECT c.case_id FROM cases c JOIN staff s ON s.id = c.handler_rid WHERE s.staff_id = '${process.env.PSTAFF}'`])
    .toString().split('\n').filter(Boolean));
  const p = await call(S.pros, 'GET', `/monitor?as_of=${asOf}&size=500`);
  assert.equal(p.status, 200);
  const mineCli = cliMonitor('U470102', asOf).filter((i) => own.has(i.case_id));
  assert.deepEqual(p.json.counts, countBy(mineCli));
  assert.ok(p.json.items.every((i) => own.has(i.case_id) && i.mine && i.handler_id === process.env.PSTAFF));
  // one with criminal cases: some overdue items, all their own
  const pm = await login('pros_m');
  const m = await call(pm, 'GET', `/monitor?as_of=${asOf}&size=500`);
  const ownM = new Set(execFileSync('sqlite3', [WORK + '/zx.db',
    `SELECT c.case_id FROM cases c JOIN staff s ON s.id = c.handler_rid WHERE s.staff_id = '${process.env.MSTAFF}'`])
    .toString().split('\n').filter(Boolean));
  const cliM = cliMonitor(process.env.MUNIT, asOf).filter((i) => ownM.has(i.case_id));
  assert.ok(cliM.length > 0 && m.json.counts.red > 0, 'the prosecutor has overdue items');
  assert.deepEqual(m.json.counts, countBy(cliM));
  assert.ok(m.json.items.every((i) => ownM.has(i.case_id) && i.mine));
  assert.equal(m.json.items.length, cliM.length);
});

test('流程监控通知书: 案管 issues on an overdue item (CSRF, capability, scope), the handler answers, escalation', async () => {
  const pm = await login('pros_m');
  const mine = await call(pm, 'GET', '/monitor?as_of=2025-06-30&status=red&size=5');
  const it = mine.json.items[0];
  assert.ok(it, 'an overdue item of the prosecutor');
  const body = { case_id: it.case_id, person_id: it.person_id, stage: it.stage, date: '2025-06-30' };
  assertError(await call(S.analyst_a, 'POST', '/monitor/notices', { body, csrf: false }), 403);
  assertError(await call(S.leader_a, 'POST', '/monitor/notices', { body }), 403);
  assertError(await call(pm, 'POST', '/monitor/notices', { body }), 403);
  assertError(await call(S.leader_b, 'POST', '/monitor/notices', { body }), 403);
  const ok = await call(S.analyst_a, 'POST', '/monitor/notices', { body });
  assert.equal(ok.status, 201, JSON.stringify(ok.json));
  assert.equal(ok.json.reply_due, '2025-07-10');
  assert.equal(ok.json.handler_id, process.env.MSTAFF);
  assertError(await call(S.analyst_a, 'POST', '/monitor/notices', { body }), 409);
  assertError(await call(S.analyst_a, 'POST', '/monitor/notices', { body: { ...body, stage: 'nonsense' } }), 400);
  const no = ok.json.notice_no;
  // the prosecutor sees it and answers; a prosecutor of another unit does not see it
  const list = await call(pm, 'GET', '/monitor/notices');
  assert.ok(list.json.items.some((n) => n.notice_no === no && n.mine && n.state === 'open'));
  assert.ok(!(await call(S.pros, 'GET', '/monitor/notices')).json.items.some((n) => n.notice_no === no));
  assertError(await call(S.pros, 'POST', `/monitor/notices/${no}/reply`, { body: { text: 'x' } }), 404);
  assertError(await call(S.leader_a, 'POST', `/monitor/notices/${no}/reply`, { body: { text: 'x' } }), 403);
  // escalation acts only on the caller's subtree: 案管 of a sibling city escalates none of it
  const ab = await login('analyst_b');
  const other = await call(ab, 'POST', '/monitor/notices/escalate', { body: { date: '2025-07-11' } });
  assert.equal(other.status, 200);
  assert.equal((await call(S.analyst_a, 'GET', '/monitor/notices')).json.items.find((n) => n.notice_no === no).state, 'open');
  // escalation before the reply: to the department head after the reply day
  const esc = await call(S.analyst_a, 'POST', '/monitor/notices/escalate', { body: { date: '2025-07-11' } });
  assert.equal(esc.status, 200);
  assert.ok(esc.json.escalated >= 1);
  const after = (await call(S.analyst_a, 'GET', '/monitor/notices')).json.items.find((n) => n.notice_no === no);
  assert.equal(after.state, 'escalated_head');
  assert.equal(after.head_on, '2025-07-11');
  const rep = await call(pm, 'POST', `/monitor/notices/${no}/reply`, { body: { text: '已依法作出处理决定', date: '2025-07-12' } });
  assert.equal(rep.status, 200, JSON.stringify(rep.json));
  assertError(await call(pm, 'POST', `/monitor/notices/${no}/reply`, { body: { text: 'again' } }), 409);
  const done = (await call(pm, 'GET', '/monitor/notices')).json.items.find((n) => n.notice_no === no);
  assert.equal(done.state, 'answered');
  // answered: no escalation to the 检察长 later
  await call(S.analyst_a, 'POST', '/monitor/notices/escalate', { body: { date: '2025-08-30' } });
  assert.equal((await call(pm, 'GET', '/monitor/notices')).json.items.find((n) => n.notice_no === no).chief_id, null);
  // every step audited
  const audit = execFileSync('sqlite3', [WORK + '/zx.db',
    "SELECT action || ':' || outcome FROM audit WHERE action LIKE 'monitor_notice%' ORDER BY id"]).toString();
  for (const a of ['monitor_notice_issue:ok', 'monitor_notice_reply:ok', 'monitor_notice_escalate:ok'])
    assert.ok(audit.includes(a), a);
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
      // beside the contract's English: the message table's row, its parameters, the Chinese
      for (const [m, en] of [[it.expected_msg, it.expected], [it.actual_msg, it.actual]]) {
        assert.match(m.id, /^exec\.[a-z_]+$/, JSON.stringify(m));
        assert.ok(Array.isArray(m.params) && m.text, JSON.stringify(m));
        for (const p of m.params) if (/^\d[\d-]*$/.test(p)) assert.ok(en.includes(p) && m.text.includes(p), `${p} in ${en} and ${m.text}`);
      }
      if (/^[≥≤]/.test(it.expected)) assert.match(it.expected_msg.text, /[\u4e00-\u9fff]|^[≥≤] \d+ 个月$/, it.expected_msg.text);
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
  assert.ok(iss.json.items.every((i) => i.file && i.line > 0 && i.reason && i.reason_en));
  // the reason in Chinese for the page whatever the server's locale, the English beside it
  assert.ok(iss.json.items.every((i) => /[\u4e00-\u9fff]/.test(i.reason) && /^[^\u4e00-\u9fff]+/.test(i.reason_en) && i.reason !== i.reason_en),
    JSON.stringify(iss.json.items.slice(0, 3)));
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

test('/similar: 类案检索 scoped to the subtree, CSRF, audited, 400/404', async () => {
  const db = WORK + '/zx.db';
  const q = (sql) => execFileSync('sqlite3', [db, sql]).toString().split('\n').filter(Boolean);
  // documents linked to cases of each city's subtree, and public ones without a case
  const docUnit = new Map(q(`SELECT d.document_id, ifnull(u.unit_id, '') FROM documents d
    LEFT JOIN cases c ON c.id = d.case_rid LEFT JOIN units u ON u.id = c.unit_rid`).map((l) => l.split('|')));
  const inA = [...docUnit].filter(([, u]) => u.startsWith('U4701')).map(([d]) => d);
  const inB = [...docUnit].filter(([, u]) => u.startsWith('U4702')).map(([d]) => d);
  assert.ok(inA.length > 0 && inB.length > 0, 'documents linked to cases of both cities');
  const facts = (d) => q(`SELECT facts FROM documents WHERE document_id = '${d}'`)[0];

  const r = await call(S.leader_a, 'POST', '/similar', { body: { document_id: inA[0], k: 10 } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.query.document_id, inA[0]);
  assert.ok(r.json.results.length > 0 && r.json.results.length <= 10);
  for (let i = 0; i < r.json.results.length; i++) {
    const x = r.json.results[i];
    assert.notEqual(x.document_id, inA[0], 'never the query document');
    if (i) assert.ok(x.score <= r.json.results[i - 1].score, 'scores do not increase');
    assert.ok(x.matched_terms.length >= 1 && x.matched_terms.length <= 10);
    for (const t of x.matched_terms) assert.ok(x.facts.includes(t) && r.json.query.facts.includes(t), t);
    assert.equal(x.facts, facts(x.document_id));
  }
  assert.ok('sentencing' in r.json && 'n' in r.json.sentencing);

  // scope: leader_a never gets a document of a U4702 case, whatever the query
  for (const d of [...inB.slice(0, 5), ...inA.slice(0, 5)]) {
    const fb = await call(S.leader_a, 'POST', '/similar', { body: { facts: facts(d), k: 50 } });
    assert.equal(fb.status, 200);
    for (const x of fb.json.results) assert.ok(!(docUnit.get(x.document_id) || '').startsWith('U4702'), x.document_id);
  }
  // while the province sees them, so the check above had something to exclude
  const all = await call(S.admin, 'POST', '/similar', { body: { facts: facts(inB[0]), k: 50 } });
  assert.ok(all.json.results.some((x) => (docUnit.get(x.document_id) || '').startsWith('U4702')));
  // a document or case of another city: 404, audited as denied
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { document_id: inB[0] } }), 404);
  const caseB = q(`SELECT c.case_id FROM documents d JOIN cases c ON c.id = d.case_rid
    JOIN units u ON u.id = c.unit_rid WHERE u.unit_id LIKE 'U4702%' LIMIT 1`)[0];
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { case_id: caseB } }), 404);
  assert.equal((await call(S.leader_b, 'POST', '/similar', { body: { case_id: caseB } })).status, 200);
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { document_id: 'NO-SUCH' } }), 404);
  // --charge only filters
  const ch = await call(S.admin, 'POST', '/similar', { body: { document_id: inA[0], charge: '盗窃罪', k: 5 } });
  assert.equal(ch.json.sentencing.charge, '盗窃罪');
  for (const x of ch.json.results) assert.ok(x.charges.includes('盗窃罪'));
  // bad input, CSRF, GET
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { facts: 'x', document_id: inA[0] } }), 400);
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { facts: '盗窃', k: 0 } }), 400);
  assertError(await call(S.leader_a, 'POST', '/similar', { body: { facts: '盗窃' }, csrf: false }), 403);
  assertError(await call(S.leader_a, 'GET', '/similar'), 405);
  const n = q("SELECT count(*) FROM audit WHERE action='similar' AND user_name='leader_a' AND outcome='denied'")[0];
  assert.ok(Number(n) >= 2, 'denials audited');
  assert.ok(Number(q("SELECT count(*) FROM audit WHERE action='similar' AND outcome='ok'")[0]) >= 10);
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

// ---- the server under attack (issue 8 §5) ----

// A request from a given loopback address: the server sees it as another client.
function callFrom(localAddress, method, path, { body, cookie, csrf } = {}) {
  return new Promise((resolve, reject) => {
    const u = new URL(BASE + '/api/v1' + path);
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const headers = {};
    if (payload !== undefined) { headers['Content-Type'] = 'application/json'; headers['Content-Length'] = Buffer.byteLength(payload); }
    if (cookie) headers.Cookie = cookie;
    if (csrf) headers['X-CSRF-Token'] = csrf;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname + u.search, method, headers, localAddress, agent: false, timeout: 10000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let json = null;
        try { json = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode, json, headers: res.headers });
      });
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 10 s')));
    req.on('error', reject);
    if (payload !== undefined) req.write(payload);
    req.end();
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
// Poll cond() until it holds; fails after `tries` rounds (a bound, not a timing assertion).
async function until(cond, what, tries = 200) {
  for (let i = 0; i < tries; i++) {
    if (await cond()) return;
    await sleep(50);
  }
  assert.fail(`gave up waiting: ${what}`);
}

const authHead = (s) => `Cookie: ${s.cookie}\r\nX-CSRF-Token: ${s.csrf}\r\n`;
const uploadHead = (extra, len, path = '/api/v1/imports') =>
  `POST ${path} HTTP/1.1\r\nHost: ${new URL(BASE).host}\r\nContent-Type: application/zip\r\nContent-Length: ${len}\r\n${extra}\r\n`;

// Send a request head announcing `length` body bytes, then body bytes as fast as the server
// takes them until it answers. Resolves {status, head, sent}: `sent` is how much of the body
// went out before the answer (a server that reads the body before deciding takes it all).
function rawRequest(head, length) {
  return new Promise((resolve) => {
    const u = new URL(BASE);
    const sock = net.connect({ host: u.hostname, port: Number(u.port) });
    const chunk = Buffer.alloc(1 << 16);
    let sent = 0, resp = '', done = false;
    const finish = () => {
      if (done) return;
      done = true;
      sock.destroy();
      const m = /^HTTP\/1\.1 (\d+)/.exec(resp);
      resolve({ status: m ? Number(m[1]) : 0, head: resp.toLowerCase(), sent });
    };
    // one chunk at a time, giving the answer a chance to be read in between
    const pump = () => {
      if (done || sent >= length) return;
      const n = Math.min(chunk.length, length - sent);
      sent += n;
      sock.write(n === chunk.length ? chunk : chunk.subarray(0, n), () => setImmediate(pump));
    };
    sock.on('connect', () => { sock.write(head); pump(); });
    sock.on('data', (d) => { resp += d.toString('latin1'); if (resp.includes('\r\n\r\n')) finish(); });
    sock.on('error', finish);
    sock.on('close', finish);
    sock.setTimeout(30000, finish);
  });
}

test('refused requests are answered on their headers, before any body is read', async () => {
  const big = 250 << 20;
  const cases = [
    ['no session', '', 401],
    ['no CSRF token', `Cookie: ${S.analyst.cookie}\r\n`, 403],
    ['a role without the import right', authHead(S.leader_a), 403],
    ['an analyst of a city (imports are for the root unit)', authHead(S.analyst_a), 403],
  ];
  for (const [what, extra, status] of cases) {
    const r = await rawRequest(uploadHead(extra, big), big);
    assert.equal(r.status, status, what);
    assert.ok(r.sent < 32 << 20, `${what}: answered only after ${r.sent >> 20} MB of the body`);
    assert.match(r.head, /content-security-policy: default-src 'self'/, what);
  }
  // over the route's ceiling: an upload above 256 MB, a JSON body above 16 KB
  const up = await rawRequest(uploadHead(authHead(S.analyst), 300 << 20), 300 << 20);
  assert.equal(up.status, 413);
  assert.ok(up.sent < 32 << 20, `answered only after ${up.sent >> 20} MB`);
  // `sent` counts what the client's kernel took, not what the server read: the send buffer
  // alone grows to tcp_wmem's maximum (4 MB on Debian) with nothing read, so the bound sits
  // far above the kernels' buffers and far below the body a reading server would take
  const js = await rawRequest(uploadHead(authHead(S.admin), 250 << 20, '/api/v1/users'), 250 << 20);
  assert.equal(js.status, 413);
  assert.ok(js.sent < 32 << 20, `answered only after ${js.sent >> 20} MB`);
  assertError(await call(S.admin, 'POST', '/users', { body: JSON.stringify({ name: 'x'.repeat(20000) }) }), 413);
  // the server is still there for everyone
  assert.equal((await call(S.analyst, 'GET', '/me')).status, 200);
});

test('one upload at a time: a second is refused before its body is read', async () => {
  const u = new URL(BASE);
  const first = net.connect({ host: u.hostname, port: Number(u.port) });
  let firstResp = '';
  first.on('data', (d) => { firstResp += d.toString('latin1'); });
  first.on('error', () => {});
  const len = 1 << 20;
  try {
    // Expect: 100-continue: the "100 Continue" shows the upload was admitted on its headers
    first.write(uploadHead(authHead(S.analyst) + 'Expect: 100-continue\r\n', len));
    await until(() => firstResp.includes('100 Continue'), 'the first upload admitted');
    const second = await rawRequest(uploadHead(authHead(S.analyst), 250 << 20), 250 << 20);
    assert.equal(second.status, 409);
    assert.ok(second.sent < 32 << 20, `answered only after ${second.sent >> 20} MB`);
    // the first finishes (not a zip: 400), then uploads are admitted again
    first.write(Buffer.alloc(len));
    await until(() => /HTTP\/1\.1 400/.test(firstResp), 'the first upload answered');
  } finally {
    first.destroy();
  }
  const zip = readFileSync(`${WORK}/bad.zip`);
  let r;
  await until(async () => (r = await call(S.analyst, 'POST', '/imports', { raw: zip })).status !== 409, 'the import slot freed');
  assert.equal(r.status, 200, JSON.stringify(r.json));
});

test('a zip bomb is refused before anything is unpacked; messages name no server path', async () => {
  // 200 MB of one byte repeated: about 200 KB packed, over 100 to 1
  execFileSync('python3', ['-c', `
import zipfile, sys
with zipfile.ZipFile(sys.argv[1], 'w', zipfile.ZIP_DEFLATED) as z:
    with z.open('persons.csv', 'w') as f:
        b = b'0' * (1 << 20)
        for i in range(200): f.write(b)
`, `${WORK}/bomb.zip`]);
  const r = await call(S.analyst, 'POST', '/imports', { raw: readFileSync(`${WORK}/bomb.zip`) });
  assertError(r, 413);
  assert.match(r.json.error.message_en, /compressed more than 100 to 1/);
  // a bundle whose files fail: the message names the file, not the server's folder
  const bad = await call(S.analyst, 'POST', '/imports', { raw: zipOf({ 'cases.csv': 'not,a,bundle\n' }) });
  assert.equal(bad.status, 400);
  const text = JSON.stringify(bad.json);
  assert.doesNotMatch(text, /zhixiao-upload|\/tmp\/|\/work\//, text);
  // what is wrong, in Chinese too: the bundle lacks a required file
  assert.match(bad.json.error.message, /^数据包结构错误，未导入任何数据：.*缺少/, text);
});

// A zip (stored, no compression) of name -> text, built here.
function zipOf(files) {
  const out = execFileSync('python3', ['-c', `
import zipfile, sys, io, json
files = json.loads(sys.stdin.read())
b = io.BytesIO()
with zipfile.ZipFile(b, 'w') as z:
    for n, t in files.items(): z.writestr(n, t)
sys.stdout.buffer.write(b.getvalue())
`], { input: JSON.stringify(files) });
  return out;
}


test('id numbers are masked in every text of every response for roles that must not see them', async () => {
  // the bad bundle plus two persons: a 15-digit number and an 18-character one with a wrong
  // check digit; their issues quote the numbers in the reason and the raw row
  const wrong = execFileSync('python3', ['-c', `
w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
body = '47010219900307123'
ok = '10X98765432'[sum(int(c) * k for c, k in zip(body, w)) % 11]
print(body + ('1' if ok != '1' else '2'))
`]).toString().trim();
  const files = {};
  for (const f of ['units', 'staff', 'cases', 'persons', 'events', 'institutions', 'convicts', 'sentence_changes']) {
    let t;
    try { t = readFileSync(`${WORK}/bad/${f}.csv`, 'utf8'); } catch { continue; }
    if (f === 'persons') t = t.replace(/\n?$/, '\n') + `PM000001,C0000001,suspect,测试甲,470102900307123,M,1990-03-07\nPM000002,C0000001,suspect,测试乙,${wrong},M,1990-03-07\n`;
    files[`${f}.csv`] = t;
  }
  const up = await call(S.analyst, 'POST', '/imports', { raw: zipOf(files) });
  assert.equal(up.status, 200, JSON.stringify(up.json));
  assertNoIds(up.json, 'POST /imports');
  const id = up.json.report.import_id;
  const q = `/imports/${id}/issues?size=500`;
  // the administrator sees the numbers: the issues do carry them
  const full = await call(S.admin, 'GET', q);
  const fullText = strings(full.json).join('\n');
  assert.ok(fullText.includes('470102900307123'), 'the 15-digit number is quoted');
  assert.ok(fullText.includes(wrong), 'the wrong check digit is quoted');
  // the analyst sees them masked, in reason and raw alike
  const a = await call(S.analyst, 'GET', q);
  assert.equal(a.status, 200);
  assertNoIds(a.json, 'GET /imports/{id}/issues');
  const masked = strings(a.json).join('\n');
  assert.ok(masked.includes('470102******123'), 'the 15-digit number masked');
  assert.ok(masked.includes(wrong.slice(0, 6) + '********' + wrong.slice(14)), 'the 18-character number masked');
  assert.ok(a.json.items.some((i) => /check digit/.test(i.reason_en) && /校验位错误/.test(i.reason)));
  assert.ok(a.json.items.some((i) => /converted/.test(i.reason_en) && /15位身份号码已转换/.test(i.reason)));
  assertNoIds((await call(S.analyst, 'GET', '/imports')).json, 'GET /imports');
  // the other endpoints with persons, for roles without the right to full numbers
  const dq = '/drilldown?indicator=non_prosecution_rate&part=denominator&from=2019-01-01&to=2025-12-31&size=200';
  const d = await call(S.leader_a, 'GET', dq);
  assertNoIds(d.json, 'GET /drilldown');
  for (const it of d.json.items.slice(0, 5)) assertNoIds((await call(S.leader_a, 'GET', '/cases/' + it.case_id)).json, 'GET /cases');
  assertNoIds((await call(S.leader_a, 'GET', '/execution/review?size=500')).json, 'GET /execution/review');
  assertNoIds((await call(S.leader_a, 'GET', '/execution/inspections')).json, 'GET /execution/inspections');
});

test('bad input: a 4xx with a message, never a hang or a 500', async () => {
  const many = Array.from({ length: 1000 }, (_, i) => `a${i}=1`).join('&');
  const res = await fetch(BASE + '/api/v1/indicators?' + many, { headers: { Cookie: S.leader_a.cookie }, signal: AbortSignal.timeout(10000) });
  assert.equal(res.status, 414);
  assert.match(res.headers.get('content-security-policy'), /default-src 'self'/);
  assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  assert.equal((await res.json()).error.code, 'too_many_arguments');
  // invalid UTF-8 (a stray byte, an overlong form, a surrogate)
  assertError(await call(S.leader_a, 'GET', '/indicators?ids=%FF'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=%C0%AF'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/review?category=%ED%A0%80'), 400);
  // dates beyond any data
  assertError(await call(S.leader_a, 'GET', '/indicators?to=9999-12-31'), 400);
  assertError(await call(S.leader_a, 'GET', '/drilldown?indicator=plea_rate&to=9999-12-31'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/review?from=1800-01-01'), 400);
  assertError(await call(S.exec_a, 'GET', '/execution/stats?date=9999-12-31'), 400);
});

test('policy: admins grant only what they may; common passwords refused (API and CLI)', async () => {
  const mk = (name, roles, unit = 'U470102', password = `${name}-pass-2024`) => ({ body: { name, unit_id: unit, password, roles } });
  // admin_a: admin, leader, reviewer of a city
  assert.deepEqual((await call(S.admin_a, 'GET', '/me')).json.grantable_roles, ['leader', 'reviewer']);
  assertError(await call(S.admin_a, 'POST', '/users', mk('x_exec', ['execution'])), 403);
  assertError(await call(S.admin_a, 'POST', '/users', mk('x_mixed', ['leader', 'analyst'])), 403);
  assertError(await call(S.admin_a, 'POST', '/users', mk('x_admin', ['admin'])), 403);
  assert.equal((await call(S.admin_a, 'POST', '/users', mk('x_leader', ['leader']))).status, 201);
  // only an admin of the root unit creates admins
  assert.equal((await call(S.admin, 'POST', '/users', mk('x_cityadmin', ['admin'], 'U470100'))).status, 201);
  // nor manages an account holding a role it could not grant
  assertError(await call(S.admin_a, 'PUT', '/users/exec_a', { body: { disabled: true } }), 403);
  assertError(await call(S.admin_a, 'PUT', '/users/x_cityadmin', { body: { password: 'taken-over-2024' } }), 403);
  assert.equal((await call(S.admin_a, 'PUT', '/users/x_leader', { body: { disabled: true } })).status, 200);
  // NIST SP 800-63B: common, repeated and sequential passwords are refused
  for (const p of ['12345678', 'password1', 'Qwertyuiop', '87654321', 'aaaaaaaa', 'x_pw']) {
    assertError(await call(S.admin, 'POST', '/users', mk('x_pw', ['leader'], 'U470100', p)), 400);
  }
  const weak = await call(S.admin, 'PUT', '/users/x_leader', { body: { password: '12345678' } });
  assertError(weak, 400);
  // why, in Chinese from the message table, with the English beside it
  assert.equal(weak.json.error.message_id, 'auth.password_common');
  assert.match(weak.json.error.message, /^密码不符合要求：该密码过于常见/);
  assert.match(weak.json.error.message_en, /too common/);
  const add = spawnSync(process.env.ZX, ['user', 'add', '--db', WORK + '/zx.db', '--name', 'x_cli', '--unit', 'U470100', '--role', 'leader', '--password-stdin'], { input: '12345678\n' });
  assert.notEqual(add.status, 0);
  assert.match(add.stderr.toString(), /too common/);
  const pwd = spawnSync(process.env.ZX, ['user', 'passwd', '--db', WORK + '/zx.db', '--name', 'leader_b', '--password-stdin'], { input: 'password123\n' });
  assert.notEqual(pwd.status, 0);
  assert.match(pwd.stderr.toString(), /too common/);
  // the coverage's province totals are marked as the province's figure
  const c = await call(S.exec_a, 'GET', '/execution/coverage?year=2025');
  assert.equal(c.json.provinces_scope, 'province');
});

test('login throttling: failures at one address delay that address only, never lock the owner out', async () => {
  const wrong = { body: { name: 'reviewer_a', password: 'wrong-password' } };
  const right = { body: { name: 'reviewer_a', password: pw('reviewer_a') } };
  for (let i = 0; i < 5; i++) assertError(await call(null, 'POST', '/login', wrong), 401);
  const r = await call(null, 'POST', '/login', right);
  assertError(r, 429);
  assert.match(r.json.error.message, /请 1 分钟后再试/);
  // the owner, at another address, logs in
  const o = await callFrom('127.0.0.2', 'POST', '/login', { body: right.body });
  assert.equal(o.status, 200, JSON.stringify(o.json));
  // another account from the attacker's address still works (the address limit is higher)
  await login('leader_b');
  // a delay that ran out resets the doubling: the next failure earns the first delay again
  execFileSync('sqlite3', [WORK + '/zx.db',
    "UPDATE login_attempts SET locked_until = strftime('%s','now') - 1 WHERE key = 'pair:reviewer_a|127.0.0.1'"]);
  assertError(await call(null, 'POST', '/login', wrong), 401);
  const again = await call(null, 'POST', '/login', right);
  assertError(again, 429);
  assert.match(again.json.error.message, /请 1 分钟后再试/);
});

test('one address cannot take every connection: its excess is refused, others are served', async () => {
  const LIMIT = 64; // ZX_WEB_MAX_PER_ADDRESS
  const EXTRA = 16;
  const u = new URL(BASE);
  const socks = [];
  let closed = 0;
  try {
    for (let i = 0; i < LIMIT + EXTRA; i++) {
      const s = net.connect({ host: u.hostname, port: Number(u.port), localAddress: '127.0.0.1' });
      // a request whose headers never end: the slow client
      s.on('connect', () => s.write(`GET /api/v1/me HTTP/1.1\r\nHost: ${u.host}\r\n`));
      s.on('close', () => { closed++; });
      s.on('error', () => {});
      socks.push(s);
    }
    await until(() => closed >= EXTRA, `${EXTRA} connections over the limit closed`);
    assert.ok(closed < LIMIT, `the connections within the limit stay open (${closed} closed)`);
    // another address is served at once, and so is a logged-in user there
    const r = await callFrom('127.0.0.2', 'GET', '/me', { cookie: S.leader_b.cookie });
    assert.equal(r.status, 200);
  } finally {
    for (const s of socks) s.destroy();
  }
  // the address is served again once its connections are gone
  await until(async () => {
    try { return (await callFrom('127.0.0.1', 'GET', '/me', { cookie: S.leader_b.cookie })).status === 200; } catch { return false; }
  }, 'the address served again');
});

test('/trends: charges by month of the own subtree, equal to the database; cases behind a figure audited; a county user sees its county only', async () => {
  const q = (sql) => execFileSync('sqlite3', [WORK + '/zx.db', sql]).toString().trim();
  // criminal cases accepted in 2019..2025 in a unit's subtree, by charge
  const byCharge = (unit) => Object.fromEntries(q(`WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id = '${unit}'
      UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_rid = sub.id)
    SELECT coalesce(charge, ''), count(*) FROM cases WHERE unit_rid IN (SELECT id FROM sub) AND line = 1
      AND date(accepted_on * 86400, 'unixepoch') BETWEEN '2019-01-01' AND '2025-12-31' GROUP BY 1`)
    .split('\n').filter(Boolean).map((l) => { const [k, v] = l.split('|'); return [k, Number(v)]; }));
  const r = await call(S.leader_a, 'GET', '/trends?from=2019-01&to=2025-12&top=100');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.unit.unit_id, 'U470100');
  assert.equal(r.json.months.length, 84);
  const want = byCharge('U470100');
  assert.equal(r.json.total, Object.values(want).reduce((a, b) => a + b, 0));
  assert.equal(r.json.totals.reduce((a, b) => a + b, 0), r.json.total);
  assert.ok(r.json.charges.length > 3);
  for (const c of r.json.charges) {
    assert.equal(c.count, want[c.charge], c.charge);
    assert.equal(c.monthly.reduce((a, b) => a + b, 0), c.count);
    assert.equal(c.share, c.count / r.json.total);
  }
  assert.match(r.json.definition.month, /受理日期/);
  assert.match(r.json.definition.baseline, /中位数/);
  // the cases behind one figure, paged; every one of the subtree; audited
  const top = r.json.charges[0];
  const cs = await call(S.leader_a, 'GET', `/trends/cases?from=2019-01&to=2025-12&charge=${encodeURIComponent(top.charge)}&size=500`);
  assert.equal(cs.status, 200);
  assert.equal(cs.json.total, top.count);
  assert.equal(cs.json.items.length, Math.min(500, top.count));
  for (const it of cs.json.items) { assert.equal(it.charge, top.charge); assert.match(it.unit_id, /^U4701/); }
  assert.equal(q("SELECT count(*) FROM audit WHERE action='view_trend_cases' AND user_name='leader_a' AND outcome='ok'"), '1');
  // scope: a sibling unit is not found; a prosecutor seeing own figures only is refused
  assertError(await call(S.leader_a, 'GET', '/trends?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/trends/cases?unit=U470200'), 404);
  assertError(await call(S.pros, 'GET', '/trends'), 403);
  assertError(await call(S.leader_a, 'GET', '/trends?from=2024-13'), 400);
  assertError(await call(S.leader_a, 'GET', '/trends?from=2025-02&to=2025-01'), 400);
  assertError(await call(S.leader_a, 'GET', '/trends?charge=' + encodeURIComponent('没有这个罪')), 404);
  // a county account: its county's figures, nothing above or beside it
  const c = await call(S.admin, 'POST', '/users', { body: { name: 'county_an', unit_id: 'U470102', password: 'county_an-pass-2024', roles: ['analyst'] } });
  assert.equal(c.status, 201, JSON.stringify(c.json));
  const county = await login('county_an');
  assert.equal(county.me.can.trends, true);
  const cr = await call(county, 'GET', '/trends?from=2019-01&to=2025-12&top=100');
  assert.equal(cr.status, 200);
  assert.equal(cr.json.unit.unit_id, 'U470102');
  const cw = byCharge('U470102');
  assert.equal(cr.json.total, Object.values(cw).reduce((a, b) => a + b, 0));
  assert.ok(cr.json.total < r.json.total);
  for (const u of ['U470100', 'U470000', 'U470101']) assertError(await call(county, 'GET', `/trends?unit=${u}`), 404);
  const cc = await call(county, 'GET', '/trends/cases?from=2019-01&to=2025-12&size=500');
  assert.equal(cc.json.total, cr.json.total);
  for (const it of cc.json.items) assert.equal(it.unit_id, 'U470102');
});


test('/ledger/verify: admin and 院领导 only, audited; a direct edit of the database is named', async () => {
  const ok = await call(S.admin, 'GET', '/ledger/verify');
  assert.equal(ok.status, 200, JSON.stringify(ok.json));
  assert.equal(ok.json.intact, true, JSON.stringify(ok.json));
  assert.equal(ok.json.entries, Number(sql('SELECT count(*) FROM ledger')));
  assert.match(ok.json.head, /^[0-9a-f]{64}$/);
  assert.equal((await call(S.leader_a, 'GET', '/ledger/verify')).status, 200);
  for (const s of [S.analyst, S.pros, S.exec_a]) assertError(await call(s, 'GET', '/ledger/verify'), 403);
  assertError(await call(S.admin, 'POST', '/ledger/verify', { body: {} }), 405);
  // change an event's decider behind the product's back: the entry, table and id are named
  const [rid, ev] = sql("SELECT id, event_id FROM events WHERE decider_rid IS NOT NULL ORDER BY id LIMIT 1 OFFSET 7").split('|');
  const seq = Number(sql(`SELECT max(seq) FROM ledger WHERE tbl='events' AND rid=${rid}`));
  const dec = sql(`SELECT decider_rid FROM events WHERE id=${rid}`);
  sql(`UPDATE events SET decider_rid=(SELECT min(id) FROM staff WHERE id<>${dec}) WHERE id=${rid}`);
  try {
    const bad = await call(S.admin, 'GET', '/ledger/verify');
    assert.equal(bad.status, 200);
    assert.equal(bad.json.intact, false);
    assert.equal(bad.json.first.kind, 'row altered');
    assert.equal(bad.json.first.entry, seq);
    assert.equal(bad.json.first.table, 'events');
    assert.equal(bad.json.first.id, ev);
    assert.match(bad.json.first.what_zh, /决定人由 S\d+ 改为 S\d+/);
  } finally {
    sql(`UPDATE events SET decider_rid=${dec} WHERE id=${rid}`);
  }
  assert.equal((await call(S.admin, 'GET', '/ledger/verify')).json.intact, true);
  assert.equal(sql("SELECT count(*) FROM audit WHERE action='ledger_verify' AND user_name='admin' AND outcome='broken'"), '1');
  assert.equal(sql("SELECT count(*) FROM audit WHERE action='ledger_verify' AND user_name='analyst' AND outcome='denied'"), '1');
});

test('/cases/{id}: each event shows handler and decider with their roles and its ledger entry', async () => {
  const id = sql("SELECT c.case_id FROM cases c JOIN units u ON u.id=c.unit_rid WHERE u.unit_id='U470102' AND EXISTS (SELECT 1 FROM events e WHERE e.case_rid=c.id AND e.decider_rid IS NOT NULL) LIMIT 1");
  const r = await call(S.leader_a, 'GET', '/cases/' + id);
  assert.equal(r.status, 200);
  assert.ok(r.json.events.length > 0);
  for (const e of r.json.events) {
    const [seq, hash, hrole] = sql(`SELECT l.seq, lower(hex(substr(l.hash,1,6))), (SELECT v.label FROM staff s JOIN vocab v ON v.vocab='staff_role' AND v.value=s.role WHERE s.id=ev.handler_rid) FROM events ev JOIN ledger l ON l.tbl='events' AND l.rid=ev.id WHERE ev.event_id='${e.event_id}' ORDER BY l.seq DESC LIMIT 1`).split('|');
    assert.deepEqual(e.ledger, { entry: Number(seq), hash });
    assert.equal(e.handler.role, hrole || null);
    assert.equal(typeof e.decider.is_leader, 'boolean');
  }
  assert.ok(r.json.events.some((e) => e.decider.name && e.decider.role), 'a decider with a role');
});

test('/leaders: 领导干部办案 of the subtree; drill-down equals the figures; scope, roles, 400', async () => {
  const r = await call(S.leader_a, 'GET', '/leaders?unit=U470100&from=2019-01-01&to=2025-12-31&by=unit');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const rows = r.json.rows;
  const total = rows.at(-1);
  assert.equal(total.key, 'total');
  for (const k of ['cases', 'leader_cases', 'complex', 'leader_complex']) {
    assert.equal(rows.slice(0, -1).reduce((a, x) => a + x[k], 0), total[k], k);
  }
  // the same numbers straight from SQL
  const want = sql(`WITH RECURSIVE sub(id) AS (SELECT id FROM units WHERE unit_id='U470100' UNION ALL SELECT u.id FROM units u JOIN sub ON u.parent_rid=sub.id)
    SELECT count(*), sum(s.is_leader=1), sum(c.complex=1), sum(c.complex=1 AND s.is_leader=1) FROM cases c JOIN sub ON sub.id=c.unit_rid LEFT JOIN staff s ON s.id=c.handler_rid
    WHERE c.accepted_on BETWEEN unixepoch('2019-01-01')/86400 AND unixepoch('2025-12-31')/86400`).split('|').map(Number);
  assert.deepEqual([total.cases, total.leader_cases, total.complex, total.leader_complex], want);
  assert.ok(total.leader_cases > 0, 'leaders handle some cases');
  const d = await call(S.leader_a, 'GET', '/leaders/cases?unit=U470100&from=2019-01-01&to=2025-12-31&key=total&limit=5000');
  assert.equal(d.status, 200);
  assert.equal(d.json.cases.length, total.leader_cases);
  assert.ok(d.json.cases.every((c) => c.handler.is_leader));
  const dc = await call(S.leader_a, 'GET', '/leaders/cases?unit=U470100&from=2019-01-01&to=2025-12-31&key=total&all=1&complex=1&limit=5000');
  assert.equal(dc.json.cases.length, total.complex);
  for (const by of ['level', 'line']) {
    const g = await call(S.leader_a, 'GET', `/leaders?unit=U470100&from=2019-01-01&to=2025-12-31&by=${by}`);
    assert.equal(g.status, 200);
    assert.equal(g.json.rows.at(-1).leader_cases, total.leader_cases, by);
  }
  assertError(await call(S.leader_a, 'GET', '/leaders?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/leaders/cases?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/leaders?by=person'), 400);
  assertError(await call(S.leader_a, 'GET', '/leaders?from=2024-13-01'), 400);
  for (const s of [S.pros, S.exec_a]) assertError(await call(s, 'GET', '/leaders'), 403);
  assert.equal((await call(S.analyst_a, 'GET', '/leaders')).status, 200);
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='leaders_cases' AND user_name='leader_a'")) >= 2);
});
