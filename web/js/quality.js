// quality.js — 案件质量评查 and 办案瑕疵积分 (GET/POST /api/v1/quality/…, GET /api/v1/flaws).
// #/quality: plans (案管 creates one) and the reviews the user may see (a prosecutor: own);
// #/quality?plan=ID: the plan's cases and why each was chosen, each to review or its result;
// #/quality?plan=ID&case=C: the review form (评查员); #/quality?review=ID: a result with its
// findings, the prosecutor's 异议 and the reviewer's answer. #/flaws: a year's flaw points per
// prosecutor, every point opening its case and its source. The server checks and scopes.
import { api, qs } from './api.js';
import { h, table, unitSelect, errorBox } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

const KINDS = [['routine', '常规抽查'], ['focus', '重点评查'], ['special', '专项评查']];
const LINES = [['', '不限'], ['criminal', '刑事检察'], ['civil', '民事检察'], ['administrative', '行政检察'], ['public_interest', '公益诉讼检察']];
const RESULTS = [['ok', '符合'], ['flaw', '瑕疵'], ['error', '错误']];
const GRADE_BADGE = { excellent: 'tag-good', basic: 'tag-warn', unqualified: 'tag-bad' };
const today = () => new Date().toISOString().slice(0, 10);
const gradeBadge = (code, label) => h('span', { class: 'badge grade ' + (GRADE_BADGE[code] || '') }, label || '—');

let rulesCache = null;
async function rules() {
  if (!rulesCache) rulesCache = await api('/quality/rules');
  return rulesCache;
}

export async function quality(app, params) {
  app.classList.add('quality');
  if (params.get('review')) return reviewPage(app, params.get('review'));
  if (params.get('plan') && params.get('case')) return formPage(app, params.get('plan'), params.get('case'));
  if (params.get('plan')) return planPage(app, params.get('plan'));
  return home(app);
}

async function home(app) {
  const can = state.me.can;
  app.append(h('h1', {}, '案件质量评查'));
  const msg = h('div', { id: 'qr-msg' });
  app.append(msg);
  if (can.quality_plan) {
    const kind = h('select', { id: 'qp-kind', 'aria-label': '评查类型' }, KINDS.map(([v, l]) => h('option', { value: v }, l)));
    const unit = unitSelect(state.units, state.me.user.unit_id, 'qp-unit');
    const y = (state.me.years && state.me.years.last) || new Date().getFullYear();
    const from = h('input', { type: 'date', id: 'qp-from', 'aria-label': '办结日期起', value: `${y}-01-01` });
    const to = h('input', { type: 'date', id: 'qp-to', 'aria-label': '办结日期止', value: `${y}-12-31` });
    const ratio = h('input', { type: 'number', id: 'qp-ratio', 'aria-label': '抽查比例（%）', min: '1', max: '100', value: '5' });
    const charge = h('input', { type: 'text', id: 'qp-charge', 'aria-label': '罪名', placeholder: '如：盗窃罪' });
    const line = h('select', { id: 'qp-line', 'aria-label': '条线' }, LINES.map(([v, l]) => h('option', { value: v }, l)));
    const dept = h('input', { type: 'text', id: 'qp-dept', 'aria-label': '部门', placeholder: '承办部门' });
    const title = h('input', { type: 'text', id: 'qp-title', 'aria-label': '计划名称', placeholder: '计划名称' });
    const special = h('span', { class: 'special-only hidden' }, h('label', { for: 'qp-charge' }, '罪名'), charge,
      h('label', { for: 'qp-line' }, '条线'), line, h('label', { for: 'qp-dept' }, '部门'), dept);
    const routine = h('span', { class: 'routine-only' }, h('label', { for: 'qp-ratio' }, '抽查比例（%）'), ratio);
    kind.addEventListener('change', () => {
      special.classList.toggle('hidden', kind.value !== 'special');
      routine.classList.toggle('hidden', kind.value !== 'routine');
    });
    const submit = async (e) => {
      e.preventDefault();
      const btn = e.target.querySelector('button');
      btn.disabled = true;
      try {
        const body = { kind: kind.value, unit_id: unit.value, from: from.value, to: to.value, title: title.value || undefined, date: today() };
        if (kind.value === 'routine') body.ratio = Number(ratio.value) / 100;
        if (kind.value === 'special') Object.assign(body, { charge: charge.value || undefined, line: line.value || undefined, department: dept.value || undefined });
        const p = await api('/quality/plans', { method: 'POST', body });
        location.hash = '#/quality' + qs({ plan: p.plan_id });
      } catch (err) { msg.replaceChildren(errorBox(err)); btn.disabled = false; }
    };
    app.append(h('form', { class: 'card bar', id: 'qp-form', onsubmit: submit },
      h('h2', {}, '制定评查计划'),
      h('label', { for: 'qp-kind' }, '类型'), kind, h('label', { for: 'qp-unit' }, '单位'), unit,
      h('label', { for: 'qp-from' }, '办结日期'), from, '至', to, routine, special,
      h('label', { for: 'qp-title' }, '名称'), title,
      h('button', { type: 'submit', class: 'primary' }, '生成计划'),
      h('p', { class: 'muted' }, '只评查已办结案件。常规抽查按承办检察官、季度以计划编号为密钥随机抽取，同一计划结果可复现，每名检察官至少一件；重点评查纳入有风险信号的全部案件（无罪判决、撤回起诉、复议复核改变、捕后不诉、量刑建议未采纳、超期办结、检察建议不被采纳等）；专项评查按所选条件。')));
  }
  if (can.unit_figures) {
    const plans = (await api('/quality/plans')).items;
    const rows = plans.map((p) => [h('a', { href: '#/quality' + qs({ plan: p.plan_id }), class: 'mono' }, p.plan_id),
      p.kind_label, p.title || '', p.unit_id, `${p.from} 至 ${p.to}`, count(p.cases), count(p.reviewed), p.created_by]);
    const t = table(['计划编号', '类型', '名称', '单位', '办结期间', '案件', '已评查', '制定人'], rows, { numeric: [5, 6] });
    t.id = 'qp-list';
    app.append(h('section', { class: 'card' }, h('h2', {}, `评查计划（${plans.length} 个）`),
      plans.length ? t : h('p', { class: 'muted' }, '暂无评查计划。')));
  }
  const reviews = (await api('/quality/reviews')).items;
  app.append(h('section', { class: 'card' },
    h('h2', {}, can.unit_figures ? `评查结果（${reviews.length} 件）` : `本人案件的评查结果（${reviews.length} 件）`),
    reviews.length ? reviewTable(reviews) : h('p', { class: 'muted', id: 'qr-none' }, '暂无评查结果。')));
}

function reviewTable(items) {
  const t = table(['评查编号', '案件', '承办检察官', '评查人', '评定日期', '等次', '异议'], items.map((r) => [
    h('a', { href: '#/quality' + qs({ review: r.review_id }), class: 'mono' }, r.review_id),
    h('a', { href: '#/case/' + encodeURIComponent(r.case_id), class: 'mono' }, r.case_id),
    h('span', {}, r.handler_id || '', r.mine ? h('span', { class: 'badge tag-warn mine' }, '本人') : ''),
    r.reviewer, r.graded_on,
    gradeBadge(r.effective_grade, r.final_grade_label || r.grade_label),
    r.responded_on ? '已答复' : r.objected_on ? '待答复' : '—']));
  t.id = 'qr-list';
  return t;
}

async function planPage(app, id) {
  const p = await api(`/quality/plans/${encodeURIComponent(id)}`);
  const rl = await rules();
  const sig = Object.fromEntries(rl.signals.map((s) => [s.id, s.label]));
  const reason = (r) => r.split(',').map((x) => sig[x] || (x.startsWith('sample') ? '随机抽取' + x.slice(6) : x === 'filter' ? '符合专项条件' : x)).join('、');
  app.append(h('p', {}, h('a', { href: '#/quality' }, '← 案件质量评查')));
  app.append(h('h1', {}, `${p.kind_label} ${p.plan_id}`));
  app.append(h('p', { class: 'summary', id: 'qp-summary' }, `${p.title || ''} 单位 ${p.unit_id}，办结期间 ${p.from} 至 ${p.to}`,
    p.ratio ? `，抽查比例 ${(p.ratio * 100).toFixed(1)}%` : '', p.filter ? `，条件 ${p.filter}` : '',
    `；案件 ${count(p.cases)} 件，已评查 ${count(p.reviewed)} 件。`));
  const canReview = state.me.can.quality_review;
  const rows = p.items.map((c) => [
    h('a', { href: '#/case/' + encodeURIComponent(c.case_id), class: 'mono' }, c.case_id),
    c.handler_id || '—', c.unit_id, reason(c.reason),
    c.review_id ? h('span', {}, gradeBadge(c.grade, c.grade_label), ' ', h('a', { href: '#/quality' + qs({ review: c.review_id }), class: 'mono' }, c.review_id))
      : canReview ? h('a', { href: '#/quality' + qs({ plan: p.plan_id, case: c.case_id }), class: 'review-link' }, '评查') : '待评查']);
  const t = table(['案件', '承办检察官', '单位', '入选原因', '评查结果'], rows);
  t.id = 'qp-cases';
  app.append(h('section', { class: 'card' }, h('h2', {}, '计划案件'), p.items.length ? t : h('p', { class: 'muted' }, '没有符合条件的已办结案件。')));
}

async function formPage(app, plan, caseId) {
  const rl = await rules();
  app.append(h('p', {}, h('a', { href: '#/quality' + qs({ plan }) }, `← 评查计划 ${plan}`)));
  app.append(h('h1', {}, `案件质量评查表 · ${caseId}`));
  app.append(h('p', {}, h('a', { href: '#/case/' + encodeURIComponent(caseId) }, '查看案件办理过程')));
  const msg = h('div', { id: 'qf-msg' });
  const sits = (res) => h('select', { class: 'situation', 'aria-label': '瑕疵情形', disabled: res === 'ok' },
    h('option', { value: '' }, '—'), rl.situations.map((s) => h('option', { value: s.code }, `${s.aspect}：${s.label}（${s.points} 分）`)));
  const inputs = [];
  const rows = rl.items.map((it) => {
    const res = h('select', { class: 'result', 'aria-label': `${it.label}意见`, dataset: { item: it.id } }, RESULTS.map(([v, l]) => h('option', { value: v }, l)));
    const sit = sits('ok');
    const note = h('input', { type: 'text', class: 'note', 'aria-label': `${it.label}说明` });
    res.addEventListener('change', () => { sit.disabled = res.value === 'ok'; if (res.value === 'ok') sit.value = ''; });
    inputs.push({ id: it.id, res, sit, note });
    return [it.group, it.label, res, sit, note];
  });
  const t = table(['评查项目', '评查内容', '意见', '瑕疵情形', '说明'], rows);
  t.id = 'qf-items';
  const excellent = h('input', { type: 'checkbox', id: 'qf-excellent' });
  const notes = h('textarea', { id: 'qf-notes', 'aria-label': '评查意见', rows: '3' });
  const date = h('input', { type: 'date', id: 'qf-date', 'aria-label': '评定日期', value: today() });
  const submit = async (e) => {
    e.preventDefault();
    const btn = e.target.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      const findings = inputs.filter((x) => x.res.value !== 'ok' || x.note.value)
        .map((x) => ({ item: x.id, result: x.res.value, code: x.sit.value || undefined, note: x.note.value || undefined }));
      const r = await api('/quality/reviews', { method: 'POST', body: { plan_id: plan, case_id: caseId, findings, excellent: excellent.checked, notes: notes.value || undefined, date: date.value } });
      location.hash = '#/quality' + qs({ review: r.review_id });
    } catch (err) { msg.replaceChildren(errorBox(err)); btn.disabled = false; }
  };
  app.append(h('form', { class: 'card', id: 'qf-form', onsubmit: submit }, t,
    h('div', { class: 'bar' }, excellent, h('label', { for: 'qf-excellent' }, '提出评为优质（仅限各项均符合）')),
    h('div', { class: 'bar' }, h('label', { for: 'qf-notes' }, '评查意见'), notes),
    h('div', { class: 'bar' }, h('label', { for: 'qf-date' }, '评定日期'), date, h('button', { type: 'submit', class: 'primary', id: 'qf-submit' }, '提交并评定等次')),
    msg,
    h('p', { class: 'def' }, `等次规则（Q-GRADE）：有“错误”或瑕疵达 ${rl.fail_flaws} 项的为不合格；有瑕疵的为基本合格；无瑕疵的为合格，评查员提出的可评为优质。四个等次为 2026 年《人民检察院案件质量检查与评查工作规定》所定；各等次的具体标准为本系统默认规则，可在 data/review_form.json 中调整。`)));
}

async function reviewPage(app, id) {
  const r = await api(`/quality/reviews/${encodeURIComponent(id)}`);
  const can = state.me.can;
  app.append(h('p', {}, h('a', { href: '#/quality' }, '← 案件质量评查'), ' ', can.unit_figures ? h('a', { href: '#/quality' + qs({ plan: r.plan_id }) }, `评查计划 ${r.plan_id}`) : ''));
  app.append(h('h1', {}, `评查结果 ${r.review_id}`));
  app.append(h('p', { class: 'summary', id: 'qv-summary' }, '案件 ', h('a', { href: '#/case/' + encodeURIComponent(r.case_id), class: 'mono' }, r.case_id),
    `，承办检察官 ${r.handler_id || '—'}，评查人 ${r.reviewer}，${r.graded_on} 评定为 `, gradeBadge(r.grade, r.grade_label),
    r.final_grade ? h('span', {}, '，答复异议后改为 ', gradeBadge(r.final_grade, r.final_grade_label)) : '', '。'));
  const rows = r.findings.map((f) => [f.group, f.label, h('span', { class: 'badge ' + (f.result === 'ok' ? '' : f.result === 'flaw' ? 'tag-warn' : 'tag-bad') }, { ok: '符合', flaw: '瑕疵', error: '错误' }[f.result]),
    f.code ? `${f.code} ${f.code_label || ''}（${f.points} 分）` : '', f.note || '']);
  const t = table(['评查项目', '评查内容', '意见', '瑕疵情形', '说明'], rows);
  t.id = 'qv-findings';
  app.append(h('section', { class: 'card' }, h('h2', {}, '逐项评查意见'), t, r.notes ? h('p', {}, '评查意见：', r.notes) : ''));
  const msg = h('div', { id: 'qv-msg' });
  const sec = h('section', { class: 'card', id: 'qv-objection' }, h('h2', {}, '异议与答复'), msg);
  if (r.objected_on) sec.append(h('p', { id: 'qv-objection-text' }, `${r.objected_on} 承办检察官 ${r.objected_by} 提出异议：${r.objection}`));
  if (r.responded_on) sec.append(h('p', { id: 'qv-response-text' }, `${r.responded_on} ${r.responded_by} 答复：${r.response}`));
  const post = (path, body) => async (e) => {
    e.preventDefault();
    const btn = e.target.querySelector('button');
    btn.disabled = true;
    try {
      await api(`/quality/reviews/${encodeURIComponent(id)}/${path}`, { method: 'POST', body: body() });
      location.hash = '#/quality' + qs({ review: id, t: Date.now() });
    } catch (err) { msg.replaceChildren(errorBox(err)); btn.disabled = false; }
  };
  if (r.mine && !r.objected_on) {
    const text = h('textarea', { id: 'qv-object-text', 'aria-label': '异议理由', rows: '3' });
    sec.append(h('form', { id: 'qv-object-form', onsubmit: post('objection', () => ({ text: text.value, date: today() })) },
      h('label', { for: 'qv-object-text' }, '对评查结果有异议的，写明理由：'), text, h('button', { type: 'submit', class: 'primary' }, '提出异议')));
  }
  if (can.quality_review && r.objected_on && !r.responded_on) {
    const text = h('textarea', { id: 'qv-respond-text', 'aria-label': '答复意见', rows: '3' });
    const g = h('select', { id: 'qv-respond-grade', 'aria-label': '答复后等次' }, h('option', { value: '' }, '维持原等次'),
      (await rules()).grades.map((x) => h('option', { value: x.id }, `改为${x.label}`)));
    sec.append(h('form', { id: 'qv-respond-form', onsubmit: post('response', () => ({ text: text.value, grade: g.value || undefined, date: today() })) },
      h('label', { for: 'qv-respond-text' }, '答复意见'), text, g, h('button', { type: 'submit', class: 'primary' }, '答复')));
  }
  if (!r.objected_on && !r.mine) sec.append(h('p', { class: 'muted' }, '承办检察官未提出异议。'));
  app.append(sec);
}

// ---- 办案瑕疵积分 ----

export async function flaws(app, params) {
  app.classList.add('flaws');
  const unit = params.get('unit') || state.me.user.unit_id;
  const year = params.get('year') || String((state.me.years && state.me.years.last) || new Date().getFullYear());
  const staff = params.get('staff') || '';
  const d = await api('/flaws' + qs({ unit, year, staff }));
  app.append(h('h1', {}, '办案瑕疵积分'));
  const unitSel = unitSelect(state.units, d.unit.id, 'fl-unit');
  const y = h('input', { type: 'number', id: 'fl-year', 'aria-label': '年度', min: '2000', max: '2099', value: year });
  app.append(h('form', { class: 'bar card', id: 'fl-form', onsubmit: (e) => { e.preventDefault(); location.hash = '#/flaws' + qs({ unit: unitSel.value, year: y.value }); } },
    h('label', { for: 'fl-unit' }, '单位'), unitSel, h('label', { for: 'fl-year' }, '年度'), y,
    h('button', { type: 'submit', class: 'primary' }, '查询')));
  const over = new Set(d.over.map((o) => o.staff_id + '|' + o.case_id));
  const rows = d.staff.map((s) => [
    h('a', { href: '#/flaws' + qs({ unit: d.unit.id, year, staff: s.staff_id }), class: 'staff-link' }, s.name || s.staff_id),
    s.unit_id, count(s.reviews), count(s.grades.excellent), count(s.grades.qualified), count(s.grades.basic), count(s.grades.unqualified),
    h('strong', {}, count(s.points)), s.cases_over ? h('span', { class: 'badge tag-bad' }, `${s.cases_over} 件`) : '—']);
  const t = table(['检察官', '单位', '评查件数', '优质', '合格', '基本合格', '不合格', '瑕疵积分', '达到惩戒分值的案件'], rows, { numeric: [2, 3, 4, 5, 6, 7] });
  t.id = 'fl-staff';
  app.append(h('section', { class: 'card' }, h('h2', {}, `${d.unit.name} ${d.year} 年（${d.staff.length} 名检察官）`),
    d.staff.length ? t : h('p', { class: 'muted', id: 'fl-none' }, '该年度没有评查结果和瑕疵积分。')));
  const pts = staff ? d.points.filter((p) => p.staff_id === staff) : d.points;
  const prow = pts.map((p) => [p.staff_id,
    h('a', { href: '#/case/' + encodeURIComponent(p.case_id), class: 'mono case-link' }, p.case_id),
    p.source_label,
    p.source === 'review' ? h('a', { href: '#/quality' + qs({ review: p.source_id.split('/')[0] }), class: 'mono' }, p.source_id) : h('span', { class: 'mono' }, p.source_id),
    `${p.aspect}：${p.label}`, count(p.points), p.on,
    over.has(p.staff_id + '|' + p.case_id) ? h('span', { class: 'badge tag-bad' }, `本案达 ${p.public_prosecution ? d.thresholds.public_prosecution : d.thresholds.other} 分`) : '']);
  const pt = table(['检察官', '案件', '来源', '来源编号', '瑕疵情形', '分值', '日期', ''], prow, { numeric: [5] });
  pt.id = 'fl-points';
  app.append(h('section', { class: 'card' }, h('h2', {}, staff ? `${staff} 的积分明细（${pts.length} 项）` : `积分明细（${pts.length} 项）`),
    pts.length ? pt : h('p', { class: 'muted' }, '没有积分。')));
  app.append(h('p', { class: 'def' }, `积分来源：评查发现的瑕疵、超期办结（流程监控）、流程监控通知书。瑕疵情形与九个方面依《天水市检察机关检察官办案瑕疵累计积分惩戒办法（试行）》；各情形分值未见公开文本，为本系统默认配置（data/flaw_rules.json），可按本院办法调整。单案累计达公诉案件 ${d.thresholds.public_prosecution} 分、其他案件 ${d.thresholds.other} 分的，启动惩戒程序。`));
}
