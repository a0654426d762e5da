// resident.js — 派驻检察 (roles with the execution capability see; the 刑事执行 role records):
// the resident offices under a unit over a period — their procurators, the checklist with
// each item's frequency and how many periods were done, the gaps (items not done at their
// frequency, days on site, staffing, rotation), the duty log, and the office's findings with
// the state of their 纠正违法通知书 / 检察建议书. Recording forms: a duty against a checklist
// item, a finding (from a log entry or not), a disposition of a finding. Everything is
// scoped, checked and audited on the server; this page only shows it and posts the forms.
import { api, qs } from './api.js';
import { h, table, unitSelect, errorBox } from './ui.js';
import { state } from './state.js';

const KIND = { prison: '监狱', detention_house: '看守所' };
const GAP_KIND = { item: '清单事项', days: '在岗天数', staff: '人员配备', procurator: '检察官配备', rotation: '轮岗' };

function go(params) { location.hash = '#/resident' + qs(params); }
function iso(d) { return d.toISOString().slice(0, 10); }

export async function resident(app, params) {
  const unit = params.get('unit') || state.me.user.unit_id;
  const d = await api('/resident' + qs({ unit, from: params.get('from'), to: params.get('to') }));
  app.classList.add('resident');
  app.append(h('h1', {}, '派驻检察'));
  const unitSel = unitSelect(state.units, d.unit_id, 'rs-unit');
  const from = h('input', { type: 'date', id: 'rs-from', 'aria-label': '期间起', value: d.from });
  const to = h('input', { type: 'date', id: 'rs-to', 'aria-label': '期间止', value: d.to });
  app.append(h('form', { class: 'bar card', id: 'rs-form', onsubmit: (e) => {
    e.preventDefault();
    go({ unit: unitSel.value, from: from.value, to: to.value });
  } },
    h('label', { for: 'rs-unit' }, '单位'), unitSel,
    h('label', { for: 'rs-from' }, '期间'), from, h('span', { class: 'muted' }, '至'), to,
    h('button', { type: 'submit', class: 'primary' }, '查询'),
    h('span', { class: 'muted' }, '每日事项按工作日（周一至周五）、每周事项按整周、每月事项按整月计')));
  app.append(h('p', { id: 'rs-summary', class: 'summary' },
    `${d.from} 至 ${d.to}：派驻检察室 ${d.offices.length} 个，履职缺口 `, h('strong', { id: 'rs-gaps' }, String(d.gaps)), ' 项'));
  if (!d.offices.length) app.append(h('p', { class: 'muted', id: 'rs-none' }, '本单位及下级单位没有派驻检察室。'));
  const items = new Map(d.checklist.items.map((i) => [i.id, i]));
  const reload = () => {
    const target = '#/resident' + qs({ unit: d.unit_id, from: d.from, to: d.to });
    if (location.hash === target) window.dispatchEvent(new HashChangeEvent('hashchange'));
    else location.hash = target;
  };
  for (const o of d.offices) app.append(office(o, d, items, reload));
  const r = d.checklist.office_rules;
  app.append(h('p', { class: 'def' },
    `派驻检察室配备不少于 ${r.min_persons} 名检察人员、其中至少 ${r.min_procurators} 名检察官（${r.staff_article}）；` +
    `每月在派驻检察室工作不少于 ${r.min_days_month} 个工作日（${r.days_article}）；每 ${r.rotation_years} 年轮岗（${r.rotation_article}），满 ${r.rotation_years} 年之日的次日仍在岗即为缺口。` +
    '派驻检察发现的问题按巡回检察的处置流程办理：纠正违法通知书 15 日、检察建议书 2 个月内未回复的报告上一级人民检察院（第三十七条）。'));
}

function office(o, d, items, reload) {
  const card = h('section', { class: 'card rs-office', dataset: { office: o.office_id } });
  card.append(h('h2', {}, `${o.name}（${o.institution}，${KIND[o.institution_kind] || ''}）`),
    h('p', { class: 'muted' }, `编号 ${o.office_id} · 设立 ${o.opened_on} · 派驻人员：`,
      o.staff.map((s) => `${s.name || s.staff_id}${s.procurator ? '（检察官）' : ''} ${s.from}起${s.to ? ' 至 ' + s.to : ''}`).join('；') || '无'));

  // the checklist with what was done
  const rows = o.items.map((c) => {
    const it = items.get(c.item) || {};
    const per = it.frequency === 'per_event';
    const bad = !per && c.done < c.expected;
    return [h('span', { class: 'mono' }, c.item), it.area || '', it.item || '', it.frequency_label || '',
      per ? `${c.entries} 次` : `${c.done} / ${c.expected}`,
      per ? '' : !c.expected ? h('span', { class: 'muted' }, '期间内无完整周期') :
        h('span', { class: 'badge ' + (bad ? 'tag-bad' : '') }, bad ? `缺 ${c.expected - c.done}` : '已完成'),
      `${it.source ? '《' + it.source.replace(/（.*$/, '') + '》' : ''}${it.article || ''}`];
  });
  const t = table(['事项', '类别', '检察内容', '频次', '已检 / 应检', '状态', '依据'], rows);
  t.classList.add('rs-items');
  card.append(h('h3', {}, '检察清单'), t);

  // gaps
  const gaps = h('ul', { class: 'rs-gaplist' }, o.gaps.map((g) =>
    h('li', { dataset: { kind: g.kind, item: g.item || '' } }, h('span', { class: 'badge tag-warn' }, GAP_KIND[g.kind] || g.kind), ' ', g.message)));
  card.append(h('h3', {}, `履职缺口（${o.gaps.length} 项）`), o.gaps.length ? gaps : h('p', { class: 'muted' }, '无缺口。'));

  if (d.can_record) card.append(logForm(o, d, items, reload));
  // the log
  const logs = table(['日期', '事项', '检察人员', '地点', '检察情况', '问题'],
    o.logs.slice().reverse().map((l) => [l.date, `${l.item} ${(items.get(l.item) || {}).item || ''}`,
      (o.staff.find((s) => s.staff_id === l.staff_id) || {}).name || l.staff_id, l.place, l.result,
      l.finding_id ? h('span', { class: 'mono' }, l.finding_id) : '']));
  logs.classList.add('rs-logs');
  card.append(h('h3', {}, `工作日志（${o.logs.length} 条）`), o.logs.length ? logs : h('p', { class: 'muted' }, '本期间无工作日志。'));

  // findings and their dispositions
  const finds = table(['问题', '发现日期', '类别', '问题描述', '处置（回复期限 · 状态）'],
    o.findings.map((f) => [h('span', { class: 'mono' }, f.finding_id), f.found_on, f.category_label, f.description,
      f.dispositions.length ? h('span', {}, f.dispositions.map((x) => h('span', { class: 'badge ' + (x.state === '已逾期' ? 'tag-bad' : '') },
        `${x.kind_label} ${x.served}（${x.due} 前 · ${x.state}）`))) : '未处置']));
  finds.classList.add('rs-findings');
  card.append(h('h3', {}, `发现的问题（${o.findings.length} 个）`), o.findings.length ? finds : h('p', { class: 'muted' }, '无。'));
  if (d.can_record) card.append(findingForm(o, items, reload), dispForm(o, reload));
  return card;
}

// a form's submit: post, then reload the page; an error shows in the form
function submitter(form, path, body, reload) {
  return async (e) => {
    e.preventDefault();
    const old = form.querySelector('.err');
    if (old) old.remove();
    try {
      await api(path, { method: 'POST', body: body() });
      reload();
    } catch (err) {
      form.append(errorBox(err));
    }
  };
}

function logForm(o, d, items, reload) {
  const id = o.office_id;
  const item = h('select', { class: 'rs-log-item', 'aria-label': '检察清单事项' },
    o.items.map((c) => h('option', { value: c.item }, `${c.item} ${(items.get(c.item) || {}).item || ''}`)));
  const date = h('input', { type: 'date', class: 'rs-log-date', 'aria-label': '日期', value: d.to > iso(new Date()) ? iso(new Date()) : d.to });
  const staff = h('select', { class: 'rs-log-staff', 'aria-label': '检察人员' },
    o.staff.filter((s) => !s.to).map((s) => h('option', { value: s.staff_id, selected: s.staff_id === state.me.user.staff_id }, s.name || s.staff_id)));
  const place = h('input', { type: 'text', class: 'rs-log-place', 'aria-label': '地点', placeholder: '地点（监区、监室、点位）', maxlength: 100 });
  const result = h('input', { type: 'text', class: 'rs-log-result', 'aria-label': '检察情况', placeholder: '检察情况及发现', required: true, maxlength: 500 });
  const f = h('form', { class: 'bar rs-log-form', dataset: { office: id } },
    h('strong', {}, '登记工作日志'), item, date, staff, place, result, h('button', { type: 'submit', class: 'primary' }, '登记'));
  f.addEventListener('submit', submitter(f, '/resident/logs', () => ({
    office_id: id, item: item.value, date: date.value, staff_id: staff.value, place: place.value, result: result.value,
  }), reload));
  return f;
}

function findingForm(o, items, reload) {
  const log = h('select', { class: 'rs-find-log', 'aria-label': '来源日志' },
    h('option', { value: '' }, '（不关联日志）'),
    o.logs.filter((l) => !l.finding_id).map((l) => h('option', { value: l.log_id }, `${l.date} ${l.item} ${l.result.slice(0, 20)}`)));
  const desc = h('input', { type: 'text', class: 'rs-find-desc', 'aria-label': '问题描述', placeholder: '问题描述', required: true, maxlength: 500 });
  const date = h('input', { type: 'date', class: 'rs-find-date', 'aria-label': '发现日期' });
  const f = h('form', { class: 'bar rs-find-form' }, h('strong', {}, '登记问题'), log, date, desc,
    h('button', { type: 'submit', class: 'primary' }, '登记问题'));
  f.addEventListener('submit', submitter(f, '/resident/findings', () => {
    const b = { office_id: o.office_id, description: desc.value };
    if (log.value) b.log_id = log.value;
    if (date.value) b.date = date.value;
    return b;
  }, reload));
  return f;
}

function dispForm(o, reload) {
  const open = o.findings.filter((x) => !x.dispositions.some((y) => y.kind !== 'oral'));
  if (!open.length) return h('span');
  const fid = h('select', { class: 'rs-disp-finding', 'aria-label': '问题' },
    open.map((x) => h('option', { value: x.finding_id }, `${x.finding_id} ${x.description.slice(0, 24)}`)));
  const kind = h('select', { class: 'rs-disp-kind', 'aria-label': '处置方式' },
    h('option', { value: 'correction_notice' }, '纠正违法通知书（15日内回复）'),
    h('option', { value: 'suggestion' }, '检察建议书（2个月内回复）'),
    h('option', { value: 'oral' }, '口头纠正意见（7日）'));
  const date = h('input', { type: 'date', class: 'rs-disp-date', 'aria-label': '送达日期', required: true });
  const f = h('form', { class: 'bar rs-disp-form' }, h('strong', {}, '处置问题'), fid, kind, date,
    h('button', { type: 'submit', class: 'primary' }, '发出'));
  f.addEventListener('submit', submitter(f, '/resident/dispositions', () => ({ finding_id: fid.value, kind: kind.value, date: date.value }), reload));
  return f;
}
