// trends.js — 犯罪态势分析: criminal cases of the user's subtree by charge (案由) and month
// (受理日期), top charges with shares and 同比/环比, the 研判 points (months far above the
// seasonal baseline), and every number opening the cases behind it (#/trend-cases).
import { api, qs } from './api.js';
import { h, chart, unitSelect, table, pager } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

const PALETTE = ['#1d4f91', '#8b1a1a', '#c98a1a', '#3f7f5f', '#6b5b95', '#7a8793', '#2b8a9a', '#a0522d', '#556b2f', '#8a6d9e'];

function pct(v) { return v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%'; }
// a change in %: rounded to the digit shown first, so a change that rounds to nothing is 持平
// (never "-0.0%"); more cases is marked like a worse figure
function change(v) {
  if (v === null || v === undefined) return h('span', { class: 'yoy neutral' }, '—');
  const r = Math.round(v * 1000) / 10 || 0;
  if (r === 0) return h('span', { class: 'yoy neutral' }, '持平');
  return h('span', { class: 'yoy ' + (r > 0 ? 'bad' : 'good') }, (r > 0 ? '+' : '') + r.toFixed(1) + '%');
}
const casesLink = (o) => '#/trend-cases' + qs(o);

export async function trends(app, params) {
  const me = state.me;
  const y = me.years.default;
  const unit = params.get('unit') || me.user.unit_id;
  const from = params.get('from') || `${y}-01`;
  const to = params.get('to') || `${y}-12`;
  const charge = params.get('charge') || '';
  const d = await api('/trends' + qs({ unit, from, to, charge }));
  const go = (o) => { location.hash = '#/trends' + qs({ unit: d.unit.unit_id, from: d.from, to: d.to, charge: d.charge || '', ...o }); };

  const unitSel = unitSelect(state.units, d.unit.unit_id, 'tr-unit');
  const fromIn = h('input', { id: 'tr-from', type: 'month', value: d.from, 'aria-label': '起始月份' });
  const toIn = h('input', { id: 'tr-to', type: 'month', value: d.to, 'aria-label': '截止月份' });
  const chSel = h('select', { id: 'tr-charge', 'aria-label': '案由' },
    h('option', { value: '' }, '全部案由'),
    d.charges.map((c) => h('option', { value: c.charge, selected: c.charge === d.charge }, c.charge)));
  const apply = h('button', { type: 'button', class: 'primary', id: 'tr-apply' }, '查询');
  apply.addEventListener('click', () => go({ unit: unitSel.value, from: fromIn.value, to: toIn.value, charge: chSel.value }));
  unitSel.addEventListener('change', () => go({ unit: unitSel.value }));
  chSel.addEventListener('change', () => go({ charge: chSel.value }));

  const scope = { unit: d.unit.unit_id, from: d.from, to: d.to };
  app.append(h('div', { class: 'bar' },
    h('h1', { id: 'tr-title' }, `${d.unit.name} · 犯罪态势分析（${d.from} 至 ${d.to}）`),
    h('label', { for: 'tr-unit' }, '单位'), unitSel,
    h('label', { for: 'tr-from' }, '起'), fromIn, h('label', { for: 'tr-to' }, '止'), toIn,
    h('label', { for: 'tr-charge' }, '案由'), chSel, apply),
    h('p', { class: 'muted' }, '刑事案件合计 ',
      h('a', { class: 'numlink', id: 'tr-total', href: casesLink(scope) }, `${count(d.total)} 件`),
      `（${d.definition.month}；${d.definition.scope}）`));

  // 研判要点
  const list = h('ol', { id: 'tr-points', class: 'points' });
  for (const a of d.anomalies) {
    list.append(h('li', { dataset: { unit: a.unit_id, charge: a.charge, month: a.month } },
      h('span', {}, a.text, '。'),
      h('a', { class: 'numlink', href: casesLink({ unit: a.unit_id, from: a.month, to: a.month, charge: a.charge }) }, `查看 ${a.count} 件案件`)));
  }
  app.append(h('h2', {}, `研判要点（${d.anomalies.length} 条）`),
    h('section', { class: 'card' },
      d.anomalies.length ? list : h('p', { class: 'muted', id: 'tr-none' }, '所选期间没有明显高于季节基线的罪名。'),
      h('p', { class: 'def' }, d.definition.baseline, '；', d.definition.anomaly, '。系统提示仅供分析研判会商参考。')));

  // charge × month
  const el = h('div', { class: 'chart tall', dataset: { chart: 'trend-months' } });
  app.append(h('h2', {}, '主要罪名按月走势（受理件数）'), h('section', { class: 'card' },
    h('p', { class: 'muted' }, '点击图中的点查看该月该罪名的案件。'), el));
  const c = chart(el, {
    color: PALETTE, animation: false,
    grid: { left: 44, right: 16, top: 48, bottom: 24 },
    legend: { top: 0, type: 'scroll', textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', data: d.months },
    yAxis: { type: 'value', minInterval: 1 },
    series: d.charges.map((ch) => ({ name: ch.charge, type: 'line', symbolSize: 5, data: ch.monthly })),
  });
  c.on('click', (p) => {
    const ch = d.charges[p.seriesIndex];
    if (ch) location.hash = casesLink({ unit: d.unit.unit_id, from: d.months[p.dataIndex], to: d.months[p.dataIndex], charge: ch.charge });
  });

  // top charges
  app.append(h('h2', {}, '主要罪名（件数、占比、同比、环比）'), h('section', { class: 'card' },
    h('table', { class: 't', id: 'tr-charges' },
      h('thead', {}, h('tr', {}, ['排名', '案由', '件数', '占比', '上年同期', '同比', '上一期', '环比'].map((t, i) => h('th', { class: i >= 2 ? 'n' : null }, t)))),
      h('tbody', {}, d.charges.map((ch, i) => h('tr', { dataset: { charge: ch.charge } },
        h('td', {}, String(i + 1)), h('td', {}, ch.charge),
        h('td', { class: 'n' }, h('a', { class: 'numlink', href: casesLink({ ...scope, charge: ch.charge }) }, count(ch.count))),
        h('td', { class: 'n' }, pct(ch.share)),
        h('td', { class: 'n' }, count(ch.prev_year)), h('td', { class: 'n' }, change(ch.yoy)),
        h('td', { class: 'n' }, count(ch.prev_period)), h('td', { class: 'n' }, change(ch.mom)))))),
    h('p', { class: 'def' }, d.definition.share, '。', d.definition.yoy, '。', d.definition.mom, '。')));
}

// The cases behind a trends number (audited on the server).
export async function trendCases(app, params) {
  const page = +(params.get('page') || 1);
  const o = { unit: params.get('unit'), from: params.get('from'), to: params.get('to'), charge: params.get('charge') || '' };
  const d = await api('/trends/cases' + qs({ ...o, page, size: 50 }));
  const title = `${d.unit.name} · ${d.from === d.to ? d.from : d.from + ' 至 ' + d.to} · ${d.charge || '全部案由'}`;
  app.append(h('div', { class: 'bar' }, h('button', { type: 'button', onclick: () => history.back() }, '← 返回'),
    h('h1', { id: 'tc-title' }, `${title}：${count(d.total)} 件`)),
  h('p', { class: 'def' }, d.definition, '。点击受案号查看办案时间线。'),
  h('section', { class: 'card', id: 'tc-list' },
    table(['序号', '受案号', '承办单位', '案由', '受理日期', '审结日期'],
      d.items.map((c) => [String(c.no), h('a', { href: '#/case/' + encodeURIComponent(c.case_id) }, c.case_no || c.case_id),
        c.unit_name, c.charge || '（未填）', c.accepted_on, c.closed_on || '—'])),
    pager(d.page, d.size, d.total, (p) => { location.hash = '#/trend-cases' + qs({ ...o, page: p }); })));
}
