// leads.test.mjs — 大数据法律监督 in the browser, as a user does it: upload the pension
// payments (CSV and schema) on 数据集 and see the rejected rows, run 服刑人员违规领取养老金 on
// 监督模型, open a lead on 线索 with its evidence side by side, assign and verify it (核查) and
// turn it into a 检察建议 case; the case and its event are in the database and the lead's
// steps in the ledger. Screenshots in tests/browser/out/leads-*.png.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BASE, WORK, OUT, openBrowser, loginAs } from './lib.mjs';

const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();
const DS = WORK + '/dsb/datasets';

test('upload a dataset, run a model, verify a lead, turn it into a 检察建议 case', async () => {
  const { page, problems, close } = await openBrowser();
  try {
    await loginAs(page, 'exec_root');
    assert.ok(await page.isVisible('#nav a[data-page="leads"]'), 'the 线索 menu entry');
    // 数据集: upload the CSV and its schema
    await page.goto(BASE + '/#/datasets');
    await page.waitForSelector('#ds-form');
    await page.setInputFiles('#ds-csv', `${DS}/pension_payments.csv`);
    await page.setInputFiles('#ds-schema', `${DS}/pension_payments.schema.json`);
    await page.click('#ds-submit');
    await page.waitForSelector('#ds-msg .ok');
    const okText = await page.textContent('#ds-msg');
    assert.match(okText, /第 1 版/);
    assert.match(okText, /拒收 2 行/);
    await page.waitForSelector('#ds-rejects table');
    const rej = await page.textContent('#ds-rejects');
    assert.match(rej, /发放月份/);
    assert.match(rej, /公民身份号码/);
    await page.screenshot({ path: join(OUT, 'leads-1-datasets.png'), fullPage: true });
    // 监督模型: run the pension model
    await page.goto(BASE + '/#/models');
    await page.waitForSelector('#mdl-pension_in_custody');
    assert.ok((await page.$$('.mdl')).length >= 8, 'the shipped models');
    await page.click('#mdl-pension_in_custody .mdl-run');
    await page.waitForSelector('#mdl-result');
    const want = readFileSync(`${DS}/manifest.csv`, 'utf8').split('\n').filter((l) => l.startsWith('pension_in_custody,')).length;
    assert.match(await page.textContent('#mdl-result'), new RegExp(`命中 ${want} 条`));
    await page.screenshot({ path: join(OUT, 'leads-2-models.png'), fullPage: true });
    // 线索: the list, then one lead
    await page.click('#mdl-leads');
    await page.waitForSelector('.ld-link');
    assert.equal(await page.textContent('#ld-n-new'), String(want));
    await page.screenshot({ path: join(OUT, 'leads-3-list.png'), fullPage: true });
    const leadId = (await page.textContent('.ld-link')).trim();
    await page.click('.ld-link');
    await page.waitForSelector('#lead-evidence .ev');
    assert.ok((await page.$$('#lead-evidence .ev')).length >= 2, 'evidence of both sources side by side');
    await page.screenshot({ path: join(OUT, 'leads-4-lead.png'), fullPage: true });
    // assign to a prosecutor of the lead's unit, verify, turn into a case
    const unit = sql(`SELECT unit_id FROM leads WHERE lead_id='${leadId}'`);
    const staff = sql(`SELECT s.staff_id FROM staff s JOIN units u ON u.id=s.unit_rid WHERE u.unit_id='${unit}' ORDER BY s.id LIMIT 1`);
    // acts dated inside the generated data's years, so the other pages' default year stays
    await page.fill('#lead-date', '2025-12-30');
    await page.fill('#lead-staff', staff);
    await page.click('#lead-assign button');
    await page.waitForSelector('#lead-verify');
    await page.fill('#lead-date', '2025-12-30');
    await page.selectOption('#lead-findingsel', 'confirmed');
    await page.fill('#lead-notes', '经调取人社部门发放凭证并询问经办人，服刑期间发放属实。');
    await page.fill('#lead-attach', '养老金发放凭证 3 页；询问笔录 1 份');
    await page.click('#lead-verify button');
    await page.waitForSelector('#lead-tocase');
    await page.fill('#lead-date', '2025-12-30');
    assert.match(await page.textContent('#lead-finding'), /属实/);
    await page.selectOption('#lead-event', 'suggestion');
    await page.selectOption('#lead-result', 'social_governance');
    await page.click('#lead-tocase button');
    await page.waitForSelector('#lead-case');
    assert.match(await page.textContent('#lead-status'), /已成案/);
    await page.screenshot({ path: join(OUT, 'leads-5-case.png'), fullPage: true });
    const caseId = sql(`SELECT case_id FROM leads WHERE lead_id='${leadId}'`);
    assert.ok(caseId.startsWith('XSA-'));
    assert.equal(sql(`SELECT type||','||result FROM v_events WHERE case_id='${caseId}'`), 'suggestion,social_governance');
    assert.ok(Number(sql(`SELECT COUNT(*) FROM ledger WHERE tbl='leads'`)) >= want + 3);
    assert.deepEqual(problems, []);
  } finally {
    await close();
  }
});
