// appraise.test.mjs — 层级综合评价: the province evaluates its cities, a city its counties and
// never a sibling or its parent (404); an entered score needs the evaluating unit's analyst or
// leader, CSRF, a reason, an entered item, a unit strictly below; it is audited and in the
// ledger and shows with its reason; no rank unless ranking is on; an indicator item opens
// through the indicator drill-down to exactly its cases.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { call, login, assertError, sql, WORK } from './lib.mjs';

const S = {};
before(async () => {
  for (const n of ['analyst', 'leader_a', 'leader_b', 'pros', 'analyst_a', 'leader_p', 'exec_a']) S[n] = await login(n);
});

const cities = () => sql(`SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.parent_rid IS NULL ORDER BY u.id`).split('\n');
const children = (id) => sql(`SELECT u.unit_id FROM units u JOIN units p ON p.id = u.parent_rid WHERE p.unit_id = '${id}' ORDER BY u.id`).split('\n');

test('appraise: who may see it, and which units', async () => {
  assertError(await call(null, 'GET', '/appraise?year=2025'), 401);
  assertError(await call(S.pros, 'GET', '/appraise?year=2025'), 403);
  assertError(await call(S.exec_a, 'GET', '/appraise?year=2025'), 403);
  let r = await call(S.analyst, 'GET', '/appraise?year=2025');
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(r.json.units.map((u) => u.unit_id).sort(), cities().sort());
  assert.equal(r.json.ranking, false);
  assert.match(r.json.note_zh, /不排名/);
  for (const u of r.json.units) {
    assert.ok(!('rank' in u), 'no rank unless turned on');
    assert.deepEqual(Object.keys(u.facets).sort(), ['business', 'dynamic', 'management', 'objective', 'static', 'subjective']);
    assert.ok(u.items.length >= 20 && u.items.length <= 40);
  }
  // a city evaluates its own counties only
  r = await call(S.leader_a, 'GET', '/appraise?year=2025');
  assert.deepEqual(r.json.units.map((u) => u.unit_id).sort(), children('U470100').sort());
  assertError(await call(S.leader_a, 'GET', '/appraise?year=2025&unit=U470000'), 404);
  assertError(await call(S.leader_a, 'GET', '/appraise?year=2025&unit=U470200'), 404);
  assertError(await call(S.leader_b, 'GET', '/appraise?year=2025&unit=U470100'), 404);
  assertError(await call(S.analyst, 'GET', '/appraise?year=2025&unit=U470100&of=U470200'), 404);
  assertError(await call(S.analyst, 'GET', '/appraise?year=1800'), 400);
});

test('appraise: entered scores, by the evaluating unit only, with their reasons', async () => {
  const body = { unit: 'U470100', year: 2025, item: 'team_building', score: 90, reason: '党建带队建成效明显', date: '2025-12-20' };
  assertError(await call(S.analyst, 'POST', '/appraise/entries', { body, csrf: false }), 403);
  assertError(await call(S.pros, 'POST', '/appraise/entries', { body }), 403);
  assertError(await call(S.leader_a, 'POST', '/appraise/entries', { body }), 404); // its own unit
  assertError(await call(S.leader_a, 'POST', '/appraise/entries', { body: { ...body, unit: 'U470000' } }), 404);
  assertError(await call(S.leader_b, 'POST', '/appraise/entries', { body: { ...body, unit: 'U470101' } }), 404);
  assertError(await call(S.analyst, 'POST', '/appraise/entries', { body: { ...body, item: 'detention' } }), 400);
  assertError(await call(S.analyst, 'POST', '/appraise/entries', { body: { ...body, reason: '' } }), 400);
  const over = await call(S.analyst, 'POST', '/appraise/entries', { body: { ...body, score: 120 } });
  assertError(over, 400);
  assert.equal(over.json.error.message_id, 'appraise.score');
  assert.equal(over.json.error.message, '录入无效：分数应在 0 至 100 之间');
  assert.equal(over.json.error.message_en, 'score must be between 0 and 100');
  const before = Number(sql("SELECT count(*) FROM ledger WHERE tbl = 'ap_entries'"));
  let r = await call(S.analyst, 'POST', '/appraise/entries', { body });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  assert.equal(Number(sql("SELECT count(*) FROM ledger WHERE tbl = 'ap_entries'")), before + 1);
  assert.equal(sql(`SELECT outcome FROM audit WHERE action = 'appraise_enter' AND detail = '${r.json.entry_id}'`), 'ok');
  // a city's leader scores its county
  r = await call(S.leader_a, 'POST', '/appraise/entries', { body: { ...body, unit: children('U470100')[0], score: 75 } });
  assert.equal(r.status, 201);
  r = await call(S.analyst, 'GET', '/appraise?year=2025');
  const u = r.json.units.find((x) => x.unit_id === 'U470100');
  const tb = u.items.find((i) => i.id === 'team_building');
  assert.equal(tb.score, 90);
  assert.equal(tb.entry.reason, '党建带队建成效明显');
  assert.equal(tb.entry.entered_by, 'analyst');
  // the subjective facet is the weighted mean of the entered items that have a score
  const subj = u.items.filter((i) => i.kind === 'entered' && i.score !== null);
  const w = subj.reduce((a, i) => a + i.weight, 0);
  assert.ok(Math.abs(u.facets.subjective - subj.reduce((a, i) => a + i.weight * i.score, 0) / w) < 0.051);
  assert.ok('previous_total' in u && 'previous_facets' in u, 'year-on-year');
});

test('appraise: ranking only when the evaluating unit turns it on', async () => {
  execFileSync(process.env.ZX, ['settings', 'set', '--db', WORK + '/zx.db', '--unit', 'U470000', 'ranking', 'on']);
  try {
    const r = await call(S.analyst, 'GET', '/appraise?year=2025');
    assert.equal(r.json.ranking, true);
    const ranked = r.json.units.filter((u) => u.total !== null).sort((a, b) => a.rank - b.rank);
    assert.equal(ranked[0].rank, 1);
    for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i].total <= ranked[i - 1].total);
    // the city has not turned it on for its counties
    const c = await call(S.leader_a, 'GET', '/appraise?year=2025');
    assert.equal(c.json.ranking, false);
  } finally {
    execFileSync(process.env.ZX, ['settings', 'set', '--db', WORK + '/zx.db', '--unit', 'U470000', 'ranking', 'off']);
  }
});

test('appraise: a score opens to its items, an item to its cases', async () => {
  const r = await call(S.analyst, 'GET', '/appraise?year=2025');
  const u = r.json.units.find((x) => x.unit_id === 'U470100');
  const it = u.items.find((i) => i.kind === 'indicator' && i.numerator > 0);
  assert.ok(it, 'an indicator item with cases');
  const c = await call(S.analyst, 'GET', `/appraise/cases?year=2025&unit=U470100&item=${it.id}`);
  assert.equal(c.status, 200);
  const d = c.json.drilldown;
  assert.equal(d.indicator, it.indicator);
  const dd = await call(S.analyst, 'GET', `/drilldown?indicator=${d.indicator}&unit=${d.unit}&from=${d.from}&to=${d.to}&part=numerator&size=500`);
  assert.equal(dd.status, 200, JSON.stringify(dd.json));
  assert.equal(dd.json.total, it.numerator);
  assertError(await call(S.analyst, 'GET', '/appraise/cases?year=2025&unit=U470100&item=team_building'), 400);
  assertError(await call(S.leader_b, 'GET', `/appraise/cases?year=2025&unit=U470100&item=${it.id}`), 404);
  const cb = await call(S.analyst, 'GET', '/appraise/cases?year=2025&unit=U470100&item=typical_candidates');
  assert.equal(cb.status, 200);
  assert.equal(cb.json.candidates.length, u.items.find((i) => i.id === 'typical_candidates').numerator);
});
