// suggestions.js — 检察建议 as a workflow: a board by status with the reply deadline's colour
// (green in time, yellow within 7 days, red overdue), the draft form, and one suggestion's page
// with the step its status allows (issue, reply and 整改, 回头看, 公益诉讼), its steps (who,
// when) and the printable 检察建议书. Everything is checked and scoped on the server
// (/api/v1/suggestions…); this page only shows it.
import { api, qs } from './api.js';
import { h, errorBox } from './ui.js';
import { state } from './state.js';

export const KINDS = [['social_governance', '社会治理'], ['trial', '审判违法'], ['enforcement', '执行'],
  ['retrial', '再审'], ['pre_litigation', '诉前（公益诉讼）'], ['execution', '刑事执行'], ['other', '其他']];
const COLUMNS = [['draft', '草稿'], ['issued', '已发出待回复'], ['replied', '已回复待回头看'],
  ['failed', '诉前未整改'], ['closed', '已办结'], ['litigated', '已提起公益诉讼']];
const WATCH = { open: '期限内', yellow: '临期', red: '逾期未回复' };
const today = () => new Date().toISOString().slice(0, 10);

function field(label, el) { return [h('label', { for: el.id }, label), el]; }

function draftForm(app, caseId) {
  const msg = h('div', { id: 'sg-msg' });
  const c = h('input', { id: 'sg-case', required: true, value: caseId || '', placeholder: '案件标识' });
  const kind = h('select', { id: 'sg-kind' }, KINDS.map(([v, l]) => h('option', { value: v }, l)));
  const to = h('input', { id: 'sg-addressee', required: true, placeholder: '如：某县生态环境局' });
  const problem = h('textarea', { id: 'sg-problem', required: true, placeholder: '办案中发现的问题' });
  const basis = h('textarea', { id: 'sg-basis', placeholder: '法律、司法解释等依据' });
  const measures = h('textarea', { id: 'sg-measures', placeholder: '建议采取的具体措施' });
  const date = h('input', { id: 'sg-date', type: 'date', value: today() });
  const form = h('form', { class: 'card sg-form', id: 'sg-draft' },
    ...field('案件', c), ...field('类别', kind), ...field('被建议单位', to), ...field('发现的问题', problem),
    ...field('建议依据', basis), ...field('建议措施', measures), ...field('起草日期', date),
    h('span'), h('div', {}, h('button', { type: 'submit', class: 'primary', id: 'sg-draft-submit' }, '保存草稿'), msg));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const s = await api('/suggestions', { method: 'POST', body: { case_id: c.value.trim(), kind: kind.value, addressee: to.value, problem: problem.value, basis: basis.value, measures: measures.value, date: date.value } });
      location.hash = '#/suggestion/' + encodeURIComponent(s.no);
    } catch (err) { msg.replaceChildren(errorBox(err)); }
  });
  app.append(h('h2', {}, '起草检察建议'), form);
}

export async function suggestions(app, params) {
  const asOf = params.get('as_of') || today();
  const d = await api('/suggestions' + qs({ as_of: asOf, case: params.get('case') }));
  app.append(h('h1', {}, '检察建议'));
  const w = d.watch;
  app.append(h('p', { class: 'summary', id: 'sg-summary' },
    `截至 ${d.as_of}：待回复 ${d.counts.issued || 0} 件，其中临期 `, h('strong', { id: 'sg-yellow' }, String(w.yellow || 0)),
    ' 件、逾期 ', h('strong', { id: 'sg-red' }, String(w.red || 0)),
    ` 件；待回头看 ${d.counts.replied || 0} 件，诉前未整改待起诉 ${d.counts.failed || 0} 件，已办结 ${(d.counts.closed || 0) + (d.counts.litigated || 0)} 件。`));
  const canWrite = state.me.can && state.me.can.governance;
  const msg = h('div', { id: 'sg-board-msg' });
  const bar = h('div', { class: 'bar' });
  if (canWrite) bar.append(h('a', { class: 'button', href: '#/suggestions?new=1' + (params.get('case') ? '&case=' + encodeURIComponent(params.get('case')) : ''), id: 'sg-new' }, '起草检察建议'));
  if (state.me.can && state.me.can.monitor_notice) {
    bar.append(h('button', { type: 'button', id: 'sg-escalate', onclick: async () => {
      try {
        const r = await api('/suggestions/escalate', { method: 'POST', body: { date: asOf } });
        msg.replaceChildren(h('p', { class: 'ok', role: 'status' }, `已督办 ${r.escalated} 次（逾期未回复的报部门负责人，再逾十日报检察长）。`));
      } catch (e) { msg.replaceChildren(errorBox(e)); }
    } }, '督办逾期未回复'));
  }
  const at = h('input', { type: 'date', id: 'sg-asof', value: d.as_of, 'aria-label': '截至日期' });
  at.addEventListener('change', () => { location.hash = '#/suggestions' + qs({ as_of: at.value, case: params.get('case') }); });
  bar.append(h('label', { for: 'sg-asof' }, '期限截至'), at, h('a', { href: '#/hearings' }, '听证与人民监督员 →'));
  app.append(bar, msg);
  if (params.get('new') && canWrite) draftForm(app, params.get('case'));
  const board = h('div', { class: 'board', id: 'sg-board' });
  for (const [st, label] of COLUMNS) {
    const items = d.items.filter((s) => s.status === st)
      .sort((a, b) => (a.reply_due || '9').localeCompare(b.reply_due || '9'));
    board.append(h('section', { class: 'board-col card', dataset: { status: st } },
      h('h3', {}, `${label}（${items.length}）`),
      items.slice(0, 60).map((s) => h('a', { class: 'board-card' + (s.watch ? ' w-' + s.watch : ''), href: '#/suggestion/' + encodeURIComponent(s.no), dataset: { no: s.no } },
        h('div', {}, h('strong', {}, s.addressee), ' ', h('span', { class: 'badge' }, s.kind_label)),
        h('div', { class: 'muted' }, s.no),
        s.reply_due ? h('div', {}, `回复期限 ${s.reply_due}`, s.watch ? h('span', { class: 'badge ' + (s.watch === 'red' ? 'tag-bad' : s.watch === 'yellow' ? 'tag-warn' : '') }, WATCH[s.watch] + (s.watch === 'red' ? ` ${-s.days_left} 日` : s.watch === 'yellow' ? ` 剩 ${s.days_left} 日` : '')) : null) : null)),
      items.length > 60 ? h('p', { class: 'muted' }, `另有 ${items.length - 60} 件`) : null));
  }
  app.append(board);
}

function row(label, v) { return [h('dt', {}, label), h('dd', {}, v || '—')]; }

export async function suggestionPage(app, no) {
  const s = await api('/suggestions/' + encodeURIComponent(no));
  app.append(h('div', { class: 'bar' },
    h('a', { href: '#/suggestions' }, '← 检察建议'),
    h('h1', { id: 'sg-title' }, `检察建议 ${s.no}`),
    h('span', { class: 'badge', id: 'sg-status' }, s.status_label),
    s.watch ? h('span', { class: 'badge ' + (s.watch === 'red' ? 'tag-bad' : s.watch === 'yellow' ? 'tag-warn' : ''), id: 'sg-watch' }, WATCH[s.watch]) : null,
    h('a', { class: 'button', id: 'sg-print', href: `/api/v1/suggestions/${encodeURIComponent(s.no)}/document`, target: '_blank', rel: 'noopener' }, '打印检察建议书')));
  app.append(h('section', { class: 'card' }, h('dl', { class: 'kv', id: 'sg-fields' },
    ...row('案件', h('a', { href: '#/case/' + encodeURIComponent(s.case_id) }, s.case_id)), ...row('类别', s.kind_label),
    ...row('被建议单位', s.addressee), ...row('发现的问题', s.problem), ...row('建议依据', s.basis), ...row('建议措施', s.measures),
    ...row('发出日期', s.issued_on), ...row('回复期限', s.reply_due), ...row('回复', s.replied_on ? `${s.replied_on} ${s.reply_result_label}：${s.reply_text || ''}` : ''),
    ...row('回头看', s.followup_on ? `${s.followup_on} ${s.followup_result === 'rectified' ? '整改到位' : '未整改到位'}：${s.followup_note || ''}` : ''),
    ...row('督办', [s.escalated_head ? `${s.escalated_head_on} 报部门负责人 ${s.escalated_head}` : '', s.escalated_chief ? `；${s.escalated_chief_on} 报检察长 ${s.escalated_chief}` : ''].join('')),
    ...row('公益诉讼', s.litigated_on ? `${s.litigated_on} 提起公益诉讼（${s.lawsuit_event_id}）` : ''),
    ...row('办结日期', s.closed_on))));
  const msg = h('div', { id: 'sg-msg' });
  const act = async (path, body) => {
    try {
      await api(`/suggestions/${encodeURIComponent(s.no)}/${path}`, { method: 'POST', body });
      location.hash = `#/suggestion/${encodeURIComponent(s.no)}?t=${Date.now()}`;
    } catch (e) { msg.replaceChildren(errorBox(e)); }
  };
  if (s.can_act) {
    const date = h('input', { type: 'date', id: 'sg-act-date', value: today(), 'aria-label': '日期' });
    const box = h('form', { class: 'card sg-actions', id: 'sg-actions', onsubmit: (e) => e.preventDefault() }, h('label', { for: 'sg-act-date' }, '日期'), date);
    if (s.status === 'draft') {
      box.append(h('button', { type: 'button', class: 'primary', id: 'sg-issue', onclick: () => act('issue', { date: date.value }) }, '发出（两个月内回复）'));
    } else if (s.status === 'issued') {
      const result = h('select', { id: 'sg-result', 'aria-label': '回复结果' }, [['adopted', '采纳'], ['rectified', '整改到位'], ['rejected', '不采纳']].map(([v, l]) => h('option', { value: v }, l)));
      const text = h('input', { id: 'sg-reply-text', placeholder: '回复内容及整改情况', size: 40 });
      box.append(h('fieldset', {}, h('legend', {}, '登记回复'), result, ' ', text, ' ',
        h('button', { type: 'button', class: 'primary', id: 'sg-reply', onclick: () => act('reply', { date: date.value, result: result.value, text: text.value }) }, '登记回复')));
      if (s.kind === 'pre_litigation' && s.watch === 'red') box.append(h('button', { type: 'button', id: 'sg-litigate', onclick: () => act('litigate', { date: date.value }) }, '逾期未回复，提起公益诉讼'));
    } else if (s.status === 'replied') {
      const result = h('select', { id: 'sg-followup-result', 'aria-label': '回头看结果' }, [['rectified', '整改到位'], ['not_rectified', '未整改到位']].map(([v, l]) => h('option', { value: v }, l)));
      const note = h('input', { id: 'sg-followup-note', placeholder: '回头看情况', size: 40 });
      box.append(h('fieldset', {}, h('legend', {}, '回头看'), result, ' ', note, ' ',
        h('button', { type: 'button', class: 'primary', id: 'sg-followup', onclick: () => act('followup', { date: date.value, result: result.value, text: note.value }) }, '登记回头看并办结')));
    } else if (s.status === 'failed') {
      box.append(h('button', { type: 'button', class: 'primary', id: 'sg-litigate', onclick: () => act('litigate', { date: date.value }) }, '提起公益诉讼'));
    }
    if (box.children.length > 2) app.append(h('h2', {}, '办理'), box);
  }
  app.append(msg, h('h2', {}, '流程记录'),
    h('section', { class: 'card' }, h('table', { class: 't', id: 'sg-steps' },
      h('thead', {}, h('tr', {}, ['日期', '步骤', '操作人', '说明'].map((t) => h('th', {}, t)))),
      h('tbody', {}, s.steps.map((x) => h('tr', {}, h('td', { class: 'num' }, x.date), h('td', {}, STEP[x.step] || x.step), h('td', {}, x.who), h('td', {}, NOTE[x.note] || x.note || '')))))));
}
const NOTE = { adopted: '采纳', rectified: '整改到位', rejected: '不采纳', not_rectified: '未整改到位' };
const STEP = { drafted: '起草', issued: '发出', replied: '回复', followed_up: '回头看', escalated_head: '督办：报部门负责人', escalated_chief: '督办：报检察长', litigated: '提起公益诉讼' };
