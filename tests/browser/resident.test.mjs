// resident.test.mjs — 派驻检察 in headless Chromium: the office's procurator records a week of
// duty against the checklist through the page's form and sees the gaps (equal to the API's);
// a finding from the cell visit becomes a 纠正违法通知书 with its 15-day deadline; a leader
// sees the office without the recording forms. Screenshots: tests/browser/out/resident-*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { BASE, OUT, openBrowser, loginAs, apiGet } from './lib.mjs';

let br, page, problems;
before(async () => {
  br = await openBrowser();
  ({ page, problems } = br);
});
after(async () => { await br?.close(); });

const WEEK = '#/resident?from=2025-03-03&to=2025-03-09';
const OFF = '.rs-office[data-office="KSS-A"]';
const rows = (sel) => page.$$eval(`${OFF} ${sel} tbody tr`, (trs) => trs.length).catch(() => 0);

async function log(item, date, result, place = '') {
  const before = await rows('.rs-logs');
  await page.selectOption(`${OFF} .rs-log-item`, item);
  await page.fill(`${OFF} .rs-log-date`, date);
  await page.fill(`${OFF} .rs-log-place`, place);
  await page.fill(`${OFF} .rs-log-result`, result);
  await page.click(`${OFF} .rs-log-form button[type=submit]`);
  await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length === n,
    [`${OFF} .rs-logs tbody tr`, before + 1]);
}

test('a resident office records a week of duty and sees its gaps', async () => {
  await loginAs(page, 'resident_a');
  assert.ok(await page.isVisible('#nav a[data-page="resident"]'), 'nav entry');
  await page.goto(BASE + '/' + WEEK);
  await page.waitForSelector(`${OFF} .rs-log-form`);
  const gaps0 = Number(await page.textContent('#rs-gaps'));
  assert.ok(gaps0 > 0, 'an empty week has gaps');
  for (const day of ['03', '04', '05', '06', '07']) await log('R-CCTV', `2025-03-${day}`, '抽查重点时段监控录像，未见异常', '监区一');
  await log('R-CELL', '2025-03-04', '巡视监室，发现违禁品打火机一个', '3号监室');
  await log('R-MAILBOX', '2025-03-05', '开启检察官信箱，收到来信两封');
  await log('R-TALK', '2025-03-06', '与新收押人员个别谈话三人次');
  // the checklist table and the gaps equal the API's
  const api = await apiGet(page, '/resident?from=2025-03-03&to=2025-03-09');
  const o = api.offices.find((x) => x.office_id === 'KSS-A');
  assert.equal(await page.textContent('#rs-gaps'), String(api.gaps));
  assert.ok(api.gaps < gaps0, 'recording closed gaps');
  const shown = await page.$$eval(`${OFF} .rs-items tbody tr`, (trs) => Object.fromEntries(trs.map((tr) => [tr.children[0].textContent, tr.children[4].textContent])));
  assert.equal(shown['R-CCTV'], '5 / 5');
  assert.equal(shown['R-CELL'], '1 / 1');
  const freq = Object.fromEntries(api.checklist.items.map((i) => [i.id, i.frequency]));
  for (const c of o.items) {
    assert.equal(shown[c.item], freq[c.item] === 'per_event' ? `${c.entries} 次` : `${c.done} / ${c.expected}`, c.item);
  }
  const gapItems = await page.$$eval(`${OFF} .rs-gaplist li`, (lis) => lis.map((li) => li.dataset.item));
  assert.deepEqual(gapItems.sort(), o.gaps.map((g) => g.item || '').sort());
  for (const want of ['D-TIXUN', 'D-CUSTODY', 'D-MGMT']) assert.ok(gapItems.includes(want), `gap ${want}`);
  for (const never of ['R-CCTV', 'R-CELL', 'R-MAILBOX', 'R-TALK', 'R-DUTY']) assert.ok(!gapItems.includes(never), `no gap ${never}`);
  assert.match(await page.textContent(`${OFF} .rs-gaplist`), /第十六条/);
  await page.screenshot({ path: join(OUT, 'resident-week.png'), fullPage: true });
});

test('a finding from the cell visit becomes a 纠正违法通知书', async () => {
  const cellOpt = await page.$$eval(`${OFF} .rs-find-log option`, (os) => os.map((o) => [o.value, o.textContent]));
  const cell = cellOpt.find(([, t]) => /R-CELL/.test(t));
  assert.ok(cell, 'the cell visit is offered');
  await page.selectOption(`${OFF} .rs-find-log`, cell[0]);
  await page.fill(`${OFF} .rs-find-desc`, '监室内发现打火机，安全检查不到位');
  await page.click(`${OFF} .rs-find-form button[type=submit]`);
  await page.waitForSelector(`${OFF} .rs-findings`);
  const fid = (await page.textContent(`${OFF} .rs-findings tbody tr td`)).trim();
  assert.match(fid, /^INSP-RES-KSS-A-F\d+$/);
  await page.selectOption(`${OFF} .rs-disp-finding`, fid);
  await page.selectOption(`${OFF} .rs-disp-kind`, 'correction_notice');
  await page.fill(`${OFF} .rs-disp-date`, '2025-03-07');
  await page.click(`${OFF} .rs-disp-form button[type=submit]`);
  await page.waitForFunction((sel) => /纠正违法通知书/.test(document.querySelector(sel)?.textContent || ''), `${OFF} .rs-findings`);
  const cellText = await page.textContent(`${OFF} .rs-findings tbody tr`);
  assert.match(cellText, /纠正违法通知书 2025-03-07（2025-03-22 前/);
  assert.match(cellText, /安全检查不到位/);
  // the log entry now names its finding
  assert.match(await page.textContent(`${OFF} .rs-logs`), new RegExp(fid));
  await page.screenshot({ path: join(OUT, 'resident-finding.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('a leader sees the office and its gaps, without the forms', async () => {
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await loginAs(page, 'leader_a');
  await page.goto(BASE + '/' + WEEK);
  await page.waitForSelector(OFF);
  assert.equal(await page.$(`${OFF} .rs-log-form`), null);
  assert.equal(await page.$(`${OFF} .rs-disp-form`), null);
  assert.ok(Number(await page.textContent('#rs-gaps')) > 0);
  await page.screenshot({ path: join(OUT, 'resident-leader.png') });
  assert.deepEqual(problems, []);
});
