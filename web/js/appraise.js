// appraise.js — 层级综合评价: the units below the chosen unit × the facets (主观/客观评价,
// 检察业务/管理, 静态考评/动态监测), this year and last; a unit opens to its items, a computed
// item to its cases (the indicator drill-down, the typical cases, the 流程监控通知书); the
// evaluating unit enters its own scores with their reasons. No rank unless ranking is on.
import { api, qs } from './api.js';
import { h, clear, errorBox, table, chart, unitSelect } from './ui.js';
import { state } from './state.js';

const FACETS = [['subjective', '主观评价'], ['objective', '客观评价'], ['business', '检察业务'], ['management', '检察管理'], ['static', '静态考评'], ['dynamic', '动态监测']];
const f1 = (v) => (v === null || v === undefined ? '—' : v.toFixed(1));

function delta(now, prev) {
  if (now === null || prev === null || now === undefined || prev === undefined) return h('span', { class: 'muted' }, '—');
  const d = now - prev;
  return h('span', { class: d > 0 ? 'ap-up' : d < 0 ? 'ap-down' : '' }, `${d > 0 ? '+' : ''}${d.toFixed(1)}`);
}

export async function appraise(app, params) {
  const me = state.me;
  const units = state.units.filter((u) => u.subunits > 0);
  const unit = params.get('unit') || me.user.unit_id;
  const year = Number(params.get('year') || me.years.default);
  const uSel = unitSelect(units.length ? units : state.units, unit, 'ap-unit');
  const ySel = h('select', { id: 'ap-year', 'aria-label': '年度' });
  for (let y = me.years.last; y >= me.years.first; y--) ySel.append(h('option', { value: y, selected: y === year }, `${y}年`));
  const go = () => { location.hash = '#/appraise' + qs({ unit: uSel.value, year: ySel.value }); };
  uSel.addEventListener('change', go);
  ySel.addEventListener('change', go);
  const d = await api('/appraise' + qs({ unit, year }));
  const items = h('section', { class: 'card hidden', id: 'ap-items', 'aria-live': 'polite' });
  const rows = d.units.map((u) => h('tr', { dataset: { unit: u.unit_id }, onclick: (ev) => {
    for (const tr of ev.currentTarget.parentNode.children) tr.classList.remove('sel');
    ev.currentTarget.classList.add('sel');
    showItems(items, d, u, year);
  } },
  h('td', {}, h('button', { type: 'button', class: 'link ap-open' }, u.name)),
  h('td', { class: 'n' }, h('strong', {}, f1(u.total))),
  FACETS.map(([k]) => h('td', { class: 'n' }, f1(u.facets[k]))),
  h('td', { class: 'n' }, f1(u.previous_total)), h('td', { class: 'n' }, delta(u.total, u.previous_total)),
  d.ranking ? h('td', { class: 'n' }, u.rank ?? '—') : null));
  const chartBox = h('div', { class: 'chart tall', id: 'ap-chart' });
  app.append(...[h('h1', {}, '层级综合评价'),
    h('p', { class: 'muted' }, `${d.evaluator_name}对下级院的综合评价：主观评价与客观评价、检察业务与检察管理、静态考评与动态监测相融合（天津做法）。${d.note_zh}。点击单位查看评价项目，计算项可穿透到案件。`),
    h('div', { class: 'bar card' }, h('label', { for: 'ap-unit' }, '评价单位'), uSel, h('label', { for: 'ap-year' }, '年度'), ySel),
    d.units.length ? h('section', { class: 'card' }, h('table', { class: 't', id: 'ap-table' },
      h('thead', {}, h('tr', {}, ['被评价单位', '综合', ...FACETS.map(([, t]) => t), `${year - 1}年综合`, '同比', ...(d.ranking ? ['排名'] : [])].map((t, i) => h('th', { class: i ? 'n' : null }, t)))),
      h('tbody', {}, rows))) : h('p', { class: 'muted card' }, '该单位没有下级单位。'),
    d.units.length ? h('section', { class: 'card' }, h('h2', {}, '综合得分同比'), chartBox) : null,
    items].filter(Boolean));
  if (d.units.length) {
    chart(chartBox, {
      tooltip: { trigger: 'axis' }, legend: { data: [`${year - 1}年`, `${year}年`] },
      xAxis: { type: 'category', data: d.units.map((u) => u.name) }, yAxis: { type: 'value', max: 100 },
      series: [{ name: `${year - 1}年`, type: 'bar', data: d.units.map((u) => u.previous_total) },
        { name: `${year}年`, type: 'bar', data: d.units.map((u) => u.total) }],
    });
  }
  const open = params.get('open');
  if (open) rows.find((r) => r.dataset.unit === open)?.click();
}

function facetOf(i) {
  return `${i.subjective ? '主观' : '客观'} · ${i.area === 'management' ? '管理' : '业务'} · ${i.mode === 'dynamic' ? '动态' : '静态'}`;
}

function valueOf(i) {
  if (i.kind === 'entered') return i.value === null ? '未录入' : `${i.value}`;
  if (i.value === null) return '无数据';
  if (i.kind === 'casebook') return `${i.numerator} 件`;
  return `${i.numerator}/${i.denominator}（${i.indicator && /ratio/.test(i.indicator) ? i.value.toFixed(2) : (i.value * 100).toFixed(1) + '%'}）`;
}

function showItems(box, d, u, year) {
  const cases = h('div', { id: 'ap-cases' });
  const msg = h('div', { 'aria-live': 'polite' });
  const rows = u.items.map((i) => {
    let action = '';
    if (i.kind === 'indicator' && i.value !== null) {
      action = h('a', { class: 'ap-drill', href: '#/analysis' + qs({ ind: i.indicator, unit: u.unit_id, from: `${year}-01-01`, to: `${year}-12-31`, drill: 'numerator' }) }, '查看案件');
    } else if (i.kind === 'casebook' || i.kind === 'notices') {
      action = h('button', { type: 'button', class: 'link ap-drill', onclick: () => listCases(cases, u, i, year) }, '查看');
    } else if (i.kind === 'entered' && d.can_enter) {
      const sc = h('input', { type: 'number', min: 0, max: 100, step: 1, class: 'ap-score', 'aria-label': '分值', value: i.value ?? '' });
      const rs = h('input', { class: 'ap-reason', 'aria-label': '理由', placeholder: '评分理由', value: i.entry ? i.entry.reason : '' });
      action = h('span', {}, sc, rs, h('button', { type: 'button', class: 'ap-enter', onclick: async () => {
        try {
          await api('/appraise/entries', { method: 'POST', body: { unit: u.unit_id, year, item: i.id, score: Number(sc.value), reason: rs.value } });
          location.hash = '#/appraise' + qs({ unit: d.evaluator, year, open: u.unit_id, t: Date.now() });
        } catch (e) { clear(msg).append(errorBox(e)); }
      } }, '录入'));
    }
    return [i.name_zh, facetOf(i), i.weight, valueOf(i), f1(i.score), f1(i.previous_score),
      i.entry ? `${i.entry.reason}（${i.entry.entered_by}）` : (i.basis_zh || ''), action];
  });
  clear(box).append(h('h2', { id: 'ap-items-title' }, `${u.name} · 评价项目（综合 ${f1(u.total)}）`),
    h('div', { class: 'bar' }, FACETS.map(([k, t]) => h('span', { class: 'badge' }, `${t} ${f1(u.facets[k])}（上年 ${f1(u.previous_facets[k])}）`))),
    msg, table(['项目', '维度', '权重', '数值', '得分', '上年', '依据 / 理由', ''], rows, { numeric: [2, 4, 5] }), cases);
  box.classList.remove('hidden');
  box.scrollIntoView({ block: 'start' });
}

async function listCases(box, u, i, year) {
  let r;
  try { r = await api('/appraise/cases' + qs({ unit: u.unit_id, item: i.id, year })); } catch (e) { clear(box).append(errorBox(e)); return; }
  const list = r.candidates
    ? table(['候选编号', '案件', '状态', '标题'], r.candidates.map((c) => [h('a', { href: '#/casebook/' + encodeURIComponent(c.cand_id) }, c.cand_id),
      h('a', { href: '#/case/' + encodeURIComponent(c.case_id) }, c.case_id), c.state_zh, c.title || c.reason]))
    : table(['通知书', '案件', '单位', '发出', '回复期限', '回复'], r.notices.map((n) => [n.notice_no,
      h('a', { href: '#/case/' + encodeURIComponent(n.case_id) }, n.case_id), n.unit_id, n.issued_on, n.reply_due, n.replied_on || '未回复']));
  clear(box).append(h('h3', {}, `${r.name_zh}：${u.name}`), list);
}
