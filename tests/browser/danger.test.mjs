// danger.test.mjs — 社会危险性评估 in the browser: the persons list and the calibration
// report equal the API; a person's score opens to its reasons; the case page links each
// person under 审查逮捕 to their score; a prosecutor sees the list without the report; the
// sealed-records page asks for a reason. Screenshots in tests/browser/out/.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';

import { BASE, OUT, openBrowser, loginAs, apiGet } from './lib.mjs';

let B;
before(async () => { mkdirSync(OUT, { recursive: true }); B = await openBrowser(); });
after(async () => { if (B) await B.close(); });

test('the report page: bands and the fairness table equal the API', async () => {
  const { page, problems } = B;
  await loginAs(page, 'leader_a');
  await page.goto(BASE + '/#/danger?from=2019-01-01&to=2025-12-31');
  await page.waitForSelector('#danger-fairness table.fair');
  const api = await apiGet(page, '/danger/report?from=2019-01-01&to=2025-12-31');
  const bandRows = await page.$$eval('#danger-bands table tbody tr', (rs) => rs.map((r) => [...r.cells].map((c) => c.textContent)));
  assert.equal(bandRows.length, api.bands.length);
  bandRows.forEach((r, i) => assert.equal(Number(r[1].replace(/,/g, '')), api.bands[i].n));
  const loc = api.fairness.find((f) => f.dimension === 'locality');
  const shown = await page.$$eval('table.fair[data-dimension="locality"] tbody tr', (rs) => rs.map((r) => [r.dataset.group, r.querySelector('.gap').textContent]));
  assert.deepEqual(shown.map((x) => x[0]), loc.groups.filter((g) => g.n > 0).map((g) => g.code));
  const nl = loc.groups.find((g) => g.code === 'non_local');
  if (nl && nl.gap_vs_reference !== null) {
    const cell = shown.find((x) => x[0] === 'non_local')[1];
    assert.equal(Number(cell), Number((nl.gap_vs_reference * 100).toFixed(1)));
  }
  await page.waitForSelector('#danger-chart canvas');
  await page.screenshot({ path: join(OUT, 'danger-report.png'), fullPage: true });
  assert.deepEqual(problems, []);
});

test('a person opens to the fact behind every point; the case page links to it', async () => {
  const { page, problems } = B;
  const first = await page.$eval('#danger-recent a.person-link', (a) => a.closest('tr').dataset.person);
  await page.click('#danger-recent a.person-link');
  await page.waitForSelector('#danger-title');
  const api = await apiGet(page, '/danger/score?person=' + encodeURIComponent(first));
  const a = api.assessments[0];
  assert.equal(await page.$eval('#danger-score', (e) => e.textContent), `总分 ${a.score}`);
  assert.equal(await page.$$eval('.danger-card table.reasons tbody tr', (rs) => rs.length).catch(() => 0), a.reasons.length);
  await page.screenshot({ path: join(OUT, 'danger-person.png'), fullPage: true });
  await page.goto(BASE + '/#/case/' + encodeURIComponent(a.case_id));
  await page.waitForSelector(`a.danger-link[data-person="${first}"]`);
  await page.click(`a.danger-link[data-person="${first}"]`);
  await page.waitForSelector('#danger-title');
  assert.deepEqual(problems, []);
});

test('a prosecutor sees own persons and no report; the sealed page needs a reason', async () => {
  const { page, problems } = B;
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await loginAs(page, 'pros_m');
  await page.goto(BASE + '/#/danger?from=2015-01-01&to=2026-12-31');
  await page.waitForSelector('#danger-recent');
  assert.equal(await page.$('#danger-fairness'), null);
  assert.equal(await page.$eval('a[data-page="sealed"]', (a) => a.classList.contains('hidden')), true);
  await page.screenshot({ path: join(OUT, 'danger-prosecutor.png'), fullPage: true });
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await loginAs(page, 'leader_a');
  await page.goto(BASE + '/#/sealed');
  await page.waitForSelector('#sealed-form');
  await page.fill('#sealed-reason', '核实前科（浏览器测试）');
  await page.click('#sealed-form button');
  await page.waitForSelector('#sealed-result p');
  assert.match(await page.textContent('#sealed-result'), /审计日志/);
  assert.deepEqual(problems, []);
});
