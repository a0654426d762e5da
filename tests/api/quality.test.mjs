// quality.test.mjs — 案件质量评查 and 办案瑕疵积分 over the API: 案管 plans (capability, CSRF,
// scope), the 评查员 grades by the rule, a prosecutor sees own results only and objects, the
// reviewer answers; /flaws traces each point to its case; every act audited and in the ledger.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, login, assertError, assertNoIds, sql } from './lib.mjs';

const PSTAFF = process.env.PSTAFF;
const S = {};
const today = new Date().toISOString().slice(0, 10);
const year = Number(today.slice(0, 4));
let planId, caseId, reviewId;

test('quality: 401 without a session, rules for everyone', async () => {
  for (const [m, p] of [['GET', '/quality/plans'], ['POST', '/quality/plans'], ['GET', '/quality/reviews'],
    ['POST', '/quality/reviews'], ['GET', '/flaws'], ['GET', '/quality/rules']])
    assertError(await call(null, m, p, m === 'POST' ? { body: {} } : {}), 401);
  // (reviewer_a is left alone: api.test.mjs throttles its logins from this address)
  for (const n of ['analyst_a', 'analyst_b', 'reviewer', 'pros', 'leader_a']) S[n] = await login(n);
  const r = await call(S.pros, 'GET', '/quality/rules');
  assert.equal(r.status, 200);
  assert.deepEqual(r.json.grades.map((g) => g.label), ['优质', '合格', '基本合格', '不合格']);
  assert.ok(r.json.items.length >= 7 && r.json.situations.some((s) => s.code === 'D01'));
  assert.equal(r.json.thresholds.public_prosecution, 40);
  assert.equal(S.analyst_a.me.can.quality_plan, true);
  assert.equal(S.reviewer.me.can.quality_review, true);
  assert.equal(S.pros.me.can.quality_plan, false);
});

test('quality plans: only 案管 plans, with CSRF, in its subtree; others do not see them', async () => {
  const dept = sql(`SELECT department FROM staff WHERE staff_id = '${PSTAFF}'`);
  const body = { kind: 'special', unit_id: 'U470102', from: '2019-01-01', to: '2025-12-31', department: dept, title: '部门专项评查' };
  assertError(await call(S.reviewer, 'POST', '/quality/plans', { body }), 403);
  assertError(await call(S.pros, 'POST', '/quality/plans', { body }), 403);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body, csrf: false }), 403);
  assertError(await call(S.analyst_b, 'POST', '/quality/plans', { body }), 404);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body: { ...body, kind: 'nope' } }), 400);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body: { ...body, department: undefined } }), 409);
  const r = await call(S.analyst_a, 'POST', '/quality/plans', { body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  planId = r.json.plan_id;
  assert.equal(r.json.kind_label, '专项评查');
  const n = Number(sql(`SELECT count(*) FROM cases c JOIN units u ON u.id = c.unit_rid JOIN staff s ON s.id = c.handler_rid
    WHERE u.unit_id = 'U470102' AND c.closed_on IS NOT NULL AND s.department = '${dept}'`));
  assert.equal(r.json.cases, n);
  const g = await call(S.analyst_a, 'GET', `/quality/plans/${planId}`);
  assert.equal(g.status, 200);
  assert.equal(g.json.items.length, n);
  assertNoIds(g.json, 'plan');
  const mine = g.json.items.find((i) => i.handler_id === PSTAFF);
  assert.ok(mine, 'a case of the prosecutor in the plan');
  caseId = mine.case_id;
  assertError(await call(S.analyst_b, 'GET', `/quality/plans/${planId}`), 404);
  const lb = await call(S.analyst_b, 'GET', '/quality/plans');
  assert.ok(!lb.json.items.some((p) => p.plan_id === planId));
  assert.ok((await call(S.leader_a, 'GET', '/quality/plans')).json.items.some((p) => p.plan_id === planId));
  assertError(await call(S.pros, 'GET', '/quality/plans'), 403);
  // a focus plan: every case with a risk signal
  const f = await call(S.analyst_a, 'POST', '/quality/plans', { body: { kind: 'focus', from: '2019-01-01', to: '2025-12-31' } });
  assert.equal(f.status, 201, JSON.stringify(f.json));
  const fi = (await call(S.analyst_a, 'GET', `/quality/plans/${f.json.plan_id}`)).json.items;
  assert.ok(fi.length > 0 && fi.every((i) => i.reason.length > 0));
});

test('quality reviews: the 评查员 grades by the rule; 优质 only without flaws', async () => {
  const body = { plan_id: planId, case_id: caseId, date: today, notes: '证据审查不够细致',
    findings: [{ item: 'evidence.collection', result: 'flaw', code: 'H01', note: '未调取监控' },
      { item: 'documents.drafting', result: 'flaw', code: 'W03' }] };
  assertError(await call(S.analyst_a, 'POST', '/quality/reviews', { body }), 403);
  assertError(await call(S.reviewer, 'POST', '/quality/reviews', { body, csrf: false }), 403);
  assertError(await call(S.reviewer, 'POST', '/quality/reviews', { body: { ...body, excellent: true } }), 409);
  assertError(await call(S.reviewer, 'POST', '/quality/reviews', { body: { ...body, findings: [{ item: 'x.y', result: 'ok' }] } }), 409);
  const r = await call(S.reviewer, 'POST', '/quality/reviews', { body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(r.json.grade, 'basic');
  assert.equal(r.json.grade_label, '基本合格');
  reviewId = r.json.review_id;
  assertError(await call(S.reviewer, 'POST', '/quality/reviews', { body }), 409);
  const v = await call(S.reviewer, 'GET', `/quality/reviews/${reviewId}`);
  assert.equal(v.status, 200);
  assert.equal(v.json.findings.filter((x) => x.result === 'flaw').length, 2);
  assert.equal(v.json.findings.find((x) => x.item === 'evidence.collection').code_label.length > 0, true);
  assertError(await call(S.analyst_b, 'GET', `/quality/reviews/${reviewId}`), 404);
});

test('异议: the prosecutor sees own results only and objects; the reviewer answers', async () => {
  const l = await call(S.pros, 'GET', '/quality/reviews');
  assert.equal(l.status, 200);
  assert.ok(l.json.items.length >= 1 && l.json.items.every((x) => x.handler_id === PSTAFF && x.mine));
  const body = { text: '证据已在卷，不属瑕疵', date: today };
  assertError(await call(S.leader_a, 'POST', `/quality/reviews/${reviewId}/objection`, { body }), 403);
  assertError(await call(S.pros, 'POST', `/quality/reviews/${reviewId}/objection`, { body, csrf: false }), 403);
  assertError(await call(S.reviewer, 'POST', `/quality/reviews/${reviewId}/response`, { body: { text: '维持' } }), 409);
  const o = await call(S.pros, 'POST', `/quality/reviews/${reviewId}/objection`, { body });
  assert.equal(o.status, 200, JSON.stringify(o.json));
  assert.equal(o.json.objection, body.text);
  assert.equal(o.json.objected_by, PSTAFF);
  assertError(await call(S.pros, 'POST', `/quality/reviews/${reviewId}/objection`, { body }), 409);
  assertError(await call(S.pros, 'POST', `/quality/reviews/${reviewId}/response`, { body }), 403);
  const a = await call(S.reviewer, 'POST', `/quality/reviews/${reviewId}/response`, { body: { text: '经复核，改为合格', grade: '合格', date: today } });
  assert.equal(a.status, 200, JSON.stringify(a.json));
  assert.equal(a.json.final_grade, 'qualified');
  assert.equal(a.json.effective_grade, 'qualified');
  assert.ok(Number(sql(`SELECT count(*) FROM ledger WHERE tbl = 'qr_reviews'`)) >= 3);
  for (const act of ['quality_plan', 'quality_grade', 'quality_object', 'quality_respond', 'quality_review_view'])
    assert.ok(Number(sql(`SELECT count(*) FROM audit WHERE action = '${act}'`)) >= 1, act);
});

test('/flaws: points per prosecutor, each with its case and source; scoped; own for a prosecutor', async () => {
  const r = await call(S.analyst_a, 'GET', `/flaws?year=${year}`);
  assert.equal(r.status, 200);
  const mine = r.json.points.filter((p) => p.staff_id === PSTAFF && p.source === 'review');
  assert.deepEqual(mine.map((p) => [p.case_id, p.code, p.points]).sort(), [[caseId, 'H01', 10], [caseId, 'W03', 2]]);
  const st = r.json.staff.find((s) => s.staff_id === PSTAFF);
  assert.equal(st.points, r.json.points.filter((p) => p.staff_id === PSTAFF).reduce((a, p) => a + p.points, 0));
  assert.equal(st.grades.qualified, 1);
  const p = await call(S.pros, 'GET', `/flaws?year=${year}&staff=S000001`);
  assert.equal(p.status, 200);
  assert.ok(p.json.staff.every((s) => s.staff_id === PSTAFF) && p.json.points.every((x) => x.staff_id === PSTAFF));
  const b = await call(S.analyst_b, 'GET', `/flaws?year=${year}`);
  assert.ok(!b.json.points.some((x) => x.staff_id === PSTAFF));
  assertError(await call(S.analyst_b, 'GET', '/flaws?unit=U470100'), 404);
  assertError(await call(S.analyst_a, 'GET', '/flaws?year=abc'), 400);
});
