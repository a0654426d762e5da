// ui.test.mjs — the Chinese UI in headless Chromium: log in, the dashboard's charts render
// and show the API's numbers, drill-down reaches a case timeline, a bad bundle's rejects
// are shown. Screenshots: tests/browser/out/*.png.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASE, WORK, OUT, openBrowser } from './lib.mjs';

let br, context, page, problems;

before(async () => {
  br = await openBrowser();
  ({ context, page, problems } = br);
});

after(async () => {
  await br?.close();
});

async function apiGet(path) {
  return page.evaluate(async (p) => (await fetch('/api/v1' + p)).json(), path);
}

test('login page, wrong password, then log in', async () => {
  await page.goto(BASE + '/');
  await page.waitForSelector('#login-form');
  await page.screenshot({ path: join(OUT, '01-login.png') });
  await page.fill('#login-name', 'admin');
  await page.fill('#login-password', 'wrong-password');
  await page.press('#login-password', 'Enter');
  await page.waitForSelector('#login-error:not(.hidden)');
  assert.match(await page.textContent('#login-error'), /用户名或密码错误/);
  await page.fill('#login-name', 'admin');
  await page.fill('#login-password', 'admin-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#dash-title');
});

test('dashboard: charts render and their numbers equal the API', async () => {
  await page.waitForSelector('[data-chart="subunits"] canvas');
  const year = await page.$eval('#dash-year', (s) => s.value);
  const d = await apiGet(`/dashboard?year=${year}`);
  // key indicator cards show the API's values
  for (const k of d.key_indicators) {
    const shown = await page.textContent(`.kpi[data-id="${k.id}"] .value`);
    const want = k.value === null ? '—' : (k.value * 100).toFixed(2) + '%';
    assert.equal(shown.trim(), want, k.id);
  }
  // every chart has an ECharts instance whose data are the API's figures
  const charts = await page.$$eval('[data-chart]', (els) => els.map((el) => {
    const c = window.echarts.getInstanceByDom(el);
    return { id: el.dataset.chart, series: c ? c.getOption().series.map((s) => s.data) : null, canvas: !!el.querySelector('canvas') };
  }));
  assert.ok(charts.length >= 3 + 1 + d.key_indicators.length + 1, 'all charts present');
  for (const c of charts) assert.ok(c.series && c.canvas, `chart ${c.id} rendered`);
  const duty = charts.find((c) => c.id === 'structure-duty_structure');
  const apiDuty = d.structures[0].categories.map((cat) => cat.trend.map((t) => (t.value === null ? null : +(t.value * 100).toFixed(2))));
  assert.deepEqual(duty.series, apiDuty);
  const cr = charts.find((c) => c.id === 'case-ratio');
  assert.deepEqual(cr.series, d.case_ratios.map((r) => r.trend.map((t) => (t.value === null ? null : +t.value.toFixed(2)))));
  const sub = charts.find((c) => c.id === 'subunits');
  const first = d.subunits.indicators[0].id;
  assert.deepEqual(sub.series[0], d.subunits.units.map((u) => { const v = u.values[first].value; return v === null ? null : +v.toFixed(2); }));
  // the shares in the structure table
  const shares = await page.$$eval('[data-structure="duty_structure"] td.share', (tds) => tds.map((t) => t.textContent));
  assert.deepEqual(shares, d.structures[0].categories.map((c) => (c.share === null ? '—' : (c.share * 100).toFixed(2) + '%')));
  await page.screenshot({ path: join(OUT, '02-dashboard.png'), fullPage: true });
  await page.screenshot({ path: join(OUT, '02-dashboard-fold.png') });
});

test('drill-down from a number reaches a case timeline', async () => {
  await page.click('.kpi[data-id="non_prosecution_rate"] .value');
  await page.waitForSelector('#an-value');
  await page.waitForSelector('[data-chart="trend"] canvas');
  // the definition shown is the catalog's (data/indicators.json definition_zh), not a copy
  const cat = (await apiGet('/catalog')).indicators.find((c) => c.id === 'non_prosecution_rate');
  assert.match(cat.definition, /不起诉人数/);
  assert.ok((await page.textContent('#an-def')).startsWith(cat.definition));
  await page.screenshot({ path: join(OUT, '03-analysis.png'), fullPage: true });
  await page.click('#an-figure button[data-part="denominator"]');
  await page.waitForSelector('#drill-table tbody tr');
  const title = await page.textContent('#drill-title');
  assert.match(title, /分母构成/);
  const ids = await page.$$eval('#drill-table tbody td.mono', (t) => t.map((x) => x.textContent).filter(Boolean));
  for (const id of ids) assert.ok(/^\d{17}[\dX]$/.test(id) || /\*{8}/.test(id));
  await page.screenshot({ path: join(OUT, '04-drilldown.png'), fullPage: true });
  await page.click('#drill-table a.case-link');
  await page.waitForSelector('#timeline tbody tr');
  const rows = await page.$$eval('#timeline tbody tr', (r) => r.length);
  assert.ok(rows > 0);
  await page.screenshot({ path: join(OUT, '05-case.png'), fullPage: true });
});

// before the import test: its bad bundle (another seed) replaces rows of the same ids
test('流程监控: the prosecutor sees own overdue items; a leader the subtree by unit; an item opens the case', async () => {
  // leave the case page first: the next account must not land on another unit's case
  await page.goto(BASE + '/#/dashboard');
  await page.waitForSelector('#dash-title');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'pros_m');
  await page.fill('#login-password', 'pros_m-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#dash-title, #app .view');
  await page.goto(BASE + '/#/monitor?as_of=2025-06-30&status=red,yellow');
  await page.waitForSelector('#mo-summary');
  const mine = await apiGet('/monitor?as_of=2025-06-30&status=red,yellow&page=1&size=50');
  assert.ok(mine.items.length > 0, 'the prosecutor has overdue items: ' + JSON.stringify([mine.counts, (await apiGet('/me')).user]));
  assert.equal(await page.textContent('#mo-red'), mine.counts.red.toLocaleString('zh-CN'));
  const rows = await page.$$eval('#mo-items tbody tr', (rs) => rs.map((r) => [r.children[0].textContent, r.children[8].textContent, !!r.querySelector('.mine')]));
  assert.equal(rows.length, mine.items.length);
  rows.forEach((r, i) => {
    assert.equal(r[0], mine.items[i].case_id);
    assert.equal(r[1], mine.items[i].status_label);
    assert.ok(r[2], 'a prosecutor sees only own items, marked 本人');
  });
  await page.screenshot({ path: join(OUT, '12-monitor-prosecutor.png'), fullPage: true });

  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'leader_a');
  await page.fill('#login-password', 'leader_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#top:not(.hidden)');
  await page.goto(BASE + '/#/dashboard');
  await page.waitForSelector('[data-chart="subunits"] canvas');
  await page.click('a[data-page="monitor"]');
  await page.waitForSelector('#mo-summary');
  await page.fill('#mo-asof', '2025-06-30');
  await page.click('#mo-form button[type="submit"]');
  await page.waitForFunction(() => location.hash.includes('as_of=2025-06-30'));
  await page.waitForSelector('[data-chart="monitor-units"] canvas');
  const d = await apiGet('/monitor?as_of=2025-06-30&status=red,yellow&page=1&size=50');
  assert.ok(d.total > 0, 'the city has overdue or near-deadline items');
  const series = await page.$eval('[data-chart="monitor-units"]', (el) => window.echarts.getInstanceByDom(el).getOption().series.map((s) => s.data));
  const us = [...d.by_unit].reverse();
  assert.deepEqual(series, [us.map((u) => u.red), us.map((u) => u.yellow)]);
  assert.equal(await page.textContent('#mo-yellow'), d.counts.yellow.toLocaleString('zh-CN'));
  await page.screenshot({ path: join(OUT, '13-monitor-city.png'), fullPage: true });
  const first = await page.$eval('#mo-items tbody tr a', (a) => a.textContent);
  await page.click('#mo-items tbody tr a');
  await page.waitForFunction((id) => location.hash === '#/case/' + id, first);
  await page.waitForSelector('#case-title');
  // 案管 issues a 流程监控通知书 on the first overdue item; it is listed with its reply day
  await page.goto(BASE + '/#/dashboard');
  await page.waitForSelector('#dash-title');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'analyst_a');
  await page.fill('#login-password', 'analyst_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#top:not(.hidden)');
  await page.goto(BASE + '/#/monitor?as_of=2025-06-30&status=red');
  await page.waitForSelector('#mo-items button.issue');
  const target = await page.$eval('#mo-items tbody tr', (r) => r.children[0].textContent);
  await page.click('#mo-items button.issue');
  await page.waitForSelector('#mo-notices tbody tr');
  const ns = await apiGet('/monitor/notices');
  const issued = ns.items.find((n) => n.case_id === target);
  assert.ok(issued, 'the notice is stored');
  assert.equal(issued.reply_due, '2025-07-10');
  const shown = await page.$$eval('#mo-notices tbody tr', (rs) => rs.map((r) => r.children[0].textContent));
  assert.ok(shown.includes(issued.notice_no));
  await page.screenshot({ path: join(OUT, '14-monitor-notice.png'), fullPage: true });
  // back to the administrator for the tests that follow
  await page.goto(BASE + '/#/monitor');
  await page.waitForSelector('#mo-summary');
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'admin');
  await page.fill('#login-password', 'admin-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#top:not(.hidden)');
  await page.goto(BASE + '/#/dashboard');
  await page.waitForSelector('#dash-title');
});

test('import of a bad bundle shows the rejected rows and reasons', async () => {
  await page.goto(BASE + '/#/imports');
  await page.waitForSelector('#imp-form');
  await page.setInputFiles('#imp-file', join(WORK, 'bad.zip'));
  await page.click('#imp-submit');
  await page.waitForSelector('#issues-table tbody tr', { timeout: 60000 });
  assert.match(await page.textContent('#imp-summary'), /拒收 [1-9]/);
  const reasons = await page.$$eval('#issues-table td.reason', (t) => t.map((x) => x.textContent));
  assert.ok(reasons.length > 0 && reasons.every((r) => r.length > 3));
  // in Chinese whatever the server's locale (the API's reason; reason_en holds the English)
  assert.ok(reasons.every((r) => /[\u4e00-\u9fff]/.test(r)), reasons.slice(0, 3).join(' | '));
  await page.screenshot({ path: join(OUT, '06-import.png'), fullPage: true });
});

test('通报 page downloads the bulletin workbook of the chosen unit and period', async () => {
  await page.goto(BASE + '/#/bulletin');
  await page.waitForSelector('#b-download');
  await page.selectOption('#b-kind', 'quarter');
  const period = await page.$eval('#b-period', (s) => s.value);
  assert.match(period, /^\d{4}-Q[1-4]$/);
  const href = await page.$eval('#b-download', (a) => a.getAttribute('href'));
  assert.ok(href.includes('period=' + period), href);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#b-download')]);
  assert.match(download.suggestedFilename(), /^bulletin-U\d+-\d{4}-Q[1-4]\.xlsx$/);
  const file = join(br.dir, 'b.xlsx');
  await download.saveAs(file);
  assert.equal(readFileSync(file).subarray(0, 2).toString(), 'PK');
  await page.screenshot({ path: join(OUT, '09-bulletin.png') });
});

test('users page for admins; a leader of a city sees only its subtree', async () => {
  await page.goto(BASE + '/#/users');
  await page.waitForSelector('#user-list table');
  await page.screenshot({ path: join(OUT, '07-users.png'), fullPage: true });
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'leader_a');
  await page.fill('#login-password', 'leader_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('[data-chart="subunits"] canvas');
  const opts = await page.$$eval('#dash-unit option', (o) => o.map((x) => x.value));
  assert.ok(opts.every((v) => v.startsWith('U4701')));
  assert.ok(await page.$eval('a[data-page="users"]', (a) => a.classList.contains('hidden')));
  await page.screenshot({ path: join(OUT, '08-city-leader.png') });
});

test('刑事执行: an execution user sees the 减假暂 findings and the chart equal to the API; 巡回检察', async () => {
  // the city leader of the previous test has the capability too; log in as exec_a
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'exec_a');
  await page.fill('#login-password', 'exec_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('#dash-title');
  assert.ok(!(await page.$eval('a[data-page="execution"]', (a) => a.classList.contains('hidden'))));
  await page.click('a[data-page="execution"]');
  await page.waitForSelector('#exec-findings tbody tr');
  await page.waitForSelector('[data-chart="exec-counts"] canvas');
  const d = await apiGet('/execution/review?page=1&size=50');
  assert.ok(d.total > 0);
  const series = await page.$eval('[data-chart="exec-counts"]', (el) => window.echarts.getInstanceByDom(el).getOption().series[0].data);
  assert.deepEqual(series, [...d.counts].reverse().map((c) => c.count));
  assert.equal(await page.textContent('#ex-all'), d.all.toLocaleString('zh-CN'));
  const shown = await page.$$eval('#ex-counts tbody tr', (rows) => rows.map((r) => [r.dataset.code, r.children[1].textContent]));
  assert.deepEqual(shown, d.counts.map((c) => [c.code, c.count.toLocaleString('zh-CN')]));
  const cells = await page.$$eval('#exec-findings tbody tr', (rows) => rows.map((r) => [r.children[1].textContent, r.children[5].textContent, r.children[7].textContent, r.children[8].textContent, r.children[9].textContent]));
  assert.equal(cells.length, d.items.length);
  cells.forEach((c, i) => {
    assert.equal(c[0], d.items[i].change_id || '（整体历史）');
    assert.equal(c[1], d.items[i].category_label);
    assert.ok(c[2].includes(d.items[i].article), 'the finding cites its article');
    // expected and actual as the server's message table renders them in Chinese
    assert.equal(c[3], d.items[i].expected_msg.text);
    assert.equal(c[4], d.items[i].actual_msg.text);
  });
  assert.ok(cells.some((c) => /不早于|个月/.test(c[3])), 'the findings read in Chinese');
  await page.screenshot({ path: join(OUT, '10-execution.png') });
  await page.click('#tab-inspect');
  await page.waitForSelector('#in-coverage tbody tr');
  const st = await apiGet('/execution/stats?period=' + (await page.$eval('#in-year', (s) => s.value)));
  assert.equal((await page.textContent('.stats-line')).trim(), `${st.institutions} 所 · ${st.kinds} 类 · ${st.problems} 个问题 · ${st.rectified} 已整改`);
  assert.ok(await page.$('#in-disps tr.bad'), 'the overdue, escalated notice is highlighted');
  assert.ok(await page.$('#in-coverage tr.bad'), 'coverage gaps are flagged');
  await page.screenshot({ path: join(OUT, '11-inspections.png'), fullPage: true });
});

test('类案检索: from a case, similar documents side by side with matched phrases marked', async () => {
  const { execFileSync } = await import('node:child_process');
  // a case of the logged-in user's city (U470100) that has a judgment
  const caseId = execFileSync('sqlite3', [WORK + '/zx.db', `SELECT c.case_id FROM documents d
    JOIN cases c ON c.id = d.case_rid JOIN units u ON u.id = c.unit_rid
    WHERE u.unit_id LIKE 'U4701%' ORDER BY c.case_id LIMIT 1`]).toString().trim();
  assert.ok(caseId, 'a case with documents');
  await page.goto(BASE + '/#/case/' + encodeURIComponent(caseId));
  await page.waitForSelector('#case-similar');
  await page.click('#case-similar');
  await page.waitForSelector('#sim-results article.sim-hit');
  const hits = await page.$$eval('#sim-results article.sim-hit', (as) => as.map((a) => ({
    terms: [...a.querySelectorAll('.sim-terms mark')].map((m) => m.textContent),
    marked: [...a.querySelectorAll('.sim-text mark')].map((m) => m.textContent),
    text: a.querySelector('.sim-text').textContent,
  })));
  assert.ok(hits.length > 0 && hits.length <= 10);
  const query = await page.textContent('#sim-query-text');
  for (const x of hits) {
    assert.ok(x.terms.length >= 1);
    for (const t of x.terms) assert.ok(x.text.includes(t) && query.includes(t), t);
    assert.ok(x.marked.length >= 1, 'matched phrases highlighted in the text');
  }
  assert.match(await page.textContent('#sim-sentencing'), /量刑参考/);
  await page.screenshot({ path: join(OUT, '12-similar.png'), fullPage: true });
  // pasted facts
  await page.goto(BASE + '/#/similar');
  await page.waitForSelector('#sim-facts');
  await page.fill('#sim-facts', '被告人酒后驾驶小型轿车在道路上行驶，经检验其血液中乙醇含量为150毫克/100毫升，属醉酒驾驶机动车。');
  await page.click('#sim-go');
  await page.waitForSelector('#sim-results article.sim-hit');
  assert.match(await page.textContent('#sim-sentencing'), /危险驾驶罪/);
});

test('办案责任: a leader verifies the ledger (intact, then the edited entry named) and drills into 领导干部办案', async () => {
  const { execFileSync } = await import('node:child_process');
  const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();
  // exec_a (previous test) has neither capability: no 办案责任 link
  assert.ok(await page.$eval('a[data-page="duty"]', (a) => a.classList.contains('hidden')));
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'leader_a');
  await page.fill('#login-password', 'leader_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('a[data-page="duty"]:not(.hidden)');
  await page.click('a[data-page="duty"]');
  await page.waitForSelector('#ld-table tbody tr');
  await page.click('#ledger-verify');
  await page.waitForSelector('#ledger-intact');
  const n = sql('SELECT count(*) FROM ledger');
  assert.match(await page.textContent('#ledger-intact'), new RegExp(`账本完整：${Number(n).toLocaleString('zh-CN')} 条记录`));
  // the figures equal the API, and a number drills down to exactly its cases
  const d = await apiGet('/leaders');
  const shown = await page.$$eval('#ld-table tbody tr', (rows) => rows.map((r) => [r.dataset.key, r.children[1].textContent, r.children[2].textContent]));
  assert.deepEqual(shown, d.rows.map((r) => [r.key, r.cases.toLocaleString('zh-CN'), r.leader_cases.toLocaleString('zh-CN')]));
  const total = d.rows.at(-1);
  assert.ok(total.leader_cases > 0);
  await page.click('#ld-table tr[data-key="total"] a[data-opts="leader"]');
  await page.waitForSelector('#ld-cases table tbody tr');
  assert.equal(await page.$$eval('#ld-cases table tbody tr', (r) => r.length), total.leader_cases);
  assert.ok(await page.$$eval('#ld-cases table tbody tr', (rows) => rows.every((r) => r.textContent.includes('院领导'))));
  await page.screenshot({ path: join(OUT, '12-duty.png'), fullPage: true });
  // an event's handler changed behind the product's back: the entry is named
  const [rid, ev] = sql("SELECT e.id, e.event_id FROM events e JOIN cases c ON c.id=e.case_rid JOIN units u ON u.id=c.unit_rid WHERE u.unit_id LIKE 'U4701%' AND e.handler_rid IS NOT NULL ORDER BY e.id LIMIT 1 OFFSET 3").split('|');
  const seq = sql(`SELECT max(seq) FROM ledger WHERE tbl='events' AND rid=${rid}`);
  const old = sql(`SELECT handler_rid FROM events WHERE id=${rid}`);
  sql(`UPDATE events SET handler_rid=(SELECT min(id) FROM staff WHERE id<>${old}) WHERE id=${rid}`);
  try {
    await page.click('#ledger-verify');
    await page.waitForSelector('#ledger-broken');
    const t = await page.textContent('#ledger-broken');
    assert.match(t, new RegExp(`第 ${seq} 条（数据行被改动）`));
    assert.match(t, new RegExp(`编号 ${ev}`));
    assert.match(t, /承办人由 S\d+ 改为 S\d+/);
    await page.screenshot({ path: join(OUT, '13-ledger-broken.png') });
  } finally {
    sql(`UPDATE events SET handler_rid=${old} WHERE id=${rid}`);
  }
  // the case timeline names handler and decider with their roles and the entry's hash
  const cid = sql(`SELECT c.case_id FROM events e JOIN cases c ON c.id=e.case_rid WHERE e.id=${rid}`);
  await page.goto(BASE + '/#/case/' + cid);
  await page.waitForSelector('#timeline tbody tr');
  const cells = await page.$$eval('#timeline tbody tr', (rows) => rows.map((r) => [r.dataset.event, r.children[4].textContent, r.children[8].textContent]));
  const mine = cells.find((c) => c[0] === ev);
  assert.ok(mine, 'the event is on the timeline');
  const [hname, hrole, prefix] = sql(`SELECT s.name, v.label, lower(hex(substr(l.hash,1,6))) FROM events e JOIN staff s ON s.id=e.handler_rid JOIN vocab v ON v.vocab='staff_role' AND v.value=s.role JOIN ledger l ON l.tbl='events' AND l.rid=e.id WHERE e.id=${rid} ORDER BY l.seq DESC LIMIT 1`).split('|');
  assert.ok(mine[1].startsWith(`${hname}（${hrole}）`), mine[1]);
  assert.equal(mine[2], `#${seq} ${prefix}`);
  await page.screenshot({ path: join(OUT, '14-case-duty.png'), fullPage: true });
});

test('犯罪态势: a city leader sees its subtree by charge and month, equal to the API; every number opens its cases', async () => {
  await page.click('#logout');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', 'leader_a');
  await page.fill('#login-password', 'leader_a-pass-2024');
  await page.click('#login-submit');
  await page.waitForSelector('a[data-page="trends"]:not(.hidden)'); // the 犯罪态势 link shows
  await page.click('a[data-page="trends"]');
  await page.waitForSelector('[data-chart="trend-months"] canvas');
  await page.goto(BASE + '/#/trends?from=2019-01&to=2025-12');
  await page.waitForFunction(() => (document.querySelector('#tr-title') || {}).textContent?.includes('2019-01 至 2025-12'));
  await page.waitForSelector('[data-chart="trend-months"] canvas');
  const d = await apiGet('/trends?from=2019-01&to=2025-12');
  assert.equal(d.unit.unit_id, 'U470100');
  const opts = await page.$$eval('#tr-unit option', (o) => o.map((x) => x.value));
  assert.ok(opts.length > 1 && opts.every((v) => v.startsWith('U4701')), 'only the own subtree');
  const series = await page.$eval('[data-chart="trend-months"]', (el) => window.echarts.getInstanceByDom(el).getOption().series.map((s) => [s.name, s.data]));
  assert.deepEqual(series, d.charges.map((c) => [c.charge, c.monthly]));
  const rows = await page.$$eval('#tr-charges tbody tr', (rs) => rs.map((r) => [r.children[1].textContent, r.children[2].textContent, r.children[3].textContent]));
  assert.deepEqual(rows, d.charges.map((c) => [c.charge, c.count.toLocaleString('zh-CN'), (c.share * 100).toFixed(1) + '%']));
  assert.equal((await page.textContent('#tr-total')).replace(/[,\s件]/g, ''), String(d.total));
  if (d.anomalies.length) assert.equal((await page.$$('#tr-points li')).length, d.anomalies.length);
  else assert.ok(await page.$('#tr-none'));
  await page.screenshot({ path: join(OUT, '14-trends.png'), fullPage: true });
  // a count opens exactly its cases, and a case its timeline
  const top = d.charges[0];
  await page.click(`#tr-charges tbody tr[data-charge="${top.charge}"] a.numlink`);
  await page.waitForSelector('#tc-list tbody tr');
  assert.ok((await page.textContent('#tc-title')).includes(`${top.count.toLocaleString('zh-CN')} 件`));
  const listed = await page.$$eval('#tc-list tbody tr', (rs) => rs.map((r) => r.children[3].textContent));
  assert.equal(listed.length, Math.min(50, top.count));
  assert.ok(listed.every((c) => c === top.charge));
  await page.screenshot({ path: join(OUT, '15-trend-cases.png') });
  await page.click('#tc-list tbody tr a');
  await page.waitForSelector('#case-title');
});

test('no script errors or CSP violations in the console', () => {
  assert.deepEqual(problems, []);
});
