// suggestions.test.mjs — /api/v1/suggestions…, /hearings, /supervisions, /governance/stats:
// 401 without a session, CSRF, who may write (检察官 of the case's unit, 案件管理) and who may
// see (the subtree), a suggestion from draft to closed with its deadline and the adoption
// indicator it moves, a failed 诉前 suggestion to 公益诉讼, the printable document, audit.
import { test } from 'node:test';
import assert from 'node:assert/strict';

import { BASE, call, login, assertError, sql } from './lib.mjs';

const S = {};
const CASE = sql("SELECT case_id FROM v_cases WHERE unit_id = 'U470102' ORDER BY case_id LIMIT 1");
const SIBLING = sql("SELECT case_id FROM v_cases WHERE unit_id = 'U470103' ORDER BY case_id LIMIT 1");
const OTHER_CITY = sql("SELECT case_id FROM v_cases WHERE unit_id LIKE 'U4702%' ORDER BY case_id LIMIT 1");
const DRAFT = { case_id: CASE, kind: 'social_governance', addressee: '某县市场监督管理局', problem: '辖区校园周边食品经营存在安全隐患', basis: '《中华人民共和国食品安全法》第一百一十条', measures: '开展专项检查，建立长效机制', date: '2025-03-31' };

test('setup: sessions', async () => {
  for (const n of ['pros', 'analyst_a', 'analyst_b', 'leader_a']) S[n] = await login(n);
  assert.ok(CASE && SIBLING && OTHER_CITY);
});

test('every governance endpoint answers 401 without a session', async () => {
  for (const [m, p] of [['GET', '/suggestions'], ['POST', '/suggestions'], ['GET', '/suggestions/JCJY-2025-000001'],
    ['GET', '/suggestions/JCJY-2025-000001/document'], ['POST', '/suggestions/JCJY-2025-000001/issue'],
    ['POST', '/suggestions/escalate'], ['GET', '/hearings'], ['POST', '/hearings'], ['GET', '/supervisions'],
    ['POST', '/supervisions'], ['GET', '/governance/stats']]) {
    assertError(await call(null, m, p, { body: m === 'GET' ? undefined : {} }), 401);
  }
});

test('who may draft: CSRF, role, unit, scope; bad input is a 400 naming the field', async () => {
  assertError(await call(S.pros, 'POST', '/suggestions', { body: DRAFT, csrf: false }), 403);
  assertError(await call(S.leader_a, 'POST', '/suggestions', { body: DRAFT }), 403);
  assertError(await call(S.pros, 'POST', '/suggestions', { body: { ...DRAFT, case_id: SIBLING } }), 404);
  assertError(await call(S.analyst_b, 'POST', '/suggestions', { body: DRAFT }), 404);
  const bad = await call(S.pros, 'POST', '/suggestions', { body: { ...DRAFT, kind: 'bogus' } });
  assertError(bad, 400);
  assert.match(bad.json.error.message_en, /kind/);
  // the library's reason reaches the page in Chinese, named by its message-table key
  assert.equal(bad.json.error.message_id, 'gov.bad_kind');
  assert.match(bad.json.error.message, /^输入有误：检察建议类别“bogus”无效/);
  assertError(await call(S.pros, 'POST', '/suggestions', { body: { ...DRAFT, addressee: '' } }), 400);
  assertError(await call(S.pros, 'POST', '/suggestions', { body: { ...DRAFT, date: '2025-02-30' } }), 400);
  // an analyst of the city acts on its counties' cases, not on another city's
  assertError(await call(S.analyst_a, 'POST', '/suggestions', { body: { ...DRAFT, case_id: OTHER_CITY } }), 404);
});

async function figure(id) {
  const r = await call(S.analyst_a, 'GET', `/indicators?ids=${id}&from=2025-01-01&to=2025-12-31&unit=U470102`);
  assert.equal(r.status, 200, JSON.stringify(r.json));
  const x = r.json.indicators[0];
  return [x.numerator, x.denominator];
}

test('draft → issue (2 months, C4) → reply → 回头看 → closed; the adoption rate moves', async () => {
  const before = await figure('suggestion_adoption_rate');
  const d = await call(S.pros, 'POST', '/suggestions', { body: DRAFT });
  assert.equal(d.status, 201, JSON.stringify(d.json));
  const no = d.json.no;
  assert.equal(d.json.status, 'draft');
  assert.equal(d.json.unit_id, 'U470102');
  // the sibling city does not see it, the city does
  assertError(await call(S.analyst_b, 'GET', `/suggestions/${no}`), 404);
  assert.ok(!(await call(S.analyst_b, 'GET', '/suggestions')).json.items.some((s) => s.no === no));
  assert.ok((await call(S.analyst_a, 'GET', '/suggestions')).json.items.some((s) => s.no === no));
  assertError(await call(S.leader_a, 'POST', `/suggestions/${no}/issue`, { body: { date: '2025-03-31' } }), 403);
  assertError(await call(S.pros, 'POST', `/suggestions/${no}/reply`, { body: { date: '2025-04-01', result: 'adopted' } }), 409);
  const i = await call(S.pros, 'POST', `/suggestions/${no}/issue`, { body: { date: '2025-03-31' } });
  assert.equal(i.status, 200, JSON.stringify(i.json));
  assert.equal(i.json.reply_due, '2025-05-31'); // the last day of March → the last day of May
  const mid = await figure('suggestion_adoption_rate');
  assert.deepEqual(mid, [before[0], before[1] + 1]);
  // the board shows its colour as of a day: yellow 7 days before, red after
  const board = async (d) => (await call(S.pros, 'GET', `/suggestions?as_of=${d}`)).json.items.find((s) => s.no === no);
  assert.equal((await board('2025-05-23')).watch, 'open');
  assert.equal((await board('2025-05-24')).watch, 'yellow');
  assert.equal((await board('2025-06-01')).watch, 'red');
  assertError(await call(S.pros, 'POST', `/suggestions/${no}/reply`, { body: { date: '2025-05-20', result: 'maybe' } }), 409);
  const r = await call(S.pros, 'POST', `/suggestions/${no}/reply`, { body: { date: '2025-05-20', result: 'adopted', text: '已开展专项检查' } });
  assert.equal(r.status, 200, JSON.stringify(r.json));
  assert.deepEqual(await figure('suggestion_adoption_rate'), [before[0] + 1, before[1] + 1]);
  assert.equal(sql(`SELECT ref_event_id FROM v_events WHERE event_id = '${no}-R'`), no);
  const f = await call(S.analyst_a, 'POST', `/suggestions/${no}/followup`, { body: { date: '2025-08-20', result: 'rectified', text: '回头看：整改到位' } });
  assert.equal(f.status, 200, JSON.stringify(f.json));
  assert.equal(f.json.status, 'closed');
  const show = await call(S.analyst_a, 'GET', `/suggestions/${no}`);
  assert.deepEqual(show.json.steps.map((s) => [s.step, s.who]), [['drafted', 'pros'], ['issued', 'pros'], ['replied', 'pros'], ['followed_up', 'analyst_a']]);
  const audit = sql(`SELECT group_concat(action, ',') FROM (SELECT action FROM audit WHERE target = '${no}' AND outcome = 'ok' ORDER BY id)`);
  for (const a of ['suggestion_draft', 'suggestion_issue', 'suggestion_reply', 'suggestion_followup']) assert.ok(audit.includes(a), `${a} in ${audit}`);
  assert.equal(sql(`SELECT count(*) FROM ledger WHERE tbl = 'gov_suggestions' AND xid = '${no}'`), '4');
});

test('a 诉前 suggestion unanswered past its deadline: escalated (by 案件管理 only), then 公益诉讼', async () => {
  const d = await call(S.pros, 'POST', '/suggestions', { body: { ...DRAFT, kind: 'pre_litigation', addressee: '某县自然资源局', date: '2025-01-10' } });
  const no = d.json.no;
  await call(S.pros, 'POST', `/suggestions/${no}/issue`, { body: { date: '2025-01-10' } });
  assertError(await call(S.pros, 'POST', `/suggestions/${no}/litigate`, { body: { date: '2025-03-10' } }), 409);
  assertError(await call(S.pros, 'POST', '/suggestions/escalate', { body: { date: '2025-03-11' } }), 403);
  const e = await call(S.analyst_a, 'POST', '/suggestions/escalate', { body: { date: '2025-03-11' } });
  assert.equal(e.status, 200);
  assert.ok(e.json.escalated >= 1);
  assert.ok((await call(S.pros, 'GET', `/suggestions/${no}`)).json.escalated_head);
  const l = await call(S.pros, 'POST', `/suggestions/${no}/litigate`, { body: { date: '2025-03-12' } });
  assert.equal(l.status, 200, JSON.stringify(l.json));
  assert.equal(l.json.status, 'litigated');
  assert.equal(sql(`SELECT type FROM v_events WHERE event_id = '${no}-PIL'`), 'pil_lawsuit');
});

test('the 检察建议书: printable HTML, strict CSP, no inline script or style, scoped', async () => {
  const no = (await call(S.pros, 'GET', '/suggestions')).json.items[0].no;
  const res = await fetch(`${BASE}/api/v1/suggestions/${no}/document`, { headers: { Cookie: S.pros.cookie } });
  assert.equal(res.status, 200);
  assert.match(res.headers.get('content-type'), /text\/html/);
  assert.match(res.headers.get('content-security-policy'), /script-src 'self'/);
  const html = await res.text();
  for (const w of ['检察建议书', '检建〔', '两个月以内', '/css/print.css', '（院印）']) assert.ok(html.includes(w), w);
  assert.doesNotMatch(html, /<script|style=|<style/i);
  assertError(await call(S.analyst_b, 'GET', `/suggestions/${no}/document`), 404);
});

test('hearings and supervisors: recorded with their events, listed in scope, counted per unit and line', async () => {
  const before = await figure('hearing_rate');
  const h = await call(S.pros, 'POST', '/hearings', { body: { case_id: CASE, date: '2025-04-02', type: 'custody_review', participants: '听证员三名、犯罪嫌疑人及其辩护人', opinions: '建议变更强制措施', outcome: '变更为取保候审', followed: true } });
  assert.equal(h.status, 201, JSON.stringify(h.json));
  assert.equal(sql(`SELECT type FROM v_events WHERE event_id = '${h.json.no}'`), 'hearing');
  const v = await call(S.analyst_a, 'POST', '/supervisions', { body: { case_id: CASE, supervisor: '王芳', date: '2025-04-02', activity: 'hearing', opinion: '程序规范' } });
  assert.equal(v.status, 201, JSON.stringify(v.json));
  assertError(await call(S.pros, 'POST', '/hearings', { body: { case_id: CASE, date: '2025-04-02', type: 'party', participants: 'x' } }), 400);
  assertError(await call(S.leader_a, 'POST', '/supervisions', { body: { case_id: CASE, supervisor: 'x', date: '2025-04-02', activity: 'other' } }), 403);
  assert.ok((await call(S.leader_a, 'GET', `/hearings?case=${CASE}`)).json.items.some((x) => x.no === h.json.no));
  assert.equal((await call(S.analyst_b, 'GET', `/hearings?case=${CASE}`)).json.items.length, 0);
  assert.equal((await call(S.analyst_b, 'GET', `/supervisions?case=${CASE}`)).json.items.length, 0);
  const st = await call(S.analyst_a, 'GET', '/governance/stats?from=2025-01-01&to=2025-12-31');
  const row = st.json.rows.find((x) => x.unit_id === 'U470102');
  assert.ok(row && row.hearings >= 1 && row.followed >= 1 && row.supervisions >= 1, JSON.stringify(st.json));
  assert.ok(!(await call(S.analyst_b, 'GET', '/governance/stats')).json.rows.some((x) => x.unit_id === 'U470102'));
  const after = await figure('hearing_rate');
  const closed = sql(`SELECT closed_on LIKE '2025-%' FROM v_cases WHERE case_id = '${CASE}'`) === '1';
  const had = sql(`SELECT count(*) FROM v_events WHERE case_id = '${CASE}' AND type = 'hearing'`) !== '1';
  if (closed && !had) assert.deepEqual(after, [before[0] + 1, before[1]]);
  else assert.equal(after[1], before[1]);
});
