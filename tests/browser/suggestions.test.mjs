// suggestions.test.mjs — one 检察建议 from draft to closed in the browser (a prosecutor drafts,
// issues, records the reply and the 回头看), the board's deadline colours, the printable
// 检察建议书, a hearing recorded through its form, the links from the case timeline.
// Screenshots: tests/browser/out/sg-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { BASE, WORK, OUT, openBrowser, loginAs, apiGet } from './lib.mjs';

let br, page, problems;
const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();
const CASE = sql("SELECT case_id FROM v_cases WHERE unit_id = 'U470102' ORDER BY case_id LIMIT 1");
let NO;

before(async () => {
  br = await openBrowser();
  ({ page, problems } = br);
  await loginAs(page, 'pros');
});

after(async () => {
  await br?.close();
});

async function status() {
  await page.waitForSelector('#sg-status');
  return (await page.textContent('#sg-status')).trim();
}

test('draft a suggestion through the form', async () => {
  await page.click('#nav a[data-page="suggestions"]');
  await page.waitForSelector('#sg-board');
  await page.click('#sg-new');
  await page.waitForSelector('#sg-draft');
  await page.fill('#sg-case', CASE);
  await page.selectOption('#sg-kind', 'social_governance');
  await page.fill('#sg-addressee', '某区教育局');
  await page.fill('#sg-problem', '辖区部分中小学校未落实强制报告制度');
  await page.fill('#sg-basis', '《中华人民共和国未成年人保护法》第十一条');
  await page.fill('#sg-measures', '一、开展强制报告制度专项培训；二、建立落实情况定期检查机制。');
  await page.fill('#sg-date', '2025-01-31');
  await page.screenshot({ path: join(OUT, 'sg-1-draft.png'), fullPage: true });
  await page.click('#sg-draft-submit');
  await page.waitForSelector('#sg-title');
  NO = (await page.textContent('#sg-title')).replace('检察建议 ', '').trim();
  assert.match(NO, /^JCJY-2025-\d{6}$/);
  assert.equal(await status(), '草稿');
});

test('issue it: the reply is due two months later (C4), shown on the board', async () => {
  await page.fill('#sg-act-date', '2025-01-31');
  await page.click('#sg-issue');
  await page.waitForFunction(() => document.querySelector('#sg-status')?.textContent.includes('已发出'));
  assert.match(await page.textContent('#sg-fields'), /2025-03-31/); // January's last day → March's last
  // the board as of a day in the last week is yellow, after the deadline red
  await page.goto(BASE + '/#/suggestions?as_of=2025-03-25');
  await page.waitForSelector(`#sg-board a[data-no="${NO}"]`);
  assert.match(await page.getAttribute(`#sg-board a[data-no="${NO}"]`, 'class'), /w-yellow/);
  await page.screenshot({ path: join(OUT, 'sg-2-board-yellow.png'), fullPage: true });
  await page.goto(BASE + '/#/suggestions?as_of=2025-04-02');
  await page.waitForSelector(`#sg-board section[data-status="issued"] a[data-no="${NO}"].w-red`);
  assert.match(await page.textContent('#sg-red'), /^[1-9]/);
});

test('record the reply and the 回头看: closed', async () => {
  await page.goto(BASE + `/#/suggestion/${NO}`);
  await page.waitForSelector('#sg-reply');
  await page.fill('#sg-act-date', '2025-03-20');
  await page.selectOption('#sg-result', 'rectified');
  await page.fill('#sg-reply-text', '已组织专项培训并建立检查机制');
  await page.click('#sg-reply');
  await page.waitForSelector('#sg-followup');
  assert.match(await status(), /已回复/);
  await page.fill('#sg-act-date', '2025-06-20');
  await page.fill('#sg-followup-note', '回头看：制度已落实');
  await page.click('#sg-followup');
  await page.waitForFunction(() => document.querySelector('#sg-status')?.textContent === '已办结');
  const steps = await page.$$eval('#sg-steps tbody tr', (rs) => rs.map((r) => r.children[1].textContent));
  assert.deepEqual(steps, ['起草', '发出', '回复', '回头看']);
  await page.screenshot({ path: join(OUT, 'sg-3-closed.png'), fullPage: true });
  const s = await apiGet(page, `/suggestions/${NO}`);
  assert.equal(s.status, 'closed');
  assert.equal(s.reply_result, 'rectified');
});

test('the 检察建议书 prints', async () => {
  const [doc] = await Promise.all([page.context().waitForEvent('page'), page.click('#sg-print')]);
  await doc.waitForSelector('#jcjy-doc');
  const text = await doc.textContent('#jcjy-doc');
  for (const w of ['检察建议书', '某区教育局', '未落实强制报告制度', '2025年1月31日', '两个月以内']) assert.ok(text.includes(w), w);
  // the stylesheet applied (A4 page, centred title) and print rules present
  assert.equal(await doc.$eval('.jcjy h1', (e) => getComputedStyle(e).textAlign), 'center');
  await doc.screenshot({ path: join(OUT, 'sg-4-document.png'), fullPage: true });
  await doc.emulateMedia({ media: 'print' });
  assert.equal(await doc.$eval('.jcjy', (e) => getComputedStyle(e).boxShadow), 'none');
  await doc.close();
});

test('a hearing through its form; the case timeline links both', async () => {
  await page.goto(BASE + `/#/hearings?case=${CASE}`);
  await page.waitForSelector('#hr-forms');
  await page.click('#hr-forms summary');
  await page.fill('#hr-date', '2025-02-10');
  await page.selectOption('#hr-type', 'non_prosecution');
  await page.fill('#hr-participants', '听证员三名、被害人');
  await page.fill('#hr-opinions', '同意不起诉');
  await page.selectOption('#hr-followed', 'yes');
  await page.click('#hr-submit');
  await page.waitForFunction(() => document.querySelectorAll('#hr-list tbody tr').length > 0);
  assert.match(await page.textContent('#hr-list'), /拟不起诉听证/);
  assert.match(await page.textContent('#gv-stats'), /泓州市东城区人民检察院/);
  await page.screenshot({ path: join(OUT, 'sg-5-hearings.png'), fullPage: true });
  await page.goto(BASE + `/#/case/${CASE}`);
  await page.waitForSelector('#timeline');
  await page.waitForSelector(`#timeline a.gov-link[href="#/suggestion/${NO}"]`);
  assert.ok(await page.$('#timeline a.gov-link[href^="#/hearings"]'));
  assert.deepEqual(problems, []);
});
