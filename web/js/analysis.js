// analysis.js — 指标分析: one indicator for a unit and period; definition beside the number;
// trend by year; sub-units compared; any number opens the drill-down (paged) → case timeline.
import { api, qs } from './api.js';
import { h, clear, chart, unitSelect, errorBox, pager } from './ui.js';
import { count, value, delta, dirLabel } from './fmt.js';
import { state } from './state.js';
import { definition } from './defs.js';

let catalog = null;

export async function analysis(app, params) {
  const me = state.me;
  if (!catalog) catalog = (await api('/catalog')).indicators;
  const y = me.years.default;
  const ind = params.get('ind') || 'no_arrest_rate';
  const unit = params.get('unit') || me.user.unit_id;
  const from = params.get('from') || `${y}-01-01`;
  const to = params.get('to') || `${y}-12-31`;
  const groups = { criminal: '刑事检察', other: '其他条线与综合', case_ratio: '案-件比', structure: '三个结构比' };
  const indSel = h('select', { id: 'an-ind', 'aria-label': '指标' }, Object.entries(groups).map(([g, label]) =>
    h('optgroup', { label }, catalog.filter((c) => c.group === g).map((c) => h('option', { value: c.id, selected: c.id === ind }, c.name)))));
  const unitSel = unitSelect(state.units, unit, 'an-unit');
  const fromIn = h('input', { id: 'an-from', type: 'date', value: from, 'aria-label': '起始日期' });
  const toIn = h('input', { id: 'an-to', type: 'date', value: to, 'aria-label': '截止日期' });
  const go = (extra = {}) => { location.hash = '#/analysis' + qs({ ind: indSel.value, unit: unitSel.value, from: fromIn.value, to: toIn.value, ...extra }); };
  app.append(h('form', { class: 'bar', id: 'an-form', onsubmit: (e) => { e.preventDefault(); go(); } },
    h('h1', {}, '指标分析'),
    h('label', { for: 'an-ind' }, '指标'), indSel,
    h('label', { for: 'an-unit' }, '单位'), unitSel,
    h('label', { for: 'an-from' }, '期间'), fromIn, '至', toIn,
    h('button', { type: 'submit', class: 'primary' }, '查询')));

  const byUnit = me.can.unit_figures;
  const d = await api('/indicators' + qs({ ids: ind, unit, from, to, trend: 'year', by: byUnit ? 'unit' : null }));
  const x = d.indicators[0];
  const drill = h('section', { id: 'drill', class: 'card hidden', 'aria-live': 'polite' });
  const openDrill = (u, part, page = 1) => showDrill(drill, { indicator: x.id, unit: u, from, to, part, page });
  const yo = delta(x.value, x.last_year.value, x.display, x.direction);
  const mo = delta(x.value, x.previous.value, x.display, x.direction);
  const num = (u, part, n) => h('button', { type: 'button', class: 'numlink', dataset: { part }, onclick: () => openDrill(u, part) }, count(n));
  const trendEl = h('div', { class: 'chart tall', dataset: { chart: 'trend' } });
  app.append(h('section', { class: 'grid g2' },
    h('div', { class: 'card', id: 'an-figure' },
      h('h2', {}, `${x.name} · ${d.unit.name}${d.staff ? ' · ' + d.staff.name + '（本人）' : ''}`),
      h('div', { class: 'big num', id: 'an-value' }, value(x.value, x.display)),
      h('p', { class: 'num' }, x.display === 'case_ratio' ? '件 ' : '分子 ', num(d.unit.unit_id, 'numerator', x.numerator),
        x.display === 'case_ratio' ? '　案 ' : '　分母 ', num(d.unit.unit_id, 'denominator', x.denominator)),
      h('p', { class: 'num' }, h('span', { class: 'yoy ' + yo.cls }, `同比 ${yo.text}`), '　',
        h('span', { class: 'yoy ' + mo.cls }, `环比 ${mo.text}`)),
      h('p', { class: 'muted' }, `期间 ${d.period.from} 至 ${d.period.to}；同期 ${d.last_year.from} 至 ${d.last_year.to}（${value(x.last_year.value, x.display)}）；上期 ${d.previous.from} 至 ${d.previous.to}（${value(x.previous.value, x.display)}）`),
      h('h2', {}, '指标口径'),
      h('p', { class: 'def', id: 'an-def' }, definition(x)),
      h('p', { class: 'def' }, `方向：${dirLabel(x.direction)}。分母为 0 时显示“—”。点击分子、分母数字查看构成案件与当事人。`)),
    h('div', { class: 'card' }, h('h2', {}, '历年走势'), trendEl)));
  const ratio = x.display === 'case_ratio';
  const tv = (v) => (v === null ? null : ratio ? +v.toFixed(2) : +(v * 100).toFixed(2));
  chart(trendEl, {
    animation: false, grid: { left: 50, right: 16, top: 16, bottom: 24 },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : ratio ? '1:' + v : v + '%') },
    xAxis: { type: 'category', data: x.trend.map((t) => t.label) },
    yAxis: { type: 'value', scale: true, axisLabel: { formatter: (v) => (ratio ? '1:' + v : v + '%') } },
    series: [{ type: 'line', data: x.trend.map((t) => tv(t.value)), itemStyle: { color: '#8b1a1a' }, label: { show: true, fontSize: 10, formatter: (p) => (p.value === null ? '' : ratio ? '1:' + p.value : p.value + '%') } }],
  });

  if (d.rows && d.rows.length > 1) {
    const subs = d.rows.filter((r) => !r.self);
    const el = h('div', { class: 'chart', dataset: { chart: 'compare' } });
    app.append(h('h2', {}, '下级院对比'), h('section', { class: 'grid g2' },
      h('div', { class: 'card' }, h('table', { class: 't', id: 'an-units' },
        h('thead', {}, h('tr', {}, h('th', {}, '单位'), h('th', { class: 'n' }, ratio ? '件' : '分子'), h('th', { class: 'n' }, ratio ? '案' : '分母'), h('th', { class: 'n' }, '数值'))),
        h('tbody', {}, d.rows.map((r) => {
          const f = r.values[x.id];
          return h('tr', { class: r.self ? 'sel' : null },
            h('td', {}, r.self ? `${r.name}（合计）` : h('a', { href: '#/analysis' + qs({ ind: x.id, unit: r.unit_id, from, to }) }, r.name)),
            h('td', { class: 'n' }, num(r.unit_id, 'numerator', f.numerator)),
            h('td', { class: 'n' }, num(r.unit_id, 'denominator', f.denominator)),
            h('td', { class: 'n' }, value(f.value, x.display)));
        })))),
      h('div', { class: 'card' }, el)));
    el.style.height = Math.max(170, subs.length * 22 + 30) + 'px';
    chart(el, {
      animation: false, grid: { left: 140, right: 50, top: 6, bottom: 20 },
      xAxis: { type: 'value', min: ratio ? 1 : 0 },
      yAxis: { type: 'category', inverse: true, data: subs.map((r) => r.name.replace('人民检察院', '院')) },
      series: [{ type: 'bar', barMaxWidth: 14, itemStyle: { color: '#1d4f91' }, label: { show: true, position: 'right', fontSize: 11 }, data: subs.map((r) => tv(r.values[x.id].value)) }],
    });
  }
  app.append(drill);
  if (params.get('drill')) openDrill(unit, params.get('drill'));
}

async function showDrill(box, q) {
  box.classList.remove('hidden');
  clear(box).append(h('p', { class: 'muted' }, '正在查询…'));
  let d;
  try { d = await api('/drilldown' + qs({ ...q, size: 20 })); } catch (e) { clear(box).append(errorBox(e)); return; }
  const partName = q.part === 'denominator' ? (d.indicator.display === 'case_ratio' ? '案' : '分母') : (d.indicator.display === 'case_ratio' ? '件' : '分子');
  clear(box).append(
    h('h2', { id: 'drill-title' }, `${d.indicator.name} · ${d.unit.name} · ${partName}构成（共 ${count(d.total)} 项）`),
    h('table', { class: 't', id: 'drill-table' },
      h('thead', {}, h('tr', {}, ['序号', '案件编号', '承办单位', '案由', '当事人', '身份证号', '计入事件', '日期', '结果'].map((t) => h('th', {}, t)))),
      h('tbody', {}, d.items.map((it) => h('tr', {},
        h('td', { class: 'n' }, it.no),
        h('td', {}, h('a', { href: '#/case/' + encodeURIComponent(it.case_id), class: 'case-link' }, it.case_no || it.case_id)),
        h('td', {}, it.unit_name || ''), h('td', {}, it.charge || ''),
        h('td', {}, it.person_name || ''), h('td', { class: 'mono' }, it.id_number || ''),
        h('td', {}, it.event_type || (it.counting === 'cases' ? '（案件）' : '')),
        h('td', { class: 'num' }, it.event_date || ''), h('td', {}, it.event_result || ''))))),
    pager(d.page, d.size, d.total, (p) => showDrill(box, { ...q, page: p })));
  box.scrollIntoView({ block: 'nearest' });
}
