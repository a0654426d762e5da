// casebook.test.mjs — 典型案例: a prosecutor nominates an own case and writes it up, the
// committee (leaders) reviews, returns, approves and publishes; the state machine refuses
// out-of-order acts (409), roles are checked (403), other cities never see it (404), CSRF
// is required, every act is audited and in the ledger; the candidacy is on the case
// timeline; search, statistics against SQL; a published case is marked in 类案检索.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { call, login, assertError, sql, pw, WORK } from './lib.mjs';

const S = {};
let caseP, cand;

let staff;
before(async () => {
  for (const n of ['leader_a', 'leader_b', 'analyst', 'analyst_a', 'leader_p']) S[n] = await login(n);
  // a prosecutor of county U470102 who handles cases now (an earlier test file may have
  // imported another bundle over the cases): an account of their own for these tests
  staff = sql(`SELECT s.staff_id FROM staff s JOIN units u ON u.id = s.unit_rid JOIN cases c ON c.handler_rid = s.id
    WHERE u.unit_id = 'U470102' AND c.charge IS NOT NULL GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1`);
  assert.ok(staff, 'a prosecutor with cases');
  execFileSync(process.env.ZX, ['user', 'add', '--db', WORK + '/zx.db', '--name', 'pros_cb', '--unit', 'U470102',
    '--role', 'prosecutor', '--staff', staff, '--password-stdin'], { input: pw('pros_cb') + '\n' });
  S.pros = await login('pros_cb');
  caseP = sql(`SELECT c.case_id FROM cases c JOIN staff s ON s.id = c.handler_rid
    WHERE s.staff_id = '${staff}' AND c.charge IS NOT NULL ORDER BY c.id LIMIT 1`);
  assert.ok(caseP, 'a case of the prosecutor');
});

test('casebook: session, CSRF and roles', async () => {
  assertError(await call(null, 'GET', '/casebook'), 401);
  assertError(await call(S.pros, 'POST', '/casebook', { body: { case_id: caseP, reason: 'x' }, csrf: false }), 403);
  // not the prosecutor's own case: looks unknown
  const other = sql(`SELECT c.case_id FROM cases c JOIN units u ON u.id = c.unit_rid JOIN staff s ON s.id = c.handler_rid
    WHERE u.unit_id = 'U470102' AND s.staff_id <> '${staff}' LIMIT 1`);
  assertError(await call(S.pros, 'POST', '/casebook', { body: { case_id: other, reason: '理由' } }), 404);
  // another city's leader cannot nominate a case of U470102
  assertError(await call(S.leader_b, 'POST', '/casebook', { body: { case_id: caseP, reason: '理由' } }), 404);
  assertError(await call(S.pros, 'POST', '/casebook', { body: { case_id: caseP, reason: '' } }), 409);
});

test('casebook: from nomination to publication, refusals on the way', async () => {
  let r = await call(S.pros, 'POST', '/casebook', { body: { case_id: caseP, reason: '认罪认罚从宽的典型', date: '2025-03-01' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  cand = r.json.cand_id;
  assert.equal(r.json.state, 'cultivating');
  assert.equal(r.json.state_zh, '培育');
  assertError(await call(S.pros, 'POST', '/casebook', { body: { case_id: caseP, reason: '再次' } }), 409);
  const act = (s, a, body = {}) => call(S[s], 'POST', `/casebook/${cand}/${a}`, { body });
  r = await act('pros', 'submit');
  assertError(r, 409);
  // the refusal in Chinese from the message table, the state and the act by their names
  assert.equal(r.json.error.message_id, 'casebook.not_allowed');
  assert.equal(r.json.error.message, `不能进行该操作：典型案例候选 ${cand} 当前为“培育”状态，不能进行“提交审查”`);
  assert.equal(r.json.error.message_en, `submit: not allowed while candidate ${cand} is cultivating (培育)`);
  assertError(await act('pros', 'approve', { text: '通过' }), 403); // the committee's act
  assert.equal((await act('pros', 'note', { text: '待判决后编写', date: '2025-03-10' })).status, 200);
  r = await act('pros', 'write', { title: '某某认罪认罚案', facts: '基本案情……', performance: '检察履职……', significance: '典型意义……', legal_basis: '刑事诉讼法第十五条', date: '2025-04-01' });
  assert.equal(r.json.state, 'writing');
  r = await call(S.pros, 'GET', `/casebook/${cand}`);
  assert.deepEqual(r.json.can.sort(), ['note', 'submit', 'write']);
  assert.equal((await act('pros', 'submit', { date: '2025-04-02' })).json.state, 'reviewing');
  assert.equal((await act('leader_a', 'review', { text: '补充量刑说理', date: '2025-04-05' })).status, 200);
  assertError(await act('leader_a', 'return', {}), 409); // a return needs its reason
  assert.equal((await act('leader_a', 'return', { text: '补充量刑说理', date: '2025-04-06' })).json.state, 'writing');
  assert.equal((await act('pros', 'submit', { date: '2025-04-10' })).json.state, 'reviewing');
  assertError(await act('leader_a', 'publish', { level: 'city' }), 409);
  assert.equal((await act('leader_a', 'approve', { text: '同意发布', date: '2025-05-01' })).json.state, 'approved');
  r = await act('leader_a', 'publish', { level: 'nation' });
  assertError(r, 409);
  assert.equal(r.json.error.message_id, 'casebook.bad_level');
  assert.equal(r.json.error.message, '不能进行该操作：“发布”的发布层级应为院、市或省');
  assert.equal(r.json.error.message_en, 'publish: level must be unit, city or province');
  r = await act('leader_a', 'publish', { level: 'city', date: '2025-05-10' });
  assert.equal(r.json.state, 'published');
  assert.equal(r.json.level_zh, '市');
  assertError(await act('leader_a', 'publish', { level: 'unit' }), 409);
  // another city's leader cannot see or act on it
  assertError(await call(S.leader_b, 'GET', `/casebook/${cand}`), 404);
  assertError(await call(S.leader_b, 'POST', `/casebook/${cand}/publish`, { body: { level: 'province' } }), 404);
  assert.equal((await act('leader_p', 'publish', { level: 'province', date: '2025-06-01' })).json.level, 'province');
  // audited, in the ledger, and verifiable
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action = 'casebook_act' AND outcome = 'ok'")) >= 9);
  assert.ok(Number(sql("SELECT count(*) FROM audit WHERE action = 'casebook_act' AND outcome = 'denied'")) >= 1);
  const steps = Number(sql(`SELECT count(*) FROM cb_steps s JOIN cb_candidates c ON c.id = s.cand_rid WHERE c.cand_id = '${cand}'`));
  assert.equal(steps, 10); // nominate, note, write, submit, review, return, submit, approve, publish ×2
  assert.equal(Number(sql(`SELECT count(*) FROM ledger WHERE tbl = 'cb_steps' AND xid LIKE '${cand}/%'`)), steps);
});

test('casebook: the candidacy and its acts on the case timeline', async () => {
  const r = await call(S.leader_a, 'GET', `/cases/${caseP}`);
  assert.equal(r.status, 200);
  assert.equal(r.json.casebook.length, 1);
  const c = r.json.casebook[0];
  assert.equal(c.cand_id, cand);
  assert.deepEqual(c.steps.map((s) => s.act), ['nominate', 'note', 'write', 'submit', 'review', 'return', 'submit', 'approve', 'publish', 'publish'].slice(0, 3).concat(c.steps.slice(3).map((s) => s.act)));
  assert.equal(c.steps.filter((s) => s.act === 'publish').length, 2);
  assert.equal(c.steps[0].who, 'pros_cb');
});

test('casebook: search by charge, line, keyword; scope; statistics equal SQL', async () => {
  const charge = sql(`SELECT charge FROM cases WHERE case_id = '${caseP}'`);
  const line = sql(`SELECT (SELECT code FROM vocab WHERE vocab = 'line' AND value = c.line) FROM cases c WHERE case_id = '${caseP}'`);
  const otherLine = line === 'civil' ? 'administrative' : 'civil';
  let r = await call(S.analyst, 'GET', `/casebook?state=published&charge=${encodeURIComponent(charge)}`);
  assert.deepEqual(r.json.items.map((x) => x.cand_id), [cand]);
  r = await call(S.analyst, 'GET', `/casebook?state=published&keyword=${encodeURIComponent('认罪认罚')}&line=${line}`);
  assert.deepEqual(r.json.items.map((x) => x.cand_id), [cand]);
  r = await call(S.analyst, 'GET', `/casebook?state=published&line=${otherLine}`);
  assert.equal(r.json.items.length, 0);
  r = await call(S.leader_b, 'GET', '/casebook?state=published');
  assert.equal(r.json.items.length, 0, 'another city sees none');
  r = await call(S.analyst, 'GET', '/casebook/stats?year=2025');
  const unit = sql(`SELECT u.unit_id FROM cases c JOIN units u ON u.id = c.unit_rid WHERE c.case_id = '${caseP}'`);
  const row = r.json.rows.find((x) => x.unit_id === unit);
  const want = sql(`SELECT count(DISTINCT CASE WHEN act='nominate' THEN cand_rid END) || ',' ||
    count(DISTINCT CASE WHEN act='submit' THEN cand_rid END) || ',' ||
    count(DISTINCT CASE WHEN act='publish' AND s.level='city' THEN cand_rid END) || ',' ||
    count(DISTINCT CASE WHEN act='publish' AND s.level='province' THEN cand_rid END)
    FROM cb_steps s JOIN cb_candidates c ON c.id = s.cand_rid WHERE c.unit_id = '${unit}' AND c.line = '${line}'
    AND strftime('%Y', s.date * 86400, 'unixepoch') = '2025'`);
  assert.equal([row.candidates, row.written, row.published_city, row.published_province].join(','), want);
  assert.ok(row.unit_name.length > 0);
});

test('casebook: a published typical case is marked in 类案检索, with those of its charge', async () => {
  // a similar-case search by the province; a result's case of city A is taken to publication
  const doc = sql(`SELECT d.document_id FROM documents d JOIN cases c ON c.id = d.case_rid JOIN units u ON u.id = c.unit_rid
    WHERE u.unit_id LIKE 'U4701%' ORDER BY d.id LIMIT 1`);
  const facts = sql(`SELECT facts FROM documents WHERE document_id = '${doc}'`);
  let r = await call(S.analyst, 'POST', '/similar', { body: { facts, k: 50 } });
  assert.equal(r.status, 200);
  const inA = (c) => c && sql(`SELECT count(*) FROM cases c JOIN units u ON u.id = c.unit_rid
    WHERE c.case_id = '${c}' AND u.unit_id LIKE 'U4701%' AND c.charge IS NOT NULL`) === '1';
  const pick = r.json.results.find((x) => x.case_id && x.case_id !== caseP && inA(x.case_id));
  assert.ok(pick, 'a result with a case of city A');
  const caseD = pick.case_id;
  const charge = sql(`SELECT charge FROM cases WHERE case_id = '${caseD}'`);
  r = await call(S.leader_a, 'POST', '/casebook', { body: { case_id: caseD, reason: '类案参考价值' } });
  assert.equal(r.status, 201, JSON.stringify(r.json));
  const id = r.json.cand_id;
  const act = (a, body) => call(S.leader_a, 'POST', `/casebook/${id}/${a}`, { body });
  await act('write', { title: '类案典型', facts: 'a', performance: 'b', significance: 'c', legal_basis: 'd' });
  await act('submit', {});
  await act('approve', { text: '通过' });
  assert.equal((await act('publish', { level: 'unit' })).json.state, 'published');
  r = await call(S.analyst, 'POST', '/similar', { body: { facts, k: 50 } });
  assert.equal(r.status, 200);
  const hit = r.json.results.find((x) => x.case_id === caseD);
  assert.ok(hit, 'the case is among the results again');
  assert.equal(hit.typical_case.cand_id, id);
  assert.equal(hit.typical_case.level_zh, '院');
  for (const x of r.json.results) if (x.case_id !== caseD && x.case_id !== caseP) assert.equal(x.typical_case, undefined);
  // with the charge chosen, the published typical cases of that charge are offered beside
  r = await call(S.analyst, 'POST', '/similar', { body: { facts, charge, k: 10 } });
  assert.equal(r.status, 200);
  assert.ok(r.json.typical_cases.some((x) => x.cand_id === id), 'listed among the typical cases of its charge');
  for (const x of r.json.typical_cases) assert.equal(x.charge, charge);
});
