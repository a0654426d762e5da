// dashboard.js — 首页: 三个结构比, 案-件比 by line, key criminal indicators, sub-units compared.
import { api, qs } from './api.js';
import { h, chart, unitSelect } from './ui.js';
import { count, value, delta, dirLabel } from './fmt.js';
import { state } from './state.js';

const PALETTE = ['#1d4f91', '#8b1a1a', '#c98a1a', '#3f7f5f', '#6b5b95', '#7a8793'];

function pct(v) { return v === null ? null : +(v * 100).toFixed(2); }

export async function dashboard(app, params) {
  const me = state.me;
  const unit = params.get('unit') || me.user.unit_id;
  const year = params.get('year') || me.years.default;
  const d = await api('/dashboard' + qs({ unit, year }));
  const go = (u, y) => { location.hash = '#/dashboard' + qs({ unit: u, year: y }); };
  const unitSel = unitSelect(state.units, d.unit.unit_id, 'dash-unit');
  unitSel.addEventListener('change', () => go(unitSel.value, d.year));
  const yearSel = h('select', { id: 'dash-year', 'aria-label': '年度' },
    d.years.map((y) => h('option', { value: y, selected: y === d.year }, `${y}年`)));
  yearSel.addEventListener('change', () => go(d.unit.unit_id, yearSel.value));
  const from = `${d.year}-01-01`, to = `${d.year}-12-31`;
  const link = (id, u = d.unit.unit_id) => '#/analysis' + qs({ ind: id, unit: u, from, to });

  app.append(h('div', { class: 'bar' },
    h('h1', { id: 'dash-title' }, `${d.unit.name} · ${d.year}年 业务质效概览`),
    h('label', { for: 'dash-unit' }, '单位'), unitSel,
    h('label', { for: 'dash-year' }, '年度'), yearSel,
    d.staff_id ? h('span', { class: 'badge' }, '仅本人办理案件') : null));

  // 三个结构比
  const sgrid = h('section', { class: 'grid g3', 'aria-label': '三个结构比' });
  app.append(h('h2', {}, '三个结构比（按受理案件）'), sgrid);
  for (const s of d.structures) {
    const el = h('div', { class: 'chart', dataset: { chart: 'structure-' + s.id } });
    sgrid.append(h('div', { class: 'card', dataset: { structure: s.id } },
      h('h2', {}, `${s.name}（共 ${count(s.total)} 件）`),
      h('table', { class: 't' },
        h('thead', {}, h('tr', {}, h('th', {}, '类别'), h('th', { class: 'n' }, '件数'), h('th', { class: 'n' }, '占比'))),
        h('tbody', {}, s.categories.map((c) => h('tr', { dataset: { id: c.id } },
          h('td', {}, c.name), h('td', { class: 'n' }, count(c.count)),
          h('td', { class: 'n share' }, value(c.share, 'share')))))),
      el));
    chart(el, {
      color: PALETTE, animation: false,
      grid: { left: 46, right: 8, top: 24, bottom: 20 },
      legend: { top: 0, itemWidth: 10, itemHeight: 8, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : v + '%') },
      xAxis: { type: 'category', data: d.years.map(String) },
      yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
      series: s.categories.map((c) => ({ name: c.name, type: 'bar', stack: 's', barWidth: '55%', data: c.trend.map((t) => pct(t.value)) })),
    });
  }

  // 案-件比 by line
  const crChart = h('div', { class: 'chart', dataset: { chart: 'case-ratio' } });
  app.append(h('h2', {}, '案-件比（按条线，审结案件）'), h('section', { class: 'grid g2' },
    h('div', { class: 'card' }, h('table', { class: 't', id: 'case-ratio-table' },
      h('thead', {}, h('tr', {}, h('th', {}, '条线'), h('th', { class: 'n' }, '案（审结）'), h('th', { class: 'n' }, '件'), h('th', { class: 'n' }, '案-件比'), h('th', { class: 'n' }, '同比'))),
      h('tbody', {}, d.case_ratios.map((r) => {
        const yi = d.years.indexOf(d.year);
        const prev = yi > 0 ? r.trend[yi - 1].value : null;
        const dl = delta(r.value, prev, 'case_ratio', r.direction);
        return h('tr', { dataset: { id: r.id } }, h('td', {}, r.name.replace('案-件比', '')),
          h('td', { class: 'n' }, count(r.cases)), h('td', { class: 'n' }, count(r.procedures)),
          h('td', { class: 'n' }, h('a', { class: 'numlink value', href: link(r.id) }, value(r.value, 'case_ratio'))),
          h('td', { class: 'n' }, h('span', { class: 'yoy ' + dl.cls }, dl.text)));
      }))),
    h('p', { class: 'def' }, '案-件比 = 1 : 件/案，理想值 1:1，越低说明程序空转越少。件 = 审结案件数 + 其退查、延期、复议复核等程序数。')),
    h('div', { class: 'card' }, crChart)));
  chart(crChart, {
    color: PALETTE, animation: false,
    grid: { left: 40, right: 10, top: 26, bottom: 20 },
    legend: { top: 0, textStyle: { fontSize: 11 } },
    tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : '1:' + v) },
    xAxis: { type: 'category', data: d.years.map(String) },
    yAxis: { type: 'value', min: 1, axisLabel: { formatter: (v) => '1:' + v } },
    series: d.case_ratios.map((r) => ({ name: r.name.replace('案-件比', ''), type: 'line', connectNulls: false, data: r.trend.map((t) => (t.value === null ? null : +t.value.toFixed(2))) })),
  });

  // key criminal indicators
  const kgrid = h('section', { class: 'grid g4', 'aria-label': '刑事检察主要指标' });
  app.append(h('h2', {}, '刑事检察主要指标（同比、按月走势）'), kgrid);
  for (const k of d.key_indicators) {
    const dl = delta(k.value, k.last_year.value, k.display, k.direction);
    const sp = h('div', { class: 'spark', dataset: { chart: 'spark-' + k.id } });
    kgrid.append(h('div', { class: 'card kpi', dataset: { id: k.id } },
      h('div', { class: 'name' }, h('span', {}, k.name), h('span', { title: dirLabel(k.direction) }, dirLabel(k.direction))),
      h('a', { class: 'value numlink', href: link(k.id), title: '查看构成与明细' }, value(k.value, k.display)),
      h('div', { class: 'frac num' }, `${count(k.numerator)} / ${count(k.denominator)}　`, h('span', { class: 'yoy ' + dl.cls }, dl.text)),
      sp));
    chart(sp, {
      animation: false, grid: { left: 2, right: 2, top: 4, bottom: 2 },
      tooltip: { trigger: 'axis', valueFormatter: (v) => (v === null ? '—' : v + '%') },
      xAxis: { type: 'category', show: false, data: k.months.map((_, i) => `${i + 1}月`) },
      yAxis: { type: 'value', show: false, scale: true },
      series: [{ type: 'line', symbol: 'none', lineStyle: { width: 1.5, color: '#1d4f91' }, areaStyle: { color: 'rgba(29,79,145,.08)' }, data: k.months.map((m) => pct(m.value)) }],
    });
  }

  // sub-units compared
  if (d.subunits.units.length) {
    const sel = h('select', { id: 'cmp-ind', 'aria-label': '比较指标' }, d.subunits.indicators.map((i) => h('option', { value: i.id }, i.name)));
    const el = h('div', { class: 'chart tall', dataset: { chart: 'subunits' } });
    app.append(h('h2', {}, '下级院对比'), h('section', { class: 'card' },
      h('div', { class: 'bar' }, h('label', { for: 'cmp-ind' }, '指标'), sel, h('span', { class: 'muted' }, '点击柱条查看该院指标分析')), el));
    let c = null;
    const draw = () => {
      const ind = d.subunits.indicators.find((i) => i.id === sel.value);
      const units = d.subunits.units;
      const vals = units.map((u) => u.values[ind.id].value);
      const ratio = ind.display === 'case_ratio';
      const opt = {
        animation: false, grid: { left: 150, right: 60, top: 6, bottom: 20 },
        tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' }, valueFormatter: (v) => (v === null ? '—' : ratio ? '1:' + v : v + '%') },
        xAxis: { type: 'value', min: ratio ? 1 : 0, axisLabel: { formatter: (v) => (ratio ? '1:' + v : v + '%') } },
        yAxis: { type: 'category', inverse: true, data: units.map((u) => u.name.replace('人民检察院', '院')) },
        series: [{ type: 'bar', barMaxWidth: 14, itemStyle: { color: '#1d4f91' },
          label: { show: true, position: 'right', fontSize: 11, formatter: (p) => (p.value === null ? '—' : ratio ? '1:' + p.value : p.value + '%') },
          data: vals.map((v) => (v === null ? null : ratio ? +v.toFixed(2) : pct(v))) }],
      };
      if (!c) {
        c = chart(el, opt);
        c.on('click', (p) => { location.href = link(sel.value, units[p.dataIndex].unit_id); });
      } else c.setOption(opt, true);
      el.style.height = Math.max(160, units.length * 22 + 30) + 'px';
      c.resize();
    };
    sel.addEventListener('change', draw);
    draw();
  }
}
