// case.js — a case's timeline: every event with its handler and decider; persons (ids masked
// unless the role needs them).
import { api } from './api.js';
import { h, table } from './ui.js';
import { state } from './state.js';
import { caseCandidacy } from './casebook.js';

export async function casePage(app, id) {
  const c = await api('/cases/' + encodeURIComponent(id));
  // persons under 审查逮捕 open to their social-danger score (社会危险性评估)
  const reviewed = new Set(c.events.filter((e) => e.type_code === 'arrest_review').map((e) => e.person_id));
  app.append(
    h('div', { class: 'bar' }, h('button', { type: 'button', onclick: () => history.back() }, '← 返回'),
      h('h1', { id: 'case-title' }, `${c.case_no || c.case_id}`),
      h('a', { class: 'button', id: 'case-similar', href: '#/similar?case=' + encodeURIComponent(c.case_id) }, '类案检索'),
      h('a', { class: 'button', id: 'case-suggest', href: '#/suggestions?new=1&case=' + encodeURIComponent(c.case_id) }, '检察建议'),
      h('a', { class: 'button', id: 'case-hearings', href: '#/hearings?case=' + encodeURIComponent(c.case_id) }, '听证与人民监督员')),
    h('section', { class: 'card' }, table(['案件标识', '承办单位', '条线', '业务', '案件类别', '案源', '案由', '受理日期', '审结日期', '承办检察官'],
      [[c.case_id, c.unit_name, c.line || '', c.business || '', c.kind || '', c.source || '', c.charge || '', c.accepted_on || '', c.closed_on || '—', c.handler.name ? `${c.handler.name}（${c.handler.staff_id}）` : '']])),
    caseCandidacy(c),
    h('h2', {}, `当事人（${c.persons.length}）`),
    h('section', { class: 'card' }, table(['编号', '姓名', '诉讼地位', '性别', '出生日期', '身份证号', '社会危险性评估'],
      c.persons.map((p) => [p.person_id, p.name || '', p.role || '', p.gender || '', p.birth_date || '', h('span', { class: 'mono' }, p.id_number || ''),
        reviewed.has(p.person_id) && state.me.can.danger
          ? h('a', { href: '#/danger-person/' + encodeURIComponent(p.person_id), class: 'danger-link', dataset: { person: p.person_id } }, '查看评分及理由')
          : '']))),
    h('h2', {}, `办案时间线（${c.events.length} 个事件）`),
    h('section', { class: 'card' }, h('table', { class: 't', id: 'timeline' },
      h('thead', {}, h('tr', {}, ['日期', '事件', '结果', '当事人', '承办人', '决定人', '答复/针对', '备注', '账本'].map((t) => h('th', {}, t)))),
      h('tbody', {}, c.events.map((e) => h('tr', { dataset: { event: e.event_id } },
        h('td', { class: 'num' }, e.date), h('td', {}, e.type || e.type_code), h('td', {}, e.result || ''),
        h('td', {}, e.person_name || ''), h('td', { class: 'actor' }, who(e.handler)), h('td', { class: 'actor' }, who(e.decider)),
        h('td', { class: 'mono' }, e.ref_event_id || ''), h('td', { class: 'wrap' }, govLink(e, c.case_id) || e.note || ''),
        h('td', { class: 'mono', title: e.ledger ? `账本第 ${e.ledger.entry} 条` : '' }, e.ledger ? `#${e.ledger.entry} ${e.ledger.hash}` : '—')))))));
}

// events written by the 检察建议 / 听证 / 人民监督员 workflows open their record
function govLink(e, caseId) {
  const t = e.type_code;
  if (t === 'suggestion' || t === 'suggestion_reply' || t === 'pil_lawsuit') {
    const no = /^(JCJY-\d{4}-\d{6})/.exec(e.event_id);
    if (no) return h('a', { href: '#/suggestion/' + encodeURIComponent(no[1]), class: 'gov-link' }, `${e.note || '检察建议'} ${no[1]}`);
  }
  if ((t === 'hearing' && /^TZ-/.test(e.event_id)) || (t === 'supervisor_invited' && /^RMJD-/.test(e.event_id)))
    return h('a', { href: '#/hearings?case=' + encodeURIComponent(caseId), class: 'gov-link' }, `${e.note || ''} ${e.event_id}`);
  return null;
}

// 谁办案谁负责: the person, their role, and 院领导 when they are one
function who(p) {
  if (!p || !p.name) return '';
  return h('span', {}, p.name, p.role ? h('span', { class: 'muted' }, `（${p.role}）`) : null,
    p.is_leader ? h('span', { class: 'badge' }, '院领导') : null);
}
