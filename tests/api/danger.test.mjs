// danger.test.mjs — 社会危险性评估 over the API: sessions and capabilities, scoping to the
// subtree (and a prosecutor to their own cases), every score's reasons summing to it, the
// report's bands adding up to the persons decided, masking and audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { call, login, assertError, assertNoIds, sql } from './lib.mjs';

const S = {};
const EPS = ['/danger/persons', '/danger/score?person=P0000001', '/danger/report', '/sealed'];

test('danger endpoints: 401 without a session, 403 without the capability, 405 on writes', async () => {
  for (const p of EPS) assertError(await call(null, 'GET', p), 401);
  // (not reviewer_a: api.test.mjs locks it on purpose)
  for (const n of ['admin', 'leader_a', 'leader_b', 'analyst_a', 'exec_a', 'pros']) S[n] = await login(n);
  for (const p of ['/danger/persons', '/danger/report', '/danger/score?person=P0000001']) {
    assertError(await call(S.admin, 'GET', p), 403);
    assertError(await call(S.exec_a, 'GET', p), 403);
  }
  assertError(await call(S.pros, 'GET', '/danger/report'), 403); // the office's report
  assertError(await call(S.leader_a, 'POST', '/danger/persons', { body: {} }), 405);
  assertError(await call(S.leader_a, 'GET', '/danger/score'), 400);
});

test('persons under review: scoped, scored with reasons that sum, ids masked, audited', async () => {
  const r = await call(S.leader_a, 'GET', '/danger/persons?from=2019-01-01&to=2025-12-31&limit=2000');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const want = Number(sql(`SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_rid JOIN units u ON u.id = c.unit_rid
    WHERE e.type = 1 AND u.unit_id LIKE 'U4701%' AND e.date BETWEEN unixepoch('2019-01-01')/86400 AND unixepoch('2025-12-31')/86400`));
  assert.equal(r.json.total, want);
  assert.ok(want > 0);
  for (const p of r.json.persons) {
    assert.ok(p.unit_id.startsWith('U4701'), p.unit_id);
    assert.equal(p.score, p.reasons.reduce((a, x) => a + x.points, 0));
    assert.equal(p.score, p.subscores.reduce((a, x) => a + x.points, 0));
    assert.equal(p.subscores.length, 6);
  }
  assertNoIds(r.json, 'danger persons for a leader');
  assertError(await call(S.leader_a, 'GET', '/danger/persons?unit=U470200'), 404);
  const one = r.json.persons[0];
  const s = await call(S.leader_a, 'GET', '/danger/score?person=' + one.person_id);
  assert.equal(s.status, 200);
  assert.equal(s.json.assessments[0].score, one.score);
  assert.equal(sql(`SELECT count(*) > 0 FROM audit WHERE action = 'view_danger_score' AND target = '${one.person_id}' AND user_name = 'leader_a'`), '1');
  // another subtree's person: not found
  assertError(await call(S.leader_b, 'GET', '/danger/score?person=' + one.person_id), 404);
});

test('a prosecutor sees the persons of their own cases only', async () => {
  const r = await call(S.pros, 'GET', '/danger/persons?from=2015-01-01&to=2026-12-31&limit=2000');
  assert.equal(r.status, 200);
  const staff = process.env.PSTAFF;
  assert.ok(r.json.persons.every((p) => p.handler_id === staff), 'own cases');
  const want = Number(sql(`SELECT count(*) FROM events e JOIN cases c ON c.id = e.case_rid JOIN staff s ON s.id = c.handler_rid
    WHERE e.type = 1 AND s.staff_id = '${staff}'`));
  assert.equal(r.json.total, want);
  const other = sql(`SELECT p.person_id FROM events e JOIN persons p ON p.id = e.person_rid JOIN cases c ON c.id = e.case_rid
    JOIN staff s ON s.id = c.handler_rid WHERE e.type = 1 AND s.staff_id <> '${staff}' LIMIT 1`);
  assertError(await call(S.pros, 'GET', '/danger/score?person=' + other), 404);
});

test('the report: bands add up to the persons decided; fairness groups add up to its population', async () => {
  const r = await call(S.leader_a, 'GET', '/danger/report?from=2019-01-01&to=2025-12-31');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const j = r.json;
  assert.equal(j.bands.reduce((a, b) => a + b.n, 0), j.decided);
  assert.equal(j.scores.reduce((a, b) => a + b.n, 0), j.decided);
  for (const b of j.bands) assert.ok(b.no_arrest.no_crime + b.no_arrest.insufficient_evidence + b.no_arrest.no_necessity <= b.not_arrested);
  for (const f of j.fairness.filter((x) => x.dimension !== 'age')) assert.equal(f.groups.reduce((a, g) => a + g.n, 0), j.fairness_population, f.dimension);
  assert.equal(j.unit_id, 'U470100');
  assert.ok(!('persons' in j), 'the web report names no person');
  assertError(await call(S.leader_a, 'GET', '/danger/report?unit=U470200'), 404);
  assertError(await call(S.leader_a, 'GET', '/danger/report?from=2019-13-01'), 400);
});

test('/me tells the page who may see scores and sealed records', async () => {
  assert.equal((await call(S.leader_a, 'GET', '/me')).json.can.danger, true);
  assert.equal((await call(S.leader_a, 'GET', '/me')).json.can.sealed, true);
  assert.equal((await call(S.admin, 'GET', '/me')).json.can.sealed, false);
  assert.equal((await call(S.analyst_a, 'GET', '/me')).json.can.sealed, false);
});
