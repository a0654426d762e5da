// evaluation.test.mjs — 检察官业绩考评 over the API: the same figures as `zhixiao evaluate`,
// scoped to the subtree (leaders, 案件管理, admin), a prosecutor sees only their own
// evaluation, the drill-down lists the cases behind each figure, ranking only when a
// leader turns it on (CSRF, audited), every view audited.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { WORK, call, login, assertError, assertNoIds, sql } from './lib.mjs';

const S = {};
const P = '&from=2024-01-01&to=2024-12-31';

function cli(...args) {
  const r = spawnSync(process.env.ZX, ['evaluate', '--db', WORK + '/zx.db', '--from', '2024-01-01', '--to', '2024-12-31', ...args]);
  assert.equal(r.status, 0, r.stderr.toString());
  return JSON.parse(r.stdout.toString());
}

test('evaluation: log in', async () => {
  for (const n of ['leader_a', 'leader_b', 'analyst_a', 'admin', 'ev_reviewer', 'pros']) S[n] = await login(n);
  assert.equal(S.leader_a.me.can.evaluation, true);
  assert.equal(S.pros.me.can.evaluation, false);
  assert.equal(S.pros.me.can.own_evaluation, true);
});

test('evaluation: 401 without a session', async () => {
  assertError(await call(null, 'GET', '/evaluation'), 401);
  assertError(await call(null, 'GET', '/evaluation/cases?component=workload&staff=S000001'), 401);
  assertError(await call(null, 'POST', '/evaluation/ranking', { body: { on: true } }), 401);
});

test('evaluation: a leader sees the prosecutors of the subtree, the same figures as the CLI', async () => {
  const r = await call(S.leader_a, 'GET', '/evaluation?unit=U470100' + P);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const c = cli('--unit', 'U470100');
  assert.ok(r.json.prosecutors.length >= 5, `${r.json.prosecutors.length} prosecutors`);
  assert.deepEqual(r.json.prosecutors, c.prosecutors);
  assert.deepEqual(r.json.components.map((x) => x.id), c.components.map((x) => x.id));
  for (const p of r.json.prosecutors) assert.match(p.unit_id, /^U4701/);
  // weights and definitions come with the figures; the weights are declared as ours
  assert.deepEqual(r.json.dimensions.map((d) => d.name), ['质量', '效率', '效果']);
  assert.match(r.json.weights_note, /非官方|不是官方/);
  for (const k of r.json.components) assert.ok(k.definition.length > 5 && k.rule.length > 5, k.id);
  assert.equal(r.json.ranking, false);
  assert.ok(r.json.prosecutors.every((p) => p.rank === null), 'no rank by default');
  assertNoIds(r.json, '/evaluation');
  // the same for 案件管理 and the admin; another city is not found
  assert.deepEqual((await call(S.analyst_a, 'GET', '/evaluation?unit=U470100' + P)).json.prosecutors, c.prosecutors);
  assert.deepEqual((await call(S.admin, 'GET', '/evaluation?unit=U470100' + P)).json.prosecutors, c.prosecutors);
  assertError(await call(S.leader_a, 'GET', '/evaluation?unit=U470200' + P), 404);
  assertError(await call(S.leader_a, 'GET', '/evaluation?unit=U470000' + P), 404);
  const other = r.json.prosecutors[0].staff_id;
  assertError(await call(S.leader_b, 'GET', `/evaluation?staff=${other}` + P), 404);
  assertError(await call(S.leader_b, 'GET', `/evaluation/cases?component=workload&staff=${other}` + P), 404);
  assertError(await call(S.leader_a, 'GET', '/evaluation?from=2024-13-01'), 400);
  assertError(await call(S.leader_a, 'GET', '/evaluation?from=2024-12-31&to=2024-01-01'), 400);
});

test('evaluation: a prosecutor sees only their own evaluation, against their own unit', async () => {
  const me = S.pros.me.user.staff_id;
  const r = await call(S.pros, 'GET', '/evaluation' + P.replace('&', '?'));
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.equal(r.json.own_only, true);
  assert.equal(r.json.prosecutors.length, 1);
  assert.equal(r.json.prosecutors[0].staff_id, me);
  const c = cli('--staff', me);
  assert.deepEqual(r.json.prosecutors, c.prosecutors);
  assert.equal(r.json.unit_id, c.unit_id);
  // another prosecutor, even of the same unit, does not exist for them
  const peer = sql(`SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid WHERE u.unit_id = 'U470102' AND s.staff_id <> '${me}' LIMIT 1`);
  assertError(await call(S.pros, 'GET', `/evaluation?staff=${peer}` + P), 404);
  assertError(await call(S.pros, 'GET', `/evaluation/cases?component=workload&staff=${peer}` + P), 404);
  const d = await call(S.pros, 'GET', '/evaluation/cases?component=workload' + P);
  assert.equal(d.status, 200, JSON.stringify(d.json));
  assert.equal(d.json.staff_id, me);
  assert.equal(d.json.items.filter((i) => i.part === 'counted').length, d.json.count);
  // an account linked to no staff member and without the capability sees nothing
  assertError(await call(S.ev_reviewer, 'GET', '/evaluation' + P.replace('&', '?')), 403);
  assertError(await call(S.pros, 'POST', '/evaluation/ranking', { body: { on: true } }), 403);
});

test('evaluation: each figure opens to its cases (paged), audited', async () => {
  const r = await call(S.leader_a, 'GET', '/evaluation?unit=U470100' + P);
  let checked = 0;
  for (const p of r.json.prosecutors.slice(0, 4)) {
    for (const [i, k] of r.json.components.entries()) {
      if (!k.enabled) continue;
      const f = p.components[i];
      const d = await call(S.leader_a, 'GET', `/evaluation/cases?unit=U470100&component=${k.id}&staff=${p.staff_id}&size=500` + P);
      assert.equal(d.status, 200, JSON.stringify(d.json));
      assert.equal(d.json.count, f.count);
      assert.equal(d.json.items.filter((x) => x.part === 'counted').length, f.count, `${p.staff_id} ${k.id}`);
      const base = k.source === 'indicator' ? d.json.items.filter((x) => x.part === 'base').length : d.json.items.length;
      assert.equal(base, f.base, `${p.staff_id} ${k.id} base`);
      const sum = d.json.items.reduce((a, x) => a + x.weight, 0);
      assert.ok(Math.abs(sum - f.sum) < 1e-3, `${p.staff_id} ${k.id} sum ${sum} ${f.sum}`);
      for (const x of d.json.items) assert.match(x.case_id, /^C\d+/);
      checked++;
    }
  }
  assert.ok(checked > 10);
  // paging: one item a page, the total stays
  const p = r.json.prosecutors.find((x) => x.components.find((c) => c.id === 'workload').count > 1);
  const one = await call(S.leader_a, 'GET', `/evaluation/cases?component=workload&staff=${p.staff_id}&size=1&page=2` + P);
  assert.equal(one.json.items.length, 1);
  assert.equal(one.json.total_items, p.components.find((c) => c.id === 'workload').count);
  assertError(await call(S.leader_a, 'GET', `/evaluation/cases?component=nothing&staff=${p.staff_id}` + P), 404);
  // review_grade reads 案件质量评查: it opens like any other component
  const rg = await call(S.leader_a, 'GET', `/evaluation/cases?component=review_grade&staff=${p.staff_id}` + P);
  assert.equal(rg.status, 200, JSON.stringify(rg.json));
  assert.equal(rg.json.items.length, rg.json.total_items);
  assertError(await call(S.leader_a, 'GET', '/evaluation/cases?component=workload' + P), 400);
  const views = Number(sql("SELECT count(*) FROM audit WHERE user_name='leader_a' AND action='view_evaluation' AND outcome='ok'"));
  const drills = Number(sql("SELECT count(*) FROM audit WHERE user_name='leader_a' AND action='view_evaluation_cases' AND outcome='ok'"));
  assert.ok(views >= 2 && drills >= checked, `${views} views, ${drills} drill-downs audited`);
});

test('evaluation: ranking only when a leader turns it on (CSRF, audited)', async () => {
  assertError(await call(S.leader_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470100', on: true }, csrf: false }), 403);
  assertError(await call(S.analyst_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470100', on: true } }), 403);
  assertError(await call(S.leader_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470200', on: true } }), 404);
  assertError(await call(S.leader_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470100', on: 'yes' } }), 400);
  const on = await call(S.leader_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470100', on: true } });
  assert.equal(on.status, 200, JSON.stringify(on.json));
  const r = await call(S.leader_a, 'GET', '/evaluation?unit=U470100' + P);
  assert.equal(r.json.ranking, true);
  const ranked = r.json.prosecutors.filter((p) => p.total !== null);
  assert.equal(ranked[0].rank, 1);
  for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1].total >= ranked[i].total && ranked[i - 1].rank <= ranked[i].rank);
  // a prosecutor never sees a rank, and a child unit is not ranked by its parent's switch
  const own = await call(S.pros, 'GET', '/evaluation' + P.replace('&', '?'));
  assert.equal(own.json.prosecutors[0].rank, null);
  const child = await call(S.leader_a, 'GET', '/evaluation?unit=U470102' + P);
  assert.equal(child.json.ranking, false);
  assert.equal(sql("SELECT value FROM unit_settings WHERE unit_id='U470100' AND key='evaluation.ranking'"), 'on');
  const off = await call(S.leader_a, 'POST', '/evaluation/ranking', { body: { unit: 'U470100', on: false } });
  assert.equal(off.status, 200);
  assert.ok((await call(S.leader_a, 'GET', '/evaluation?unit=U470100' + P)).json.prosecutors.every((p) => p.rank === null));
  assert.equal(sql("SELECT group_concat(detail, ',') FROM audit WHERE user_name='leader_a' AND action='set_evaluation_ranking' AND outcome='ok'"), 'on,off');
});
