// quality.test.mjs — 案件质量评查 and 瑕疵积分 over the API: 401 without a session, the
// capability of each act (案管 plans, 评查员 grades; neither does the other's), CSRF on every
// write, a plan scoped to the planner's subtree, and flaw points of the subtree only.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { call, login, assertError } from './lib.mjs';

const S = {};

test('quality: every endpoint needs a session', async () => {
  for (const [m, p] of [['GET', '/quality/rules'], ['GET', '/quality/plans'], ['POST', '/quality/plans'],
    ['GET', '/quality/reviews'], ['POST', '/quality/reviews'], ['GET', '/flaws?year=2024']]) {
    assertError(await call(null, m, p, { body: m === 'GET' ? undefined : {} }), 401);
  }
  for (const n of ['analyst_a', 'ev_reviewer', 'leader_b', 'leader_a']) S[n] = await login(n);
});

test('quality: 案管 plans, a 评查员 may not; CSRF; the plan stays in its subtree', async () => {
  const body = { kind: 'routine', unit_id: 'U470100', from: '2024-01-01', to: '2024-12-31', ratio: 0.05, date: '2025-01-10' };
  assertError(await call(S.ev_reviewer, 'POST', '/quality/plans', { body }), 403);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body, csrf: false }), 403);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body: { ...body, kind: 'nothing' } }), 400);
  assertError(await call(S.analyst_a, 'POST', '/quality/plans', { body: { ...body, unit_id: 'U470200' } }), 404);
  const r = await call(S.analyst_a, 'POST', '/quality/plans', { body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.plan_id;
  assert.ok(id, JSON.stringify(r.json));
  const got = await call(S.leader_a, 'GET', `/quality/plans/${encodeURIComponent(id)}`);
  assert.equal(got.status, 200, JSON.stringify(got.json));
  // a sibling city's leader does not learn that the plan exists
  assertError(await call(S.leader_b, 'GET', `/quality/plans/${encodeURIComponent(id)}`), 404);
  const list = await call(S.leader_b, 'GET', '/quality/plans');
  assert.equal(list.status, 200);
  assert.ok(!JSON.stringify(list.json).includes(id), 'a sibling lists the plan');
});

test('quality: a reviewer grades, an analyst may not; 瑕疵积分 of the subtree only', async () => {
  assertError(await call(S.analyst_a, 'POST', '/quality/reviews', { body: { case_id: 'C0000001' } }), 403);
  assertError(await call(S.ev_reviewer, 'POST', '/quality/reviews', { body: '{not json' }), 400);
  const f = await call(S.leader_a, 'GET', '/flaws?year=2024');
  assert.equal(f.status, 200, JSON.stringify(f.json));
  for (const s of f.json.staff) assert.match(s.unit_id, /^U4701/, `a unit outside U470100: ${s.unit_id}`);
  assertError(await call(S.leader_a, 'GET', '/flaws?year=20x4'), 400);
});
