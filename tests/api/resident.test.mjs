// resident.test.mjs — 派驻检察 over the API: the office's procurator records a week of duty
// against the checklist and sees the gaps; a finding becomes a 纠正违法通知书 with the
// inspection flow's 15-day deadline; leaders see but do not record; another city's office is
// out of scope; CSRF, bad input, audit and the ledger.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { call, login, assertError, assertNoIds, sql } from './lib.mjs';

const S = {};
before(async () => {
  for (const n of ['resident_a', 'leader_a', 'leader_b', 'exec_a', 'pros']) S[n] = await login(n);
});

const WEEK = { from: '2025-03-03', to: '2025-03-09' };
const q = (o) => '?' + new URLSearchParams(o).toString();
const office = (d, id) => d.offices.find((o) => o.office_id === id);

test('resident: authentication and capabilities', async () => {
  assert.equal((await call(null, 'GET', '/resident')).status, 401);
  assertError(await call(S.pros, 'GET', '/resident'), 403);
  const me = await call(S.resident_a, 'GET', '/me');
  assert.equal(me.json.can.resident, true);
  assert.equal(me.json.can.execution, true);
  const lm = await call(S.leader_a, 'GET', '/me');
  assert.equal(lm.json.can.resident, false, 'leaders see, they do not record');
  assert.equal(lm.json.can.execution, true);
});

test('resident: the checklist and the offices in scope', async () => {
  const r = await call(S.resident_a, 'GET', '/resident' + q(WEEK));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.can_record, true);
  assert.ok(office(r.json, 'KSS-A'), 'own office');
  assert.equal(office(r.json, 'KSS-B'), undefined, 'another city is out of scope');
  const items = r.json.checklist.items;
  assert.ok(items.length >= 20);
  for (const it of items) {
    assert.ok(it.article && it.source && it.frequency, `basis of ${it.id}`);
    assert.ok(['daily', 'weekly', 'monthly', 'per_event'].includes(it.frequency));
  }
  assert.equal(r.json.checklist.office_rules.min_days_month, 12);
  assert.equal(r.json.checklist.office_rules.min_persons, 2);
  // a detention house office gets only its own and the common items
  const o = office(r.json, 'KSS-A');
  assert.ok(o.items.some((c) => c.item === 'D-INTERROGATION'));
  assert.ok(!o.items.some((c) => c.item === 'P-SCORING'));
  assert.equal(o.staff.length, 2);
  assert.ok(o.staff.some((s) => s.procurator));
  assertNoIds(r.json, 'resident');
  const lb = await call(S.leader_b, 'GET', '/resident' + q(WEEK));
  assert.equal(lb.status, 200);
  assert.equal(lb.json.can_record, false);
  assert.ok(office(lb.json, 'KSS-B'));
  assert.equal(office(lb.json, 'KSS-A'), undefined);
  assertError(await call(S.resident_a, 'GET', '/resident?unit=U470200'), 404);
  assertError(await call(S.resident_a, 'GET', '/resident?from=2025-03-09&to=2025-03-01'), 400);
});

test('resident: a week of duty and its gaps', async () => {
  const post = (b) => call(S.resident_a, 'POST', '/resident/logs', { body: { office_id: 'KSS-A', ...b } });
  // CCTV Monday to Thursday, a cell visit by the assistant, the mailbox; no one-to-one talk
  for (const day of ['03', '04', '05', '06']) {
    const r = await post({ item: 'R-CCTV', date: `2025-03-${day}`, place: '监区一', result: '抽查夜间监控录像未见异常' });
    assert.equal(r.status, 201, JSON.stringify(r.json));
    assert.match(r.json.log_id, /^KSS-A-L\d+$/);
  }
  const a = (await call(S.resident_a, 'GET', '/resident' + q(WEEK))).json;
  // the other person of the office (api.test.mjs may re-import staff with other roles first)
  const mine = (await call(S.resident_a, 'GET', '/me')).json.user.staff_id;
  const assistant = office(a, 'KSS-A').staff.find((s) => s.staff_id !== mine).staff_id;
  const cell = await post({ item: 'R-CELL', date: '2025-03-04', staff_id: assistant, place: '3号监室', result: '巡视监室发现违禁品打火机一个' });
  assert.equal(cell.status, 201);
  assert.equal(cell.json.staff_id, assistant);
  assert.equal((await post({ item: 'R-MAILBOX', date: '2025-03-07', result: '开启检察官信箱，收到来信两封' })).status, 201);

  const d = (await call(S.resident_a, 'GET', '/resident' + q(WEEK))).json;
  const o = office(d, 'KSS-A');
  const cov = Object.fromEntries(o.items.map((c) => [c.item, c]));
  assert.deepEqual([cov['R-CCTV'].expected, cov['R-CCTV'].done], [5, 4]);
  assert.deepEqual([cov['R-CELL'].expected, cov['R-CELL'].done], [1, 1]);
  // on duty: any entry of the day counts (Friday has the mailbox)
  assert.deepEqual([cov['R-DUTY'].expected, cov['R-DUTY'].done], [5, 5]);
  const gapItems = new Set(o.gaps.filter((g) => g.kind === 'item').map((g) => g.item));
  for (const want of ['R-CCTV', 'R-TALK', 'D-TIXUN', 'D-CUSTODY']) assert.ok(gapItems.has(want), `gap ${want}`);
  for (const never of ['R-CELL', 'R-MAILBOX', 'R-DUTY']) assert.ok(!gapItems.has(never), `no gap ${never}`);
  const cctv = o.gaps.find((g) => g.item === 'R-CCTV');
  assert.equal(cctv.from, '2025-03-07');
  assert.match(cctv.message, /第十七条/);
  assert.equal(d.gaps, o.gaps.length);
  assert.equal(o.logs.length, 6);
});

test('resident: bad input, scope and CSRF on recording', async () => {
  const body = { office_id: 'KSS-A', item: 'R-TALK', date: '2025-03-05', result: '个别谈话' };
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body, csrf: false }), 403);
  assertError(await call(S.leader_a, 'POST', '/resident/logs', { body }), 403);
  assertError(await call(S.exec_a, 'POST', '/resident/logs', { body }), 400); // no staff member
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { ...body, office_id: 'KSS-B' } }), 404);
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { ...body, item: 'P-SCORING' } }), 409);
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { ...body, date: '2025-13-01' } }), 400);
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { ...body, date: '2024-12-31' } }), 409);
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { ...body, staff_id: 'S999999' } }), 409);
  assertError(await call(S.resident_a, 'POST', '/resident/logs', { body: { office_id: 'KSS-A', item: 'R-TALK' } }), 400);
  assert.equal(sql("SELECT count(*) FROM res_logs WHERE item_id IN ('R-TALK','P-SCORING')"), '0', 'nothing half-written');
});

test('resident: a finding becomes a 纠正违法通知书 with the inspection deadline', async () => {
  const logs = office((await call(S.resident_a, 'GET', '/resident' + q(WEEK))).json, 'KSS-A').logs;
  const cell = logs.find((l) => l.item === 'R-CELL');
  const f = await call(S.resident_a, 'POST', '/resident/findings', { body: { log_id: cell.log_id, description: '监室内发现打火机，安全检查不到位' } });
  assert.equal(f.status, 201, JSON.stringify(f.json));
  assert.equal(f.json.category, 'security', 'the category of the checklist item');
  assert.equal(f.json.found_on, '2025-03-04', 'the day of the entry');
  assert.equal(f.json.plan_id, 'RES-KSS-A');
  const dsp = await call(S.resident_a, 'POST', '/resident/dispositions', { body: { finding_id: f.json.finding_id, kind: 'correction_notice', date: '2025-03-05' } });
  assert.equal(dsp.status, 201, JSON.stringify(dsp.json));
  assert.equal(dsp.json.due, '2025-03-20');
  const view = office((await call(S.resident_a, 'GET', '/resident' + q({ ...WEEK, date: '2025-03-21' }))).json, 'KSS-A');
  const vf = view.findings.find((x) => x.finding_id === f.json.finding_id);
  assert.equal(vf.dispositions[0].state, '已逾期');
  assert.equal(vf.dispositions[0].escalate, true, 'overdue notices go to the higher procuratorate');
  assert.equal(view.logs.find((l) => l.log_id === cell.log_id).finding_id, f.json.finding_id);
  // the same rows as a circuit inspection's, with its event for the indicators
  assert.equal(sql(`SELECT count(*) FROM events WHERE event_id='${dsp.json.disp_id}'`), '1');
  // only findings of resident offices in scope; no suggestion on a circuit inspection's finding here
  assertError(await call(S.resident_a, 'POST', '/resident/dispositions', { body: { finding_id: 'INSP-P2025-01-F1', kind: 'suggestion', date: '2025-03-05' } }), 404);
  assertError(await call(S.resident_a, 'POST', '/resident/dispositions', { body: { finding_id: f.json.finding_id, kind: 'nonsense' } }), 400);
  assertError(await call(S.resident_a, 'POST', '/resident/findings', { body: { office_id: 'KSS-B', description: 'x' } }), 404);
});

test('resident: every act audited and in the ledger', async () => {
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='resident_log' AND outcome='ok' AND user_name='resident_a'")) >= 6);
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='resident_view' AND user_name='leader_b'")) >= 1);
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action='resident_disposition' AND outcome='ok'")) >= 1);
  assert.equal(sql("SELECT count(*) FROM res_logs l WHERE NOT EXISTS (SELECT 1 FROM ledger g WHERE g.tbl='res_logs' AND g.rid=l.id)"), '0');
  assert.ok(Number(sql("SELECT count(*) FROM ledger WHERE tbl='res_logs' AND actor='resident_a'")) >= 6);
  const v = await call(S.leader_a, 'GET', '/ledger/verify');
  assert.equal(v.status, 200);
  assert.equal(v.json.intact, true, JSON.stringify(v.json));
});
