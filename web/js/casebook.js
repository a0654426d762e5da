// casebook.js — 典型案例: candidates by state, search of the published ones, statistics per
// unit, line and year, and one candidate's page (its acts, the write-up form, the committee's
// review and publication, each offered only when the state and the role allow it).
import { api, qs } from './api.js';
import { h, clear, errorBox, table } from './ui.js';
import { state } from './state.js';

const STATES = [['', '全部'], ['cultivating', '培育'], ['writing', '编写'], ['reviewing', '审查'], ['approved', '审查通过'], ['published', '已发布'], ['withdrawn', '终止培育']];
const STATE_ZH = Object.fromEntries(STATES.slice(1));
const LINES = [['', '全部条线'], ['criminal', '刑事'], ['civil', '民事'], ['administrative', '行政'], ['public_interest', '公益诉讼']];
const LEVELS = [['unit', '院'], ['city', '市'], ['province', '省']];

function select(id, label, options, value) {
  return h('select', { id, 'aria-label': label }, options.map(([v, t]) => h('option', { value: v, selected: v === (value || '') }, t)));
}

export async function casebook(app, arg, params) {
  if (arg) return candidate(app, arg);
  const y = state.me.years ? state.me.years.default : new Date().getFullYear();
  const st = select('cb-state', '状态', STATES, params.get('state') ?? 'published');
  const line = select('cb-line', '条线', LINES, params.get('line'));
  const charge = h('input', { id: 'cb-charge', 'aria-label': '案由', placeholder: '案由（如 盗窃罪）', value: params.get('charge') || '' });
  const kw = h('input', { id: 'cb-keyword', 'aria-label': '关键词', placeholder: '关键词', value: params.get('keyword') || '' });
  const year = h('input', { id: 'cb-year', 'aria-label': '统计年度', type: 'number', min: 1900, max: 2099, value: params.get('year') || y });
  const form = h('form', { class: 'card bar', id: 'cb-form' }, h('label', { for: 'cb-state' }, '状态'), st, line,
    h('label', { for: 'cb-charge' }, '案由'), charge, h('label', { for: 'cb-keyword' }, '关键词'), kw,
    h('button', { type: 'submit', class: 'primary', id: 'cb-search' }, '检索'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    location.hash = '#/casebook' + qs({ state: st.value, line: line.value, charge: charge.value.trim(), keyword: kw.value.trim(), year: year.value });
  });
  const list = await api('/casebook' + qs({ state: st.value, line: line.value, charge: charge.value.trim(), keyword: kw.value.trim() }));
  const stats = await api('/casebook/stats' + qs({ year: year.value }));
  const yearForm = h('form', { class: 'bar' }, h('label', { for: 'cb-year' }, '年度'), year, h('button', { type: 'submit' }, '统计'));
  yearForm.addEventListener('submit', (ev) => { ev.preventDefault(); form.requestSubmit(); });
  const lineName = Object.fromEntries(LINES);
  app.append(h('h1', {}, '典型案例'),
    h('p', { class: 'muted' }, '案例培育、编写、审查、发布推广的全流程：任何案件均可由承办检察官、部门负责人或案件管理部门提名为候选（写明理由），经培育、编写（基本案情、检察履职、典型意义、法律依据）、审查委员会审查后在院、市、省一级发布；每一步均记入办案责任账本。从案件页面提名。'),
    form,
    h('section', { class: 'card', id: 'cb-list' },
      h('h2', {}, `候选与已发布案例（${list.items.length}）`),
      list.items.length ? table(['编号', '案件', '单位', '案由', '状态', '发布', '标题 / 推荐理由'],
        list.items.map((c) => [h('a', { href: '#/casebook/' + encodeURIComponent(c.cand_id) }, c.cand_id),
          h('a', { href: '#/case/' + encodeURIComponent(c.case_id) }, c.case_id), c.unit_name, c.charge || '',
          h('span', { class: 'badge' }, c.state_zh), c.level_zh ? `${c.level_zh}级 ${c.published_on}` : '', c.title || c.reason]))
        : h('p', { class: 'muted' }, '没有符合条件的案例。')),
    h('section', { class: 'card', id: 'cb-stats' },
      h('h2', {}, `统计（${stats.year || '全部年度'}）：有质量的数量`), yearForm,
      stats.rows.length ? table(['单位', '条线', '年度', '提名候选', '完成编写', '院级发布', '市级发布', '省级发布'],
        stats.rows.map((r) => [r.unit_name, lineName[r.line] || r.line, r.year, r.candidates, r.written, r.published_unit, r.published_city, r.published_province]),
        { numeric: [2, 3, 4, 5, 6, 7] }) : h('p', { class: 'muted' }, '该年度没有典型案例工作记录。')));
}

async function candidate(app, id) {
  const c = await api('/casebook/' + encodeURIComponent(id));
  const msg = h('div', { id: 'cb-msg', 'aria-live': 'polite' });
  // one or more acts in order, then the page again
  const acts = async (...steps) => {
    try {
      for (const [a, body] of steps) await api(`/casebook/${encodeURIComponent(id)}/${a}`, { method: 'POST', body });
    } catch (e) { clear(msg).append(errorBox(e)); return; }
    const view = h('div', { class: 'view' });
    app.replaceWith(view);
    await candidate(view, id);
  };
  const act = (a, body) => acts([a, body]);
  const can = new Set(c.can);
  const sections = [['facts', '基本案情'], ['performance', '检察履职'], ['significance', '典型意义'], ['legal_basis', '法律依据']];
  const forms = [];
  if (can.has('note')) {
    const t = h('textarea', { id: 'cb-note', rows: 2, 'aria-label': '培育记录', placeholder: '培育记录（案件办理中的补充取证、释法说理等）' });
    forms.push(h('section', { class: 'card' }, h('h2', {}, '培育记录'), t,
      h('button', { type: 'button', id: 'cb-note-go', onclick: () => act('note', { text: t.value }) }, '记录')));
  }
  if (can.has('write')) {
    const title = h('input', { id: 'cb-title', 'aria-label': '标题', value: c.title || '', placeholder: '案例标题' });
    const areas = sections.map(([k, t]) => h('textarea', { id: 'cb-' + k, rows: 4, 'aria-label': t, placeholder: t }, c[k] || ''));
    const body = () => Object.fromEntries([['title', title.value], ...sections.map(([k], i) => [k, areas[i].value])]);
    forms.push(h('section', { class: 'card cb-write' }, h('h2', {}, '案例编写（模板）'),
      h('label', { for: 'cb-title' }, '标题'), title,
      sections.flatMap(([k, t], i) => [h('label', { for: 'cb-' + k }, t), areas[i]]),
      h('div', { class: 'bar' },
        h('button', { type: 'button', id: 'cb-write-go', onclick: () => act('write', body()) }, '保存文稿'),
        can.has('submit') ? h('button', { type: 'button', class: 'primary', id: 'cb-submit-go',
          onclick: () => acts(['write', body()], ['submit', {}]) }, '保存并提交审查') : null)));
  }
  if (can.has('review') || can.has('approve') || can.has('return')) {
    const t = h('textarea', { id: 'cb-opinion', rows: 2, 'aria-label': '审查意见或退回理由', placeholder: '审查意见 / 退回理由' });
    forms.push(h('section', { class: 'card' }, h('h2', {}, '审查委员会'), t, h('div', { class: 'bar' },
      can.has('review') ? h('button', { type: 'button', id: 'cb-review-go', onclick: () => act('review', { text: t.value }) }, '提出审查意见') : null,
      can.has('approve') ? h('button', { type: 'button', class: 'primary', id: 'cb-approve-go', onclick: () => act('approve', { text: t.value }) }, '审查通过') : null,
      can.has('return') ? h('button', { type: 'button', id: 'cb-return-go', onclick: () => act('return', { text: t.value }) }, '退回') : null)));
  }
  if (can.has('publish')) {
    const lv = select('cb-level', '发布层级', LEVELS.filter(([, ], i) => i + 1 > ({ unit: 1, city: 2, province: 3 }[c.level] || 0)), '');
    const d = h('input', { id: 'cb-date', type: 'date', 'aria-label': '发布日期', value: new Date().toISOString().slice(0, 10) });
    forms.push(h('section', { class: 'card' }, h('h2', {}, c.state === 'published' ? '推广（更高层级发布）' : '发布'),
      h('div', { class: 'bar' }, h('label', { for: 'cb-level' }, '层级'), lv, h('label', { for: 'cb-date' }, '日期'), d,
        h('button', { type: 'button', class: 'primary', id: 'cb-publish-go', onclick: () => act('publish', { level: lv.value, date: d.value }) }, '发布'))));
  }
  app.append(
    h('div', { class: 'bar' }, h('a', { class: 'button', href: '#/casebook' }, '← 典型案例'),
      h('h1', { id: 'cb-title-h' }, c.title || `${c.cand_id} · ${c.case_id}`), h('span', { class: 'badge', id: 'cb-state-badge' }, c.state_zh),
      c.level_zh ? h('span', { class: 'badge' }, `${c.level_zh}级发布 ${c.published_on}`) : null),
    h('section', { class: 'card' }, table(['候选编号', '案件', '承办单位', '案由', '提名人', '提名日期', '推荐理由'],
      [[c.cand_id, h('a', { href: '#/case/' + encodeURIComponent(c.case_id) }, c.case_id), c.unit_name, c.charge || '', c.nominated_by, c.nominated_on, c.reason]])),
    h('section', { class: 'card cb-text' + (c.facts || c.performance ? '' : ' hidden') }, sections.flatMap(([k, t]) => [h('h3', {}, t), h('p', {}, c[k] || '—')])),
    msg, ...forms,
    h('h2', {}, `流程记录（${c.steps.length}）`),
    h('section', { class: 'card' }, table(['日期', '操作', '状态', '操作人', '意见 / 理由'],
      c.steps.map((s) => [s.date, s.act_zh, `${STATE_ZH[s.from] || '—'} → ${STATE_ZH[s.to] || s.to}`, s.who || '', s.note || (s.level ? `发布层级：${({ unit: '院', city: '市', province: '省' })[s.level] || s.level}` : '')]))));
}

// On a case's page: its candidacy (with its acts) and the nomination form.
export function caseCandidacy(c) {
  const live = (c.casebook || []).find((x) => x.state !== 'withdrawn');
  const box = h('section', { class: 'card', id: 'case-casebook' }, h('h2', {}, '典型案例'));
  for (const x of c.casebook || [])
    box.append(h('p', {}, h('a', { href: '#/casebook/' + encodeURIComponent(x.cand_id) }, x.cand_id), ' ',
      h('span', { class: 'badge' }, x.state_zh), x.level_zh ? `${x.level_zh}级发布 ${x.published_on}` : '', ' ',
      h('span', { class: 'muted' }, x.steps.map((s) => `${s.date} ${s.act_zh}`).join(' → '))));
  if (!live && state.me.can.casebook_nominate) {
    const reason = h('textarea', { id: 'cb-reason', rows: 2, 'aria-label': '推荐理由', placeholder: '推荐理由：该案在法律适用、履职方式或社会效果上的典型性' });
    const msg = h('div', { 'aria-live': 'polite' });
    box.append(reason, h('button', { type: 'button', class: 'primary', id: 'cb-nominate', onclick: async () => {
      try {
        const r = await api('/casebook', { method: 'POST', body: { case_id: c.case_id, reason: reason.value } });
        location.hash = '#/casebook/' + encodeURIComponent(r.cand_id);
      } catch (e) { clear(msg).append(errorBox(e)); }
    } }, '提名为典型案例候选'), msg);
  } else if (!(c.casebook || []).length) box.append(h('p', { class: 'muted' }, '尚未提名。'));
  return box;
}
