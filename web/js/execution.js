// execution.js — 刑事执行 (roles with the execution capability): two tabs.
//   减假暂审查: the 减刑、假释、暂予监外执行 findings of the unit's subtree (the same checker as
//   `zhixiao review-sentences`), counts by category as a chart, the paged findings citing
//   the rule and article.
//   巡回检察: statistics of a period, the plans with their dispositions' status (overdue and
//   escalated highlighted), and the coverage of the institutions with gaps flagged.
// Everything is scoped and checked on the server; this page only shows it.
import { api, qs } from './api.js';
import { h, table, chart, unitSelect, pager } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

// The checker's expected/actual texts are English in the JSON contract
// (shared/spec/sentence-review.md); the API sends each beside it as a message of the server's
// message table (src/util/msg.c) rendered in Chinese: expected_msg / actual_msg {id, params, text}.
const text = (m, en) => (m && m.text) || en || '';

const CATS = [
  ['start_too_early', '减刑起始时间过早'], ['interval_too_short', '减刑间隔不足'],
  ['reduction_over_cap', '减刑幅度超限'], ['floor_violated', '实际执行刑期不足'],
  ['parole_not_eligible', '不符合假释条件'], ['parole_excluded', '依法不得假释'],
  ['temporary_release_not_eligible', '不符合暂予监外执行条件'],
  ['pattern_max_reduction', '顶格减刑（模式）'], ['pattern_earliest_date', '踩点报请（模式）'],
];
const SEV_CLASS = { violation: 'tag-bad', review: 'tag-warn', pattern: 'tag-warn' };
const STATE_CLASS = { overdue: 'tag-bad', escalated: 'tag-bad', open: '', answered: '' };
const PSTATE = { done: '已完成', open: '未到期', overdue: '已逾期', not_needed: '无需' };

function go(params) { location.hash = '#/execution' + qs(params); }

function tabs(active, params) {
  const tab = (id, label) => h('button', {
    type: 'button', role: 'tab', id: 'tab-' + id, class: 'tab' + (active === id ? ' active' : ''),
    'aria-selected': active === id ? 'true' : 'false',
    onclick: () => go({ tab: id, unit: params.get('unit') }),
  }, label);
  return h('div', { class: 'tabs', role: 'tablist' }, tab('review', '减假暂审查'), tab('inspect', '巡回检察'));
}

export async function execution(app, params) {
  const active = params.get('tab') === 'inspect' ? 'inspect' : 'review';
  app.classList.add('exec');
  app.append(h('h1', {}, '刑事执行检察'), tabs(active, params));
  if (active === 'review') await review(app, params);
  else await inspect(app, params);
}

// ---- 减假暂审查 ----

async function review(app, params) {
  const unit = params.get('unit') || state.me.user.unit_id;
  const page = Number(params.get('page') || 1);
  const size = 50;
  const q = { unit, from: params.get('from'), to: params.get('to'), category: params.get('category') };
  const d = await api('/execution/review' + qs({ ...q, page, size }));
  const unitSel = unitSelect(state.units, d.unit.unit_id, 'ex-unit');
  const from = h('input', { type: 'date', id: 'ex-from', 'aria-label': '提请日期起', value: q.from || '' });
  const to = h('input', { type: 'date', id: 'ex-to', 'aria-label': '提请日期止', value: q.to || '' });
  const cat = h('select', { id: 'ex-cat', 'aria-label': '审查类别' },
    h('option', { value: '' }, '全部类别'),
    CATS.map(([c, l]) => h('option', { value: c, selected: c === q.category }, l)));
  const apply = (p = 1) => go({ tab: 'review', unit: unitSel.value, from: from.value, to: to.value, category: cat.value, page: p });
  app.append(h('form', { class: 'bar card', id: 'ex-form', onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('label', { for: 'ex-unit' }, '单位'), unitSel,
    h('label', { for: 'ex-from' }, '提请日期'), from, h('span', { class: 'muted' }, '至'), to,
    h('label', { for: 'ex-cat' }, '类别'), cat,
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    h('span', { class: 'muted' }, '日期为空表示不限（倒查全部历史）')));

  const sev = d.severity;
  app.append(h('p', { id: 'ex-summary', class: 'summary' },
    `${d.unit.name} 监督的监管场所在押及曾在押罪犯 ${count(d.convicts)} 名，审查发现问题 `,
    h('strong', { id: 'ex-all' }, count(d.all)), ' 项',
    d.category ? `，其中本类别 ${count(d.total)} 项` : '',
    `（违规 ${count(sev.violation)} · 需复核 ${count(sev.review)} · 异常模式 ${count(sev.pattern)}${d.category ? '，本类别' : ''}）`));

  const el = h('div', { class: 'chart tall', dataset: { chart: 'exec-counts' } });
  const counts = h('table', { class: 't', id: 'ex-counts' },
    h('thead', {}, h('tr', {}, h('th', {}, '审查类别'), h('th', { class: 'n' }, '问题数'))),
    h('tbody', {}, d.counts.map((c) => h('tr', { dataset: { code: c.code }, class: c.code === d.category ? 'sel' : null },
      h('td', {}, h('a', { href: '#/execution' + qs({ tab: 'review', unit: d.unit.unit_id, from: q.from, to: q.to, category: c.code }) }, c.label)),
      h('td', { class: 'n' }, count(c.count))))));
  app.append(h('section', { class: 'grid g-side' },
    h('div', { class: 'card' }, h('h2', {}, '按审查类别'), counts),
    h('div', { class: 'card' }, h('h2', {}, '问题数（按类别）'), el)));
  const rev = [...d.counts].reverse();
  chart(el, {
    animation: false, color: ['#8b1a1a'],
    grid: { left: 170, right: 40, top: 8, bottom: 24 },
    tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
    xAxis: { type: 'value', minInterval: 1 },
    yAxis: { type: 'category', data: rev.map((c) => c.label), axisLabel: { fontSize: 12 } },
    series: [{ type: 'bar', barWidth: '60%', data: rev.map((c) => c.count), label: { show: true, position: 'right' } }],
  });

  const rows = d.items.map((it) => [
    String(it.no),
    h('span', { class: 'mono' }, it.change_id || '（整体历史）'),
    h('span', {}, it.convict_name || '', ' ', h('span', { class: 'muted mono' }, it.convict_id)),
    h('span', { class: 'mono' }, it.id_number || ''),
    it.institution_name || '',
    it.category_label,
    h('span', { class: 'badge ' + (SEV_CLASS[it.severity] || '') }, it.severity_label),
    h('span', {}, it.article, h('br'), h('span', { class: 'muted mono' }, it.rule)),
    text(it.expected_msg, it.expected), text(it.actual_msg, it.actual),
  ]);
  const t = table(['序号', '变更编号', '罪犯', '身份证号', '监管场所', '审查类别', '性质', '依据（条文 / 规则）', '应为', '实际'], rows, { numeric: [0] });
  t.id = 'exec-findings';
  for (const tr of t.querySelectorAll('tbody tr')) for (const i of [7, 8, 9]) tr.children[i].classList.add('wrap');
  app.append(h('section', { class: 'card' },
    h('h2', {}, `审查发现（${count(d.total)} 项）`),
    d.items.length ? t : h('p', { class: 'muted', id: 'exec-none' }, '所选范围内未发现问题。'),
    pager(d.page, d.size, d.total, (p) => apply(p))));
  app.append(h('p', { class: 'def' }, '规则依据：刑法第七十八条、第八十一条，法释〔2016〕23号及2019年补充规定，法释〔2012〕2号（2017年前的减刑），《暂予监外执行规定》。期间按“次日起算、月到对日”计算；“以上、以下”包括本数。需复核：法律表述存在歧义时按较严格理解认定，请人工复核。'));
}

// ---- 巡回检察 ----

async function inspect(app, params) {
  const unit = params.get('unit') || state.me.user.unit_id;
  const yearNow = new Date().getFullYear();
  const years = state.me.years || {};
  const year = params.get('year') || String(years.last || yearNow);
  const date = params.get('date') || '';
  const [st, pl, cov] = await Promise.all([
    api('/execution/stats' + qs({ unit, period: year, date })),
    api('/execution/inspections' + qs({ unit, date })),
    api('/execution/coverage' + qs({ unit, year })),
  ]);
  const unitSel = unitSelect(state.units, st.unit.unit_id, 'in-unit');
  const first = Math.min(years.first || yearNow, Number(year));
  const yearSel = h('select', { id: 'in-year', 'aria-label': '年度' },
    Array.from({ length: Math.max(yearNow, Number(year)) - first + 1 }, (_, i) => String(Math.max(yearNow, Number(year)) - i))
      .map((y) => h('option', { value: y, selected: y === year }, `${y}年`)));
  const at = h('input', { type: 'date', id: 'in-date', 'aria-label': '截至日期', value: date || pl.date });
  app.append(h('form', { class: 'bar card', id: 'in-form', onsubmit: (e) => {
    e.preventDefault();
    go({ tab: 'inspect', unit: unitSel.value, year: yearSel.value, date: at.value });
  } },
    h('label', { for: 'in-unit' }, '单位'), unitSel,
    h('label', { for: 'in-year' }, '年度'), yearSel,
    h('label', { for: 'in-date' }, '截至'), at,
    h('button', { type: 'submit', class: 'primary' }, '查询')));

  const ds = pl.dispositions;
  app.append(h('section', { class: 'card', id: 'in-stats' },
    h('div', { class: 'big stats-line' },
      `${count(st.institutions)} 所 · ${count(st.kinds)} 类 · ${count(st.problems)} 个问题 · ${count(st.rectified)} 已整改`),
    h('div', { class: 'muted' },
      `${st.unit.name} ${st.period.label}：巡回检察 ${count(st.plans)} 次，涉及问题大类 ${count(st.categories)} 个；` +
      `口头纠正 ${count(st.dispositions.oral)}、纠正违法通知书 ${count(st.dispositions.correction_notice)}、检察建议书 ${count(st.dispositions.suggestion)}；` +
      `已回复 ${count(st.answered)}、待回复 ${count(st.open)}、逾期 ${count(st.overdue)}、已报上级院 ${count(st.escalated)}（截至 ${st.date}）`),
    st.by_category.length ? table(['问题类别', '问题数', '已整改', '涉及场所'],
      st.by_category.map((c) => [c.label, count(c.problems), count(c.rectified), count(c.institutions)]), { numeric: [1, 2, 3] }) : null));

  // plans and their dispositions
  // art. 28: what the resident office recorded in the year before the inspection
  const pull = (x) => (x ? h('span', { class: 'rs-pull', title: `${x.from} 至 ${x.to}，${x.office_ids}` },
    `日志 ${x.entries} 条 · 缺口 ${x.gaps} 项 · 问题 ${x.findings} 个（纠正违法 ${x.correction_notices}、检察建议 ${x.suggestions}，逾期 ${x.overdue}）`)
    : h('span', { class: 'muted' }, '—'));
  const plans = table(['计划', '类型', '组织单位', '起止日期', '被检查场所', '问题 / 已整改', '反馈会', '整改跟进', '派驻检察情况（前一年）'],
    pl.plans.map((p) => [h('span', { class: 'mono' }, p.plan_id), p.type_label, p.unit_name, `${p.start} 至 ${p.end}`,
      p.institutions.map((i) => i.name).join('、'), `${p.findings} / ${p.rectified}`,
      pstate(p.feedback), pstate(p.followup), pull(p.resident)]));
  plans.id = 'in-plans';
  const disps = pl.plans.flatMap((p) => p.dispositions.map((x) => ({ ...x, plan_id: p.plan_id })));
  const dt = table(['文书', '计划', '方式', '问题类别', '监管场所', '送达', '回复期限', '状态', '回复'],
    disps.map((x) => [h('span', { class: 'mono' }, x.disp_id), x.plan_id, x.kind_label, x.category, x.institution, x.served, x.due,
      h('span', { class: 'badge ' + (STATE_CLASS[x.state] || '') }, x.state_label,
        x.escalate_to ? ` → ${x.escalate_to.name}` : ''),
      x.reply_on ? `${x.reply_on} ${x.reply_result || ''}${x.late ? '（逾期回复）' : ''}` : '—']));
  dt.id = 'in-disps';
  dt.querySelectorAll('tbody tr').forEach((tr, i) => { if (disps[i].state === 'overdue' || disps[i].state === 'escalated') tr.classList.add('bad'); });
  app.append(h('section', { class: 'card' }, h('h2', {}, `巡回检察计划（${pl.plans.length}）`),
    pl.plans.length ? plans : h('p', { class: 'muted' }, '暂无巡回检察计划。')));
  app.append(h('section', { class: 'card' }, h('h2', {}, '纠正意见与检察建议'),
    h('p', { class: 'muted', id: 'in-disp-counts' }, `截至 ${pl.date}：待回复 ${ds.open} · 已回复 ${ds.answered} · 逾期 ${ds.overdue} · 已报上级院 ${ds.escalated}`),
    disps.length ? dt : h('p', { class: 'muted' }, '暂无。')));

  // coverage
  const ct = table(['监管场所', '类别', '监督单位', '常规', '交叉', '其他', '结论'],
    cov.institutions.map((r) => [r.name, r.kind_label || '', r.unit_name, String(r.routine), String(r.cross), String(r.other),
      r.gap ? h('span', { class: 'badge tag-bad' }, '年度未巡回检察') : r.required ? '已覆盖' : '—']), { numeric: [3, 4, 5] });
  ct.id = 'in-coverage';
  ct.querySelectorAll('tbody tr').forEach((tr, i) => { if (cov.institutions[i].gap) tr.classList.add('bad'); });
  app.append(h('section', { class: 'card' },
    h('h2', {}, `${cov.year}年 巡回检察覆盖情况（缺口 ${cov.gaps} 处）`),
    // the cross-inspection share is the province's duty and figure, not this unit's subtree
    cov.provinces.map((p) => h('p', { class: p.gap ? 'err province-total' : 'muted province-total' },
      `${p.name}（全省合计，省级院统计口径，非本院辖区数据）：监狱 ${p.prisons} 所，本年交叉巡回检察 ${p.crossed} 所（应不少于三分之一）${p.gap ? '，未达要求' : ''}`)),
    ct,
    h('p', { class: 'def' }, '依据《人民检察院巡回检察工作规定》（2021）：监狱、看守所每年至少巡回检察一次；省级院每年对不少于三分之一的监狱开展交叉巡回检察。')));
}

function pstate(s) {
  const t = s.state === 'not_needed' ? PSTATE.not_needed : `${PSTATE[s.state] || s.state}${s.due ? '（' + s.due + '）' : ''}`;
  return s.state === 'overdue' ? h('span', { class: 'badge tag-bad' }, t) : t;
}
