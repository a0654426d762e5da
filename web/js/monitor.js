// monitor.js — 流程监控 (process monitoring): the statutory deadline of every monitored stage
// of the cases of the user's subtree (a prosecutor: their own cases) as of a date, from
// GET /api/v1/monitor (the same computation as `zhixiao monitor`). My own overdue and
// near-deadline items come first; then the subtree's by unit (chart) and by handler; every
// item opens the case timeline. Scoped and checked on the server; this page only shows it.
import { api, qs } from './api.js';
import { h, table, chart, unitSelect, pager, errorBox } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

const STATUS = [['red', '超期'], ['yellow', '临期'], ['open', '在办'], ['late', '超期办结'], ['ok', '按期']];
const BADGE = { red: 'tag-bad', yellow: 'tag-warn', late: 'tag-bad' };
const FILTERS = [['red,yellow', '超期与临期'], ['red', '超期'], ['yellow', '临期'], ['open', '在办'], ['', '全部（含已办结）']];

function go(params) { location.hash = '#/monitor' + qs(params); }

// the default date: today, or the last day of the data when the data end earlier
function defaultAsOf() {
  const today = new Date().toISOString().slice(0, 10);
  const last = state.me.years && state.me.years.last;
  return last && `${last}-12-31` < today ? `${last}-12-31` : today;
}

export async function monitor(app, params) {
  const unit = params.get('unit') || state.me.user.unit_id;
  const asOf = params.get('as_of') || defaultAsOf();
  const status = params.has('status') ? params.get('status') : 'red,yellow';
  const page = Number(params.get('page') || 1);
  const size = 50;
  const d = await api('/monitor' + qs({ unit, as_of: asOf, status, page, size }));
  app.classList.add('monitor');
  app.append(h('h1', {}, '流程监控'));

  const unitSel = unitSelect(state.units, d.unit.id, 'mo-unit');
  const at = h('input', { type: 'date', id: 'mo-asof', 'aria-label': '截至日期', value: d.as_of });
  const st = h('select', { id: 'mo-status', 'aria-label': '状态' },
    FILTERS.map(([v, l]) => h('option', { value: v, selected: v === status }, l)));
  const apply = (p = 1) => go({ unit: unitSel.value, as_of: at.value, status: st.value, page: p });
  app.append(h('form', { class: 'bar card', id: 'mo-form', onsubmit: (e) => { e.preventDefault(); apply(); } },
    h('label', { for: 'mo-unit' }, '单位'), unitSel,
    h('label', { for: 'mo-asof' }, '截至'), at,
    h('label', { for: 'mo-status' }, '状态'), st,
    h('button', { type: 'submit', class: 'primary' }, '查询')));

  const c = d.counts;
  app.append(h('p', { id: 'mo-summary', class: 'summary' },
    `${d.unit.name}截至 ${d.as_of}：超期 `, h('strong', { id: 'mo-red' }, count(c.red)),
    ' 项，临期 ', h('strong', { id: 'mo-yellow' }, count(c.yellow)),
    ` 项，在办 ${count(c.open)} 项；已办结 ${count(c.ok + c.late)} 项，其中超期办结 ${count(c.late)} 项。`));

  const canIssue = state.me.can && state.me.can.monitor_notice;
  const reload = () => go({ unit: d.unit.id, as_of: d.as_of, status, page, t: Date.now() });
  const msg = h('div', { id: 'mo-msg' });
  const issue = async (it, btn) => {
    btn.disabled = true;
    try {
      const n = await api('/monitor/notices', { method: 'POST', body: { case_id: it.case_id, person_id: it.person_id, stage: it.stage, date: d.as_of } });
      msg.replaceChildren(h('p', { class: 'ok', role: 'status' }, `已发出流程监控通知书 ${n.notice_no}，回复期限 ${n.reply_due}。`));
      reload();
    } catch (e) { msg.replaceChildren(errorBox(e)); btn.disabled = false; }
  };
  const rows = d.items.map((it) => [
    h('a', { href: '#/case/' + encodeURIComponent(it.case_id), class: 'mono' }, it.case_id),
    h('span', { class: 'mono' }, it.person_id || '（全案）'),
    it.stage_label,
    h('span', {}, it.article, ' ', h('span', { class: 'muted mono' }, it.rule)),
    it.started_on, it.deadline, it.closed_on || '—',
    it.days_left === null ? '—' : String(it.days_left),
    h('span', { class: 'badge ' + (BADGE[it.status] || '') }, it.status_label),
    h('span', {}, it.handler_name || '', it.mine ? h('span', { class: 'badge tag-warn mine' }, '本人') : ''),
    it.unit_name,
    ...(canIssue ? [it.status === 'red'
      ? h('button', { type: 'button', class: 'link issue', onclick: (e) => issue(it, e.target) }, '发通知书') : ''] : []),
  ]);
  const t = table(['案件', '人员', '监控环节', '法定依据', '起算日', '期限届满', '办结日', '剩余天数', '状态', '承办检察官', '单位', ...(canIssue ? ['操作'] : [])], rows, { numeric: [7] });
  t.id = 'mo-items';
  app.append(msg);
  app.append(h('section', { class: 'card' },
    h('h2', {}, `监控事项（${count(d.total)} 项，本人承办的排在前面）`),
    d.items.length ? t : h('p', { class: 'muted', id: 'mo-none' }, '所选范围内没有该状态的事项。'),
    pager(d.page, d.size, d.total, (p) => apply(p))));

  if (d.by_unit.length > 1 || d.by_handler.length > 1) {
    const el = h('div', { class: 'chart tall', dataset: { chart: 'monitor-units' } });
    const top = [...d.by_handler].sort((a, b) => b.red - a.red || b.yellow - a.yellow).slice(0, 20);
    const ht = table(['承办检察官', '超期', '临期'], top.map((x) => [x.name, count(x.red), count(x.yellow)]), { numeric: [1, 2] });
    ht.id = 'mo-handlers';
    app.append(h('section', { class: 'grid g-side' },
      h('div', { class: 'card' }, h('h2', {}, '按承办检察官（超期最多的 20 名）'), ht),
      h('div', { class: 'card' }, h('h2', {}, '按单位（超期、临期）'), el)));
    const us = [...d.by_unit].reverse();
    chart(el, {
      animation: false, color: ['#8b1a1a', '#d4a017'],
      legend: { data: ['超期', '临期'] },
      grid: { left: 170, right: 40, top: 30, bottom: 24 },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'value', minInterval: 1 },
      yAxis: { type: 'category', data: us.map((u) => u.name), axisLabel: { fontSize: 12 } },
      series: [
        { name: '超期', type: 'bar', stack: 's', data: us.map((u) => u.red) },
        { name: '临期', type: 'bar', stack: 's', data: us.map((u) => u.yellow) },
      ],
    });
  }
  await notices(app, d, canIssue, msg, reload);
  app.append(h('p', { class: 'def' }, '法定期限按《刑事诉讼法》第一百零五条“开始之日不计算在内”、月按“对日、无对日或月末起算至月末”计算，节假日不顺延。临期：期限不超过 15 日的剩余 3 日以内，其余剩余 7 日以内。职务犯罪案件暂不纳入。'));
}

// 流程监控通知书: the notices of the subtree (a prosecutor: their own), the reply form for the
// handler, and 督办 (escalation of unanswered notices) for the 案件管理 office.
async function notices(app, d, canIssue, msg, reload) {
  const list = (await api('/monitor/notices')).items;
  const reply = async (n, input, btn) => {
    btn.disabled = true;
    try {
      await api(`/monitor/notices/${encodeURIComponent(n.notice_no)}/reply`, { method: 'POST', body: { text: input.value, date: d.as_of } });
      reload();
    } catch (e) { msg.replaceChildren(errorBox(e)); btn.disabled = false; }
  };
  const rows = list.map((n) => {
    let act = n.reply || '';
    if (n.mine && n.state !== 'answered') {
      const input = h('input', { type: 'text', class: 'reply-text', 'aria-label': '回复内容', placeholder: '回复内容' });
      act = h('span', {}, input, h('button', { type: 'button', class: 'primary reply', onclick: (e) => reply(n, input, e.target) }, '回复'));
    }
    return [h('span', { class: 'mono' }, n.notice_no),
      h('a', { href: '#/case/' + encodeURIComponent(n.case_id), class: 'mono' }, n.case_id),
      n.stage_label, n.issued_on, n.reply_due,
      h('span', { class: 'badge ' + (n.state === 'answered' ? '' : n.state === 'open' ? 'tag-warn' : 'tag-bad') }, n.state_label),
      [n.head_id ? `部门负责人 ${n.head_id}（${n.head_on}）` : '', n.chief_id ? ` 检察长 ${n.chief_id}（${n.chief_on}）` : ''].join(''),
      act];
  });
  const t = table(['通知书编号', '案件', '监控环节', '发出日期', '回复期限', '状态', '督办', '回复'], rows);
  t.id = 'mo-notices';
  const esc = canIssue ? h('button', { type: 'button', id: 'mo-escalate', onclick: async (e) => {
    e.target.disabled = true;
    try {
      const r = await api('/monitor/notices/escalate', { method: 'POST', body: { date: d.as_of } });
      msg.replaceChildren(h('p', { class: 'ok', role: 'status' }, `督办 ${r.escalated} 件。`));
      reload();
    } catch (err) { msg.replaceChildren(errorBox(err)); e.target.disabled = false; }
  } }, `督办逾期未回复的通知书（截至 ${d.as_of}）`) : '';
  app.append(h('section', { class: 'card' },
    h('h2', {}, `流程监控通知书（${count(list.length)} 件）`), esc,
    list.length ? t : h('p', { class: 'muted', id: 'mo-no-notices' }, '暂无通知书。'),
    h('p', { class: 'muted' }, '通知书回复期限十日（《人民检察院刑事诉讼规则》第六百六十五条）；逾期未回复的报部门负责人，再逾十日报检察长。')));
}
