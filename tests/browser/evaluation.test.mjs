// evaluation.test.mjs — the 业绩考评 page in headless Chromium: a leader sees the subtree's
// prosecutors with the API's scores, opens one, drills a figure down to its cases; a
// prosecutor sees only their own evaluation; an account with neither has no link.
// Screenshots: tests/browser/out/20-evaluation*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { OUT, openBrowser, loginAs, apiGet } from './lib.mjs';

let br, page, problems;
const Q = '?unit=U470100&from=2024-01-01&to=2024-12-31';
const sc = (v) => (v === null ? '—' : v.toFixed(2));

before(async () => {
  br = await openBrowser();
  ({ page, problems } = br);
});

after(async () => {
  await br?.close();
});

test('业绩考评: a leader sees the prosecutors of the subtree and drills a figure down to its cases', async () => {
  await loginAs(page, 'leader_a');
  await page.waitForSelector('a[data-page="evaluation"]:not(.hidden)');
  await page.goto(page.url().replace(/#.*$/, '') + '#/evaluation' + Q);
  await page.waitForSelector('#ev-table tbody tr');
  const d = await apiGet(page, '/evaluation' + Q);
  const shown = await page.$$eval('#ev-table tbody tr', (rows) => rows.map((r) => [...r.children].map((c) => c.textContent)));
  assert.deepEqual(shown, d.prosecutors.map((p) => [p.name, p.unit_name, sc(p.total), sc(p.dimensions.quality), sc(p.dimensions.efficiency), sc(p.dimensions.effect)]));
  assert.match(await page.textContent('#ev-list'), /不排名/);
  // open the prosecutor with the most workload; the chart and the components show
  const p = d.prosecutors.reduce((a, b) => (b.components.find((c) => c.id === 'workload').count > a.components.find((c) => c.id === 'workload').count ? b : a));
  await page.click(`#ev-table a[data-staff="${p.staff_id}"]`);
  await page.waitForFunction((n) => document.querySelector('#ev-name')?.textContent.startsWith(n), p.name);
  assert.equal(await page.textContent('#ev-total'), sc(p.total));
  assert.ok(await page.$('#ev-chart canvas'), 'dimension chart drawn');
  const enabled = d.components.filter((c) => c.enabled).length;
  assert.equal(await page.$$eval('.ev-dim tbody tr', (r) => r.length), enabled);
  assert.match(await page.textContent('#ev-detail'), /按案件类型系数折算/);
  await page.screenshot({ path: join(OUT, '20-evaluation.png'), fullPage: true });
  // drill-down: the workload figure lists exactly its counted cases, each linking to the case
  const w = p.components.find((c) => c.id === 'workload');
  await page.click('#ev-detail a.drill[data-component="workload"]');
  await page.waitForSelector('#ev-cases-title');
  assert.match(await page.textContent('#ev-cases-title'), new RegExp(`件数 ${w.count}`));
  const rows = await page.$$eval('#ev-cases tbody tr', (r) => r.map((x) => [x.children[0].querySelector('a')?.getAttribute('href'), x.children[3].textContent]));
  assert.equal(rows.length, Math.min(50, w.count));
  assert.ok(rows.every(([href, part]) => href.startsWith('#/case/') && part === '计入件数'));
  await page.screenshot({ path: join(OUT, '20-evaluation-cases.png'), fullPage: true });
  // a case opens its timeline
  await page.click('#ev-cases tbody tr:first-child a');
  await page.waitForFunction(() => location.hash.startsWith('#/case/'));
  assert.deepEqual(problems, []);
});

test('业绩考评: a prosecutor sees only their own evaluation; an account with neither right has no link', async () => {
  await page.click('#logout');
  await loginAs(page, 'pros');
  await page.waitForSelector('a[data-page="evaluation"]:not(.hidden)');
  await page.click('a[data-page="evaluation"]');
  await page.waitForSelector('#ev-table tbody tr');
  const from = await page.inputValue('#ev-from'), to = await page.inputValue('#ev-to');
  const d = await apiGet(page, `/evaluation?from=${from}&to=${to}`);
  assert.equal(await page.$$eval('#ev-table tbody tr', (r) => r.length), 1);
  assert.equal(await page.$('#ev-unit'), null, 'no unit choice');
  const me = await apiGet(page, '/me');
  assert.equal(d.prosecutors[0].staff_id, me.user.staff_id);
  await page.waitForSelector('#ev-name');
  assert.match(await page.textContent('#ev-list'), /本人业绩考评/);
  await page.screenshot({ path: join(OUT, '20-evaluation-own.png'), fullPage: true });
  await page.click('#logout');
  await loginAs(page, 'ev_reviewer');
  assert.ok(await page.$eval('a[data-page="evaluation"]', (a) => a.classList.contains('hidden')));
  assert.deepEqual(problems, []);
});
