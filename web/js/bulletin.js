// bulletin.js — 通报: choose a unit and a period, download the bulletin (XLSX) the server
// writes for it (sheets 研判要点, 案-件比, 刑事检察指标, 其他业务指标, 三个结构比, 各院对比, 犯罪态势).
import { h, clear, unitSelect } from './ui.js';
import { state } from './state.js';

const KINDS = [['year', '年度'], ['half', '半年'], ['quarter', '季度'], ['month', '月度']];

function periods(kind, first, last) {
  const out = [];
  for (let y = last; y >= first; y--) {
    if (kind === 'year') out.push([`${y}`, `${y}年`]);
    if (kind === 'half') for (const k of [2, 1]) out.push([`${y}-H${k}`, `${y}年${k === 1 ? '上' : '下'}半年`]);
    if (kind === 'quarter') for (const q of [4, 3, 2, 1]) out.push([`${y}-Q${q}`, `${y}年第${'一二三四'[q - 1]}季度`]);
    if (kind === 'month') for (let m = 12; m >= 1; m--) out.push([`${y}-${String(m).padStart(2, '0')}`, `${y}年${m}月`]);
  }
  return out;
}

export async function bulletin(app) {
  const years = state.me.years || {};
  const last = years.last || new Date().getFullYear();
  const first = years.first || last;
  const unit = unitSelect(state.units, state.me.user.unit_id, 'b-unit');
  const kind = h('select', { id: 'b-kind', 'aria-label': '期间类型' }, KINDS.map(([v, t]) => h('option', { value: v }, t)));
  const period = h('select', { id: 'b-period', 'aria-label': '期间' });
  const link = h('a', { id: 'b-download', class: 'button primary', download: '' }, '生成并下载通报');
  const fill = () => {
    clear(period).append(...periods(kind.value, first, last).map(([v, t]) => h('option', { value: v }, t)));
    update();
  };
  const update = () => {
    const q = new URLSearchParams({ unit: unit.value, period: period.value });
    link.href = `/api/v1/bulletin?${q}`;
  };
  kind.addEventListener('change', fill);
  unit.addEventListener('change', update);
  period.addEventListener('change', update);
  app.append(h('h1', {}, '通报'),
    h('p', { class: 'muted' }, '通报为 Excel 工作簿：研判要点（系统根据数据生成的提示，供分析研判会商参考）、案-件比、刑事检察指标、其他业务指标、三个结构比、各院对比、犯罪态势，附指标口径与图表。指标为诊断性数据，不作考核排名；仅在单位开启排名时显示名次。'),
    h('div', { class: 'card bar' }, h('label', { for: 'b-unit' }, '单位'), unit,
      h('label', { for: 'b-kind' }, '期间'), kind, period, link));
  fill();
}
