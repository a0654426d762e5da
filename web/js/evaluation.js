// evaluation.js — 业绩考评 (检察官业绩考评, 高检发〔2020〕7号): each prosecutor of a unit's
// subtree in 质量 / 效率 / 效果, the components with their definitions, rules and weights, and
// every figure opening to the cases behind it. A prosecutor sees only their own evaluation.
// Ranks appear only when a leader turned ranking on (一取消三不再). Scoping, capability and
// auditing are the server's; this page only shows what it answers.
import { api, qs } from './api.js';
import { h, table, unitSelect, chart, pager } from './ui.js';
import { state } from './state.js';

const DIMS = [['quality', '质量'], ['efficiency', '效率'], ['effect', '效果']];
const sc = (v) => (v === null || v === undefined ? '—' : v.toFixed(2));
const fig = (v) => (Number.isInteger(v) ? String(v) : v.toFixed(2));

export async function evaluation(app, params) {
  const y = state.me.years.default;
  const own = !state.me.can.evaluation;
  const q = {
    unit: own ? '' : params.get('unit') || state.me.user.unit_id,
    from: params.get('from') || `${y}-01-01`,
    to: params.get('to') || `${y}-12-31`,
  };
  const d = await api('/evaluation' + qs(q));
  app.append(h('h1', {}, '业绩考评'),
    h('p', { class: 'muted' }, '检察官业绩考评（高检发〔2020〕7号《关于开展检察官业绩考评工作的若干规定》）按质量、效率、效果三个维度计分；'
      + '每项得分 0–100，点击件数可查看背后的案件。', h('br'), d.weights_note));
  const from = h('input', { type: 'date', id: 'ev-from', 'aria-label': '考评期起', value: d.from });
  const to = h('input', { type: 'date', id: 'ev-to', 'aria-label': '考评期止', value: d.to });
  const unitSel = own ? null : unitSelect(state.units, d.unit_id, 'ev-unit');
  const form = h('form', { class: 'bar card', id: 'ev-form' },
    own ? null : h('label', { for: 'ev-unit' }, '单位'), unitSel,
    h('label', { for: 'ev-from' }, '考评期'), from, h('span', { class: 'muted' }, '至'), to,
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    d.can_set_ranking ? rankingButton(d) : null);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/evaluation' + qs({ unit: unitSel ? unitSel.value : '', from: from.value, to: to.value });
  });
  app.append(form);
  const detail = h('section', { class: 'card', id: 'ev-detail' });
  const cases = h('section', { id: 'ev-cases' });
  const weights = d.dimensions.map((x) => `${x.name} ${x.weight}`).join('、');
  const list = h('section', { class: 'card', id: 'ev-list' },
    h('h2', {}, own ? '本人业绩考评' : `${d.unit_name}（含下级院）检察官业绩考评`),
    h('p', { class: 'muted' }, `${d.from} 至 ${d.to}；维度权重 ${weights}（本系统默认，可配置）。`
      + (d.ranking ? '本单位已开启排名。' : '不排名（一取消三不再；由院领导开启后显示名次）。')),
    d.prosecutors.length ? prosecutorTable(d, (p) => showDetail(detail, cases, d, q, p))
      : h('p', { class: 'muted', id: 'ev-empty' }, '考评期内没有计入事项的检察官。'));
  app.append(list, detail, cases);
  const pick = params.get('staff') ? d.prosecutors.find((p) => p.staff_id === params.get('staff')) : null;
  if (pick || own || d.prosecutors.length) showDetail(detail, cases, d, q, pick || d.prosecutors[0], params.get('component'));
}

function rankingButton(d) {
  const b = h('button', { type: 'button', id: 'ev-ranking' }, d.ranking ? '关闭排名' : '开启排名');
  b.addEventListener('click', async () => {
    b.disabled = true;
    try {
      await api('/evaluation/ranking', { method: 'POST', body: { unit: d.unit_id, on: !d.ranking } });
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    } finally {
      b.disabled = false;
    }
  });
  return b;
}

function prosecutorTable(d, open) {
  const head = [...(d.ranking ? ['名次'] : []), '检察官', '单位', '总分', '质量', '效率', '效果'];
  const rows = d.prosecutors.map((p) => [
    ...(d.ranking ? [p.rank === null ? '—' : String(p.rank)] : []),
    h('a', { href: '#', class: 'ev-open', dataset: { staff: p.staff_id }, onclick: (e) => { e.preventDefault(); open(p); } }, p.name || p.staff_id),
    p.unit_name, sc(p.total), ...DIMS.map(([k]) => sc(p.dimensions[k]))]);
  const n = d.ranking ? 1 : 0;
  const t = table(head, rows, { numeric: [n + 2, n + 3, n + 4, n + 5] });
  t.id = 'ev-table';
  return t;
}

function showDetail(detail, cases, d, q, p, component) {
  cases.replaceChildren();
  const chartEl = h('div', { class: 'chart', id: 'ev-chart' });
  const dims = DIMS.map(([k, name]) => {
    const comps = d.components.map((c, i) => ({ c, f: p.components[i] })).filter((x) => x.c.enabled && x.c.dimension === k);
    return h('div', { class: 'ev-dim', dataset: { dim: k } },
      h('h3', {}, `${name}：${p.dimensions[k] === null ? '无数据' : sc(p.dimensions[k]) + ' 分'}`, h('span', { class: 'muted' }, `（权重 ${d.dimensions.find((x) => x.id === k).weight}）`)),
      table(['考评项', '方向', '权重', '件数', '基数', '值', '得分'],
        comps.map(({ c, f }) => [
          h('div', {}, h('strong', {}, c.name), h('div', { class: 'def' }, c.definition), h('div', { class: 'def' }, '计分：' + c.rule)),
          c.direction, String(c.weight),
          f.count || f.base || f.sum
            ? h('a', { href: '#', class: 'num drill', dataset: { component: c.id }, onclick: (e) => { e.preventDefault(); showCases(cases, q, p, c, 1); } }, fig(f.count))
            : '0',
          fig(f.base), c.normalisation === 'rate' ? (f.base ? (100 * f.count / f.base).toFixed(2) + '%' : '—') : fig(f.sum), sc(f.score)]),
        { numeric: [2, 3, 4, 5, 6] }));
  });
  const planned = d.components.filter((c) => !c.enabled);
  detail.replaceChildren(
    h('h2', { id: 'ev-name' }, `${p.name}（${p.unit_name}）`),
    h('div', { class: 'grid g-side' },
      h('div', {}, h('div', { class: 'big', id: 'ev-total' }, sc(p.total)), h('div', { class: 'muted' }, '总分（有得分的维度按权重加权平均）'),
        p.rank ? h('div', {}, `名次：${p.rank}`) : null),
      chartEl),
    ...dims,
    planned.length ? h('p', { class: 'muted' }, '待接入（未启用）：' + planned.map((c) => `${c.name}（${c.definition}）`).join('；')) : null);
  if (window.echarts) {
    chart(chartEl, {
      grid: { left: 40, right: 20, top: 20, bottom: 24 },
      xAxis: { type: 'category', data: DIMS.map(([, n]) => n) },
      yAxis: { type: 'value', min: 0, max: 100 },
      series: [{ type: 'bar', barWidth: 36, data: DIMS.map(([k]) => p.dimensions[k]), label: { show: true, position: 'top', formatter: (x) => sc(x.value) } }],
    });
  }
  if (component) {
    const c = d.components.find((x) => x.id === component);
    if (c) showCases(cases, q, p, c, 1);
  }
}

async function showCases(box, q, p, c, page) {
  const size = 50;
  const d = await api('/evaluation/cases' + qs({ ...q, staff: p.staff_id, component: c.id, page, size }));
  box.replaceChildren(h('div', { class: 'card' },
    h('h3', { id: 'ev-cases-title' }, `${p.name}：${c.name}（件数 ${fig(d.count)}，基数 ${fig(d.base)}，值 ${fig(d.sum)}）`),
    h('p', { class: 'def' }, c.definition),
    table(['案件', '承办单位', '案由', '计入', '日期', '权重', '事项'],
      d.items.map((x) => [x.case_id ? h('a', { href: '#/case/' + encodeURIComponent(x.case_id) }, x.case_no || x.case_id) : '—',
        x.unit_name || '', x.charge || '', x.part === 'counted' ? '计入件数' : '仅计基数', x.date || '', fig(x.weight), x.what]),
      { numeric: [5] }),
    pager(page, size, d.total_items, (n) => showCases(box, q, p, c, n))));
  box.scrollIntoView({ block: 'start' });
}
