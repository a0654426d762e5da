// casebook.test.mjs — 典型案例 and 层级综合评价 in headless Chromium: a prosecutor nominates an
// own case from its page and writes it up; the city's leader (the committee) approves and
// publishes it; the case page shows the candidacy. The province opens a city's composite
// score to its items and an item to its cases. Screenshots: tests/browser/out/cb-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { WORK, OUT, openBrowser, loginAs, apiGet } from './lib.mjs';

const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();

test('a prosecutor nominates a case and the committee takes it to publication', async () => {
  const caseId = sql(`SELECT c.case_id FROM cases c JOIN staff s ON s.id = c.handler_rid
    WHERE s.staff_id = '${process.env.PSTAFF}' AND c.case_id NOT IN (SELECT case_id FROM cb_candidates) ORDER BY c.id LIMIT 1`);
  let br = await openBrowser();
  let page = br.page;
  let id;
  try {
    await loginAs(page, 'pros');
    await page.goto(`${process.env.BASE}/#/case/${caseId}`);
    await page.waitForSelector('#cb-nominate');
    await page.fill('#cb-reason', '适用认罪认罚从宽制度，释法说理充分');
    await page.click('#cb-nominate');
    await page.waitForSelector('#cb-state-badge');
    assert.equal(await page.textContent('#cb-state-badge'), '培育');
    id = decodeURIComponent(page.url().split('#/casebook/')[1]);
    await page.fill('#cb-title', '某某盗窃案——认罪认罚从宽的精准适用');
    await page.fill('#cb-facts', '2025年3月，被告人某某在某商场盗窃财物……');
    await page.fill('#cb-performance', '检察机关依法开展羁押必要性审查，提出确定刑量刑建议……');
    await page.fill('#cb-significance', '体现少捕慎诉慎押刑事司法政策……');
    await page.fill('#cb-legal_basis', '《中华人民共和国刑事诉讼法》第十五条');
    await page.click('#cb-write-go');
    await page.waitForFunction(() => document.querySelector('#cb-state-badge')?.textContent === '编写');
    await page.click('#cb-submit-go');
    await page.waitForFunction(() => document.querySelector('#cb-state-badge')?.textContent === '审查');
    assert.equal(await page.$('#cb-approve-go'), null, 'a prosecutor has no committee buttons');
    await page.screenshot({ path: join(OUT, 'cb-1-submitted.png'), fullPage: true });
    assert.deepEqual(br.problems, []);
  } finally { await br.close(); }

  br = await openBrowser();
  page = br.page;
  try {
    await loginAs(page, 'leader_a');
    await page.goto(`${process.env.BASE}/#/casebook/${encodeURIComponent(id)}`);
    await page.waitForSelector('#cb-approve-go');
    await page.fill('#cb-opinion', '事实清楚，典型意义突出，同意发布');
    await page.click('#cb-approve-go');
    await page.waitForFunction(() => document.querySelector('#cb-state-badge')?.textContent === '审查通过');
    await page.selectOption('#cb-level', 'city');
    await page.fill('#cb-date', '2025-12-01');
    await page.click('#cb-publish-go');
    await page.waitForFunction(() => document.querySelector('#cb-state-badge')?.textContent === '已发布');
    await page.screenshot({ path: join(OUT, 'cb-2-published.png'), fullPage: true });
    const c = await apiGet(page, '/casebook/' + encodeURIComponent(id));
    assert.equal(c.level, 'city');
    assert.equal(c.published_on, '2025-12-01');
    assert.deepEqual(c.steps.map((s) => s.act), ['nominate', 'write', 'write', 'submit', 'approve', 'publish']);
    // the case page shows the candidacy and its acts
    await page.goto(`${process.env.BASE}/#/case/${caseId}`);
    await page.waitForSelector('#case-casebook');
    assert.match(await page.textContent('#case-casebook'), /已发布/);
    // the list finds it among the published cases
    await page.goto(`${process.env.BASE}/#/casebook?state=published&keyword=${encodeURIComponent('认罪认罚')}`);
    await page.waitForSelector('#cb-list');
    assert.match(await page.textContent('#cb-list'), new RegExp(id));
    await page.screenshot({ path: join(OUT, 'cb-3-list.png'), fullPage: true });
    assert.deepEqual(br.problems, []);
  } finally { await br.close(); }
});

test('the province opens a city\'s composite score down to its cases', async () => {
  const br = await openBrowser();
  const page = br.page;
  try {
    await loginAs(page, 'analyst');
    await page.goto(`${process.env.BASE}/#/appraise`);
    await page.waitForSelector('#ap-table');
    const year = await page.$eval('#ap-year', (s) => s.value);
    const d = await apiGet(page, `/appraise?year=${year}`);
    const city = d.units.find((u) => u.unit_id === 'U470100');
    const cell = await page.$eval('#ap-table tr[data-unit="U470100"] td:nth-child(2)', (td) => td.textContent);
    assert.equal(cell, city.total === null ? '—' : city.total.toFixed(1));
    await page.screenshot({ path: join(OUT, 'cb-4-appraise.png'), fullPage: true });
    await page.click('#ap-table tr[data-unit="U470100"] .ap-open');
    await page.waitForSelector('#ap-items:not(.hidden)');
    assert.equal(await page.$$eval('#ap-items tbody tr', (rs) => rs.length), city.items.length);
    // enter a subjective score with its reason
    const idx = city.items.findIndex((i) => i.id === 'team_building');
    await page.fill(`#ap-items tbody tr:nth-child(${idx + 1}) .ap-score`, '88');
    await page.fill(`#ap-items tbody tr:nth-child(${idx + 1}) .ap-reason`, '党建工作扎实');
    await page.click(`#ap-items tbody tr:nth-child(${idx + 1}) .ap-enter`);
    await page.waitForFunction(() => /党建工作扎实/.test(document.querySelector('#ap-items')?.textContent || ''));
    await page.screenshot({ path: join(OUT, 'cb-5-items.png'), fullPage: true });
    // an indicator item opens the indicator drill-down: exactly its cases
    const item = city.items.find((i) => i.kind === 'indicator' && i.numerator > 0);
    const n = city.items.indexOf(item);
    await page.click(`#ap-items tbody tr:nth-child(${n + 1}) a.ap-drill`);
    await page.waitForSelector('#drill-table');
    assert.match(await page.textContent('#drill-title'), new RegExp(`共 ${item.numerator} 项`));
    await page.screenshot({ path: join(OUT, 'cb-6-cases.png'), fullPage: true });
    assert.deepEqual(br.problems, []);
  } finally { await br.close(); }
});
