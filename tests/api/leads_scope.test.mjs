// leads_scope.test.mjs — datasets and leads per unit: two counties of one city each register
// their own 社区矫正对象名单 (a version 1 each, ids unit:name@v1) and run
// 社区矫正漏管 over it. A county sees neither the other's dataset nor its rejects, nor its
// leads — 404 by id, also for an act — while the city sees and works both; a role without
// the capability gets 403. The leads export as CSV with id numbers masked for an analyst,
// full for 刑事执行, and each export is in the audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { BASE, WORK, call, login, assertError, sql, ID_RE } from './lib.mjs';

const DS = WORK + '/dsb/datasets';
const K1 = 'U470621', K2 = 'U470622', CITY = 'U470600';
// each county's roster: the generated one's header and the rows it supervises (监督检察院)
const lines = readFileSync(`${DS}/cc_roster.csv`, 'utf8').trim().split('\n');
const roster = (k) => ({ csv: [lines[0], ...lines.filter((l) => l.endsWith(',' + k))].join('\n') + '\n', schema: readFileSync(`${DS}/cc_roster.schema.json`, 'utf8') });

async function csv(s, path) {
  const res = await fetch(BASE + '/api/v1' + path, { headers: { Cookie: s.cookie } });
  return { status: res.status, type: res.headers.get('content-type'), disp: res.headers.get('content-disposition'), text: await res.text() };
}

test('datasets per unit: each county its own version 1, invisible to the other, visible to the city', async () => {
  const k1 = await login('exec_' + K1), k2 = await login('exec_' + K2), city = await login('exec_' + CITY);
  const a = await call(k1, 'POST', '/datasets', { body: roster(K1) });
  const b = await call(k2, 'POST', '/datasets', { body: roster(K2) });
  assert.equal(a.status, 201, JSON.stringify(a.json));
  assert.equal(b.status, 201, JSON.stringify(b.json));
  assert.equal(a.json.dataset.dataset_id, `${K1}:cc_roster@v1`);
  assert.equal(b.json.dataset.dataset_id, `${K2}:cc_roster@v1`);
  assert.equal(b.json.dataset.unit_id, K2);
  const l1 = (await call(k1, 'GET', '/datasets')).json.datasets;
  assert.ok(l1.length >= 1);
  assert.deepEqual([...new Set(l1.map((d) => d.unit_id))], [K1]);
  assertError(await call(k1, 'GET', `/datasets/rejects?id=${K2}:cc_roster@v1`), 404);
  assertError(await call(k2, 'GET', `/datasets/rejects?id=${K1}:cc_roster@v1`), 404);
  // by name: the user's own unit's latest version
  const own = await call(k1, 'GET', '/datasets/rejects?name=cc_roster');
  assert.equal(own.status, 200);
  assert.equal(own.json.dataset_id, `${K1}:cc_roster@v1`);
  const lc = (await call(city, 'GET', '/datasets')).json.datasets.map((d) => d.dataset_id);
  assert.ok(lc.includes(`${K1}:cc_roster@v1`) && lc.includes(`${K2}:cc_roster@v1`), lc.join(' '));
  assert.ok(!lc.some((id) => id.startsWith('U470000:')), 'the province\'s datasets are above the city');
  for (const id of [`${K1}:cc_roster@v1`, `${K2}:cc_roster@v1`])
    assert.equal((await call(city, 'GET', `/datasets/rejects?id=${id}`)).status, 200);
  assertError(await call(await login('reviewer_l'), 'GET', '/datasets'), 403);
});

test('leads per unit: a county cannot see or act on the other county\'s leads; the city can', async () => {
  const k1 = await login('exec_' + K1), k2 = await login('exec_' + K2), city = await login('exec_' + CITY);
  const r1 = await call(k1, 'POST', '/models/run', { body: { model: 'cc_missed_report' } });
  const r2 = await call(k2, 'POST', '/models/run', { body: { model: 'cc_missed_report' } });
  assert.equal(r1.status, 200, JSON.stringify(r1.json));
  assert.equal(r2.status, 200, JSON.stringify(r2.json));
  assert.equal(r1.json.new_leads, 1);
  assert.equal(r2.json.new_leads, 1);
  // each run read only its own unit's roster
  assert.equal(sql(`SELECT datasets FROM model_runs WHERE run_id='${r1.json.run_id}'`), `${K1}:cc_roster@v1`);
  const mine = (s) => call(s, 'GET', '/leads?model=cc_missed_report').then((r) => r.json.leads);
  const a = (await mine(k1)).find((l) => l.hit_key.startsWith(K1 + '/'));
  const b = (await mine(k2)).find((l) => l.hit_key.startsWith(K2 + '/'));
  assert.ok(a && b, 'a lead of each county');
  for (const l of await mine(k1)) assert.equal(l.unit_id, K1);
  for (const l of await mine(k2)) assert.equal(l.unit_id, K2);
  assertError(await call(k1, 'GET', '/leads/' + b.lead_id), 404);
  assertError(await call(k1, 'POST', `/leads/${b.lead_id}/assign`, { body: {} }), 404);
  assertError(await call(k2, 'POST', `/leads/${a.lead_id}/verify`, { body: { finding: 'confirmed' } }), 404);
  assert.equal(sql(`SELECT status FROM leads WHERE lead_id='${b.lead_id}'`), 'new');
  // the city sees both, with the evidence naming each county's dataset, and works them
  const cl = (await mine(city)).map((l) => l.lead_id);
  assert.ok(cl.includes(a.lead_id) && cl.includes(b.lead_id));
  const one = await call(city, 'GET', '/leads/' + b.lead_id);
  assert.equal(one.status, 200);
  assert.equal(one.json.evidence.sources[0].source, `${K2}:cc_roster@v1`);
  const staff = sql(`SELECT s.staff_id FROM staff s JOIN units u ON u.id=s.unit_rid WHERE u.unit_id='${K2}' ORDER BY s.id LIMIT 1`);
  const as = await call(city, 'POST', `/leads/${b.lead_id}/assign`, { body: { staff_id: staff } });
  assert.equal(as.status, 200, JSON.stringify(as.json));
  assert.equal(as.json.status, 'assigned');
  // the city's own run reads both counties' rosters: nothing new
  const rc = await call(city, 'POST', '/models/run', { body: { model: 'cc_missed_report' } });
  assert.equal(rc.status, 200);
  assert.equal(rc.json.new_leads, 0);
  assert.deepEqual(sql(`SELECT datasets FROM model_runs WHERE run_id='${rc.json.run_id}'`).split(';').sort(), [`${K1}:cc_roster@v1`, `${K2}:cc_roster@v1`]);
});

test('leads export: CSV of the subtree, ids masked unless the role needs them, audited', async () => {
  const k1 = await login('exec_' + K1), city = await login('exec_' + CITY);
  assert.equal((await csv({ cookie: '' }, '/leads/export')).status, 401);
  const e = await csv(city, '/leads/export?model=cc_missed_report');
  assert.equal(e.status, 200);
  assert.match(e.type, /^text\/csv/);
  assert.match(e.disp, /attachment; filename="leads-U470600\.csv"/);
  const rows = e.text.replace(/^\uFEFF/, '').trim().split('\r\n');
  assert.match(rows[0], /^线索编号,模型,单位,姓名,公民身份号码,/);
  const ids = rows.slice(1).map((r) => r.split(',')[0]);
  assert.equal(ids.length, Number(sql(`SELECT COUNT(*) FROM leads WHERE model='cc_missed_report' AND unit_id IN ('${K1}','${K2}')`)));
  assert.ok(rows.slice(1).every((r) => ID_RE.test(r)), '刑事执行 sees full id numbers');
  // a county's export holds none of the other county's leads
  const k = await csv(k1, '/leads/export');
  for (const r of k.text.trim().split('\r\n').slice(1)) assert.equal(r.split(',')[2], K1);
  // an analyst of the province: every lead, no id number
  const an = await csv(await login('analyst'), '/leads/export');
  assert.equal(an.status, 200);
  assert.ok(an.text.trim().split('\r\n').length > ids.length);
  assert.doesNotMatch(an.text, ID_RE);
  assertError(await call(await login('reviewer_l'), 'GET', '/leads/export'), 403);
  assert.ok(Number(sql("SELECT COUNT(*) FROM audit WHERE action='export_leads' AND user_name='analyst' AND detail LIKE '%ids masked'")) >= 1);
  assert.ok(Number(sql(`SELECT COUNT(*) FROM audit WHERE action='export_leads' AND user_name='exec_${CITY}' AND detail LIKE '%ids full'`)) >= 1);
});
