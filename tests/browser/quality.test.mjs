// quality.test.mjs — 案件质量评查 and 瑕疵积分 in headless Chromium, the whole loop through the
// pages: 案管 plans a 专项评查, the 评查员 fills the form and the grade follows the rule, the
// prosecutor sees own results and objects, the reviewer answers and changes the grade, and
// 瑕疵积分 shows the points with their cases. Screenshots: tests/browser/out/3x-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { BASE, WORK, OUT, openBrowser, apiGet } from './lib.mjs';

const PSTAFF = process.env.PSTAFF;
const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();
let br, page, problems;

before(async () => { br = await openBrowser(); ({ page, problems } = br); });
after(async () => { await br?.close(); });

async function as(name) {
  await page.goto(BASE + '/');
  // the app asks /me before it shows either the login form or the signed-in page: wait for
  // one of them, or a check made too early misses the logout button and waits for a login
  // form that never comes
  await page.waitForSelector('#logout:visible, #login-form:visible');
  if (await page.$('#logout:visible')) { await page.click('#logout'); }
  await page.waitForSelector('#login-form:visible');
  await page.fill('#login-name', name);
  await page.fill('#login-password', `${name}-pass-2024`);
  await page.click('#login-submit');
  await page.waitForSelector('#app .view');
}

test('质量评查: plan, review form, grade, 异议 and answer; 瑕疵积分 with the cases behind', async () => {
  const dept = sql(`SELECT department FROM staff WHERE staff_id = '${PSTAFF}'`);
  // 案管 plans a 专项评查 of the prosecutor's department
  await as('analyst_a');
  await page.click('a[data-page="quality"]');
  await page.waitForSelector('#qp-form');
  await page.selectOption('#qp-kind', 'special');
  await page.selectOption('#qp-unit', 'U470102');
  await page.fill('#qp-from', '2019-01-01');
  await page.fill('#qp-to', '2025-12-31');
  await page.fill('#qp-dept', dept);
  await page.fill('#qp-title', '浏览器专项评查');
  await page.screenshot({ path: join(OUT, '30-quality-plan-form.png'), fullPage: true });
  await page.click('#qp-form button[type=submit]');
  await page.waitForSelector('#qp-cases');
  const planId = new URLSearchParams(page.url().split('?')[1]).get('plan');
  const plan = await apiGet(page, `/quality/plans/${planId}`);
  assert.equal(plan.kind, 'special');
  assert.ok(plan.items.length > 0);
  assert.equal(await page.$$eval('#qp-cases tbody tr', (r) => r.length), plan.items.length);
  const c = plan.items.find((i) => i.handler_id === PSTAFF);
  assert.ok(c, 'a case of the prosecutor in the plan');
  assert.equal(await page.$('.review-link'), null, '案管 does not grade');
  await page.screenshot({ path: join(OUT, '31-quality-plan.png'), fullPage: true });

  // the 评查员 fills the form: two flaws → 基本合格
  await as('reviewer');
  await page.goto(BASE + `/#/quality?plan=${planId}`);
  await page.waitForSelector('#qp-cases');
  await page.click(`#qp-cases a.review-link[href*="case=${c.case_id}"]`);
  await page.waitForSelector('#qf-items');
  await page.selectOption('select.result[data-item="evidence.collection"]', 'flaw');
  await page.selectOption('#qf-items tr:has(select[data-item="evidence.collection"]) select.situation', 'H01');
  await page.fill('#qf-items tr:has(select[data-item="evidence.collection"]) input.note', '未调取监控录像');
  await page.selectOption('select.result[data-item="documents.drafting"]', 'flaw');
  await page.selectOption('#qf-items tr:has(select[data-item="documents.drafting"]) select.situation', 'W03');
  await page.check('#qf-excellent');
  await page.click('#qf-submit');
  await page.waitForSelector('#qf-msg .err');
  // the library's reason, in Chinese from the message table (not its English)
  assert.match(await page.textContent('#qf-msg'), /只有无瑕疵、无错误的案件才能提名优质（本案认定瑕疵或错误 2 处）/);
  assert.doesNotMatch(await page.textContent('#qf-msg'), /may be proposed/);
  await page.uncheck('#qf-excellent');
  await page.fill('#qf-notes', '证据审查不够细致，文书有错别字');
  await page.screenshot({ path: join(OUT, '32-quality-form.png'), fullPage: true });
  await page.click('#qf-submit');
  await page.waitForSelector('#qv-findings');
  assert.match(await page.textContent('#qv-summary'), /基本合格/);
  const reviewId = new URLSearchParams(page.url().split('?')[1]).get('review');
  assert.equal(await page.$$eval('#qv-findings .tag-warn', (r) => r.length), 2);

  // the prosecutor sees own results only and objects
  await as('pros');
  await page.click('a[data-page="quality"]');
  await page.waitForSelector('#qr-list');
  const rows = await page.$$eval('#qr-list tbody tr', (rs) => rs.map((r) => [r.children[0].textContent, !!r.querySelector('.mine')]));
  assert.ok(rows.length >= 1 && rows.every((r) => r[1]), 'only own results, marked 本人');
  assert.equal(await page.$('#qp-list'), null, 'no plans for a prosecutor');
  await page.click(`#qr-list a[href*="review=${reviewId}"]`);
  await page.waitForSelector('#qv-object-form');
  await page.fill('#qv-object-text', '监控录像已调取在卷，不属瑕疵');
  await page.click('#qv-object-form button');
  await page.waitForSelector('#qv-objection-text');
  assert.match(await page.textContent('#qv-objection-text'), /不属瑕疵/);
  assert.equal(await page.$('#qv-object-form'), null);
  await page.screenshot({ path: join(OUT, '33-quality-objection.png'), fullPage: true });

  // the reviewer answers and changes the grade
  await as('reviewer');
  await page.goto(BASE + `/#/quality?review=${reviewId}`);
  await page.waitForSelector('#qv-respond-form');
  await page.fill('#qv-respond-text', '经复核，监控录像在卷，改为合格');
  await page.selectOption('#qv-respond-grade', 'qualified');
  await page.click('#qv-respond-form button');
  await page.waitForSelector('#qv-response-text');
  assert.match(await page.textContent('#qv-summary'), /改为\s*合格/);
  await page.screenshot({ path: join(OUT, '34-quality-answered.png'), fullPage: true });

  // 瑕疵积分: the points of the year with their cases
  await as('analyst_a');
  const year = new Date().getFullYear();
  await page.goto(BASE + `/#/flaws?year=${year}`);
  await page.waitForSelector('#fl-staff');
  const d = await apiGet(page, `/flaws?year=${year}`);
  assert.equal(await page.$$eval('#fl-staff tbody tr', (r) => r.length), d.staff.length);
  const s = d.staff.find((x) => x.staff_id === PSTAFF);
  assert.ok(s && s.points === 12 && s.grades.qualified === 1, JSON.stringify(s));
  await page.click(`#fl-staff a[href*="staff=${PSTAFF}"]`);
  // the same page re-renders for one prosecutor: wait for its heading, not for the table the
  // page before it also had (read while the page was being replaced, it gave no rows)
  await page.waitForSelector(`h2:has-text("${PSTAFF} 的积分明细")`);
  await page.waitForSelector(`#fl-points a.case-link`);
  const pts = await page.$$eval('#fl-points tbody tr', (rs) => rs.map((r) => [r.children[0].textContent, r.children[1].textContent, r.children[5].textContent]));
  assert.deepEqual(pts.map((p) => p[2]).sort(), ['10', '2']);
  assert.ok(pts.every((p) => p[0] === PSTAFF && p[1] === c.case_id));
  await page.screenshot({ path: join(OUT, '35-flaws.png'), fullPage: true });
  await page.click('#fl-points a.case-link');
  await page.waitForURL(/#\/case\//);
  // the one refusal above (优质 with flaws) is the only failed request
  assert.deepEqual(problems.filter((p) => !/status of 409/.test(p)), []);
  assert.equal(problems.length, 1);
});
