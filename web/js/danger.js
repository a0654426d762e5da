// danger.js — 社会危险性量化评估 and 封存记录:
//   #/danger: the persons awaiting the 审查逮捕 decision, each with score, band and sub-scores;
//   and (for who sees unit figures) the calibration report: detention rate and 不捕 outcomes
//   by band, and the fairness table at equal score (户籍 local/non-local, age band, gender).
//   #/danger-person/ID: one person's score opened to the fact behind every point.
//   #/sealed: sealed records, for a role with the capability, each visit with a stated reason.
// The score is a reference for the prosecutor, never a decision; scoping and audit are the
// server's.
import { api, qs } from './api.js';
import { h, table, unitSelect, chart } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

const pct = (v) => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');
const pts = (v) => (v > 0 ? '+' + v : String(v));
const BAND_CLASS = { low: 'band-low', mid: 'band-mid', high: 'band-high' };
const band = (b) => h('span', { class: 'badge ' + (BAND_CLASS[b.code] || '') }, b.label);

export async function danger(app, params) {
  const y = state.me.years.default;
  const q = {
    unit: params.get('unit') || state.me.user.unit_id,
    from: params.get('from') || `${y}-01-01`,
    to: params.get('to') || `${y}-12-31`,
  };
  app.append(h('h1', {}, '社会危险性量化评估'),
    h('p', { class: 'muted' }, '按刑诉法第八十一条五种社会危险性分项计分，每一分均列明所依据的案件事实。评分只是参考档位，不代替检察官依全案证据作出的逮捕决定（刑诉规则第135条）。分值为本平台默认配置（data/danger_items.json），无官方公布的权重。'));
  const pending = await api('/danger/persons' + qs({ unit: q.unit, pending: 1, limit: 200 }));
  app.append(h('section', { class: 'card', id: 'danger-pending' },
    h('h2', {}, `待作出逮捕决定（${count(pending.total)} 人）`),
    pending.persons.length ? personsTable(pending.persons, 'dp') : h('p', { class: 'muted', id: 'danger-none' }, '本单位当前没有待审查逮捕的人员。')));
  const recent = await api('/danger/persons' + qs({ unit: q.unit, from: q.from, to: q.to, limit: 50 }));
  app.append(h('section', { class: 'card', id: 'danger-recent' },
    h('h2', {}, `期间内已受理审查逮捕（${count(recent.total)} 人，列出前 ${recent.persons.length} 人）`),
    personsTable(recent.persons, 'dr')));
  if (state.me.can.unit_figures) await report(app, q);
}

function personsTable(list, prefix) {
  return h('table', { class: 't', id: prefix + '-table' },
    h('thead', {}, h('tr', {}, ['人员', '案件', '案由', '单位', '受理审查逮捕', '总分', '档位', '五类危险（①—⑤）与从宽', '决定'].map((t) => h('th', {}, t)))),
    h('tbody', {}, list.map((p) => h('tr', { dataset: { person: p.person_id } },
      h('td', {}, h('a', { href: '#/danger-person/' + encodeURIComponent(p.person_id), class: 'person-link' }, `${p.name || ''}（${p.person_id}）`)),
      h('td', {}, h('a', { href: '#/case/' + encodeURIComponent(p.case_id) }, p.case_no || p.case_id)),
      h('td', {}, p.charge || ''), h('td', {}, p.unit_name), h('td', { class: 'num' }, p.review_date),
      h('td', { class: 'num score' }, String(p.score)), h('td', {}, band(p.band)),
      h('td', { class: 'mono' }, p.subscores.map((s) => pts(s.points)).join(' / ')),
      h('td', {}, p.decision === 'arrest' ? '逮捕' : p.decision === 'no_arrest' ? '不捕' : '待决定')))));
}

export async function dangerPerson(app, id) {
  const d = await api('/danger/score' + qs({ person: id }));
  app.append(h('div', { class: 'bar' }, h('button', { type: 'button', onclick: () => history.back() }, '← 返回'),
    h('h1', { id: 'danger-title' }, `社会危险性评估 · ${d.assessments[0].name || id}`)));
  for (const a of d.assessments) {
    app.append(h('section', { class: 'card danger-card' },
      h('h2', {}, `受理审查逮捕 ${a.review_date} · 案件 `, h('a', { href: '#/case/' + encodeURIComponent(a.case_id) }, a.case_no || a.case_id), ` · ${a.charge || ''}`),
      h('p', {}, h('strong', { class: 'score', id: 'danger-score' }, `总分 ${a.score}`), ' ', band(a.band),
        a.direct_arrest ? h('span', { class: 'warn' }, ' 数据显示符合径行逮捕条件（刑诉法第81条第3款），不以评分为准') : null),
      h('p', { class: 'muted' }, `年龄 ${a.age ?? '未知'} 周岁 · 同案犯罪嫌疑人 ${a.suspects} 人 · 决定：${a.decision === 'arrest' ? '逮捕' : a.decision === 'no_arrest' ? '不捕' : '待决定'}${a.decision_date ? '（' + a.decision_date + '）' : ''}`),
      table(['社会危险性', '分值'], a.subscores.map((s) => [s.label, pts(s.points)]), { numeric: [1] }),
      h('h3', {}, '每一分的依据'),
      a.reasons.length
        ? h('table', { class: 't reasons' },
          h('thead', {}, h('tr', {}, ['分值', '评分项', '案件事实', '依据'].map((t) => h('th', {}, t)))),
          h('tbody', {}, a.reasons.map((r) => h('tr', {}, h('td', { class: 'num' }, pts(r.points)), h('td', {}, r.label), h('td', {}, r.fact), h('td', { class: 'muted' }, r.basis)))))
        : h('p', { class: 'muted' }, '没有计分事实。'),
      h('p', { class: 'muted' }, a.advice)));
  }
  app.append(h('p', { class: 'muted' }, d.assessments[0].note));
}

async function report(app, q) {
  const r = await api('/danger/report' + qs(q));
  const unitSel = unitSelect(state.units, r.unit_id, 'dg-unit');
  const from = h('input', { type: 'date', id: 'dg-from', 'aria-label': '受理审查逮捕日期起', value: q.from });
  const to = h('input', { type: 'date', id: 'dg-to', 'aria-label': '受理审查逮捕日期止', value: q.to });
  const form = h('form', { class: 'bar card', id: 'dg-form' },
    h('label', { for: 'dg-unit' }, '单位'), unitSel,
    h('label', { for: 'dg-from' }, '期间'), from, h('span', { class: 'muted' }, '至'), to,
    h('button', { type: 'submit', class: 'primary' }, '查询'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/danger' + qs({ unit: unitSel.value, from: from.value, to: to.value });
  });
  const chartEl = h('div', { class: 'chart tall', id: 'danger-chart' });
  app.append(h('h2', {}, `校准报告：${r.unit_name}（${r.from} 至 ${r.to}）`), form,
    h('section', { class: 'card', id: 'danger-bands' },
      h('p', {}, `已作出决定 ${count(r.decided)} 人，待决定 ${count(r.pending)} 人。`),
      table(['档位', '人数', '逮捕', '羁押率', '不捕：不构成犯罪', '不捕：证据不足', '不捕：无逮捕必要'],
        r.bands.map((b) => [b.label, count(b.n), count(b.arrested), pct(b.detention_rate), count(b.no_arrest.no_crime), count(b.no_arrest.insufficient_evidence), count(b.no_arrest.no_necessity)]),
        { numeric: [1, 2, 3, 4, 5, 6] }),
      chartEl));
  chart(chartEl, {
    tooltip: { trigger: 'axis' },
    xAxis: { type: 'category', name: '总分', data: r.scores.map((s) => String(s.score)) },
    yAxis: [{ type: 'value', name: '人数' }, { type: 'value', name: '羁押率', max: 1, axisLabel: { formatter: (v) => (v * 100) + '%' } }],
    series: [{ type: 'bar', name: '人数', data: r.scores.map((s) => s.n) },
      { type: 'line', name: '羁押率', yAxisIndex: 1, data: r.scores.map((s) => s.detention_rate) }],
  });
  const fair = h('section', { class: 'card', id: 'danger-fairness' },
    h('h3', {}, `同分比较（公平性检验，${count(r.fairness_population)} 人）`), h('p', { class: 'muted' }, r.method));
  for (const f of r.fairness) {
    const bands = f.groups[0].by_band.map((b) => b.band);
    const labels = Object.fromEntries(r.bands.map((b) => [b.code, b.label]));
    fair.append(h('h4', {}, `${f.label}（参照组：${f.groups.find((g) => g.reference).label}）`),
      h('table', { class: 't fair', dataset: { dimension: f.dimension } },
        h('thead', {}, h('tr', {}, ['组别', '人数', '羁押率', '按分值标准化', '同分差距（百分点）', ...bands.map((b) => labels[b] + ' 羁押率')].map((t) => h('th', {}, t)))),
        h('tbody', {}, f.groups.filter((g) => g.n > 0).map((g) => h('tr', { dataset: { group: g.code }, class: g.gap_vs_reference !== null && Math.abs(g.gap_vs_reference) >= 0.05 ? 'flag' : '' },
          h('td', {}, g.label), h('td', { class: 'num' }, count(g.n)), h('td', { class: 'num' }, pct(g.detention_rate)),
          h('td', { class: 'num' }, pct(g.standardized_rate)),
          h('td', { class: 'num gap' }, g.reference ? '参照' : g.gap_vs_reference === null ? '—' : (g.gap_vs_reference * 100 >= 0 ? '+' : '') + (g.gap_vs_reference * 100).toFixed(1)),
          ...g.by_band.map((b) => h('td', { class: 'num' }, b.n ? `${pct(b.detention_rate)}（${b.n}）` : '—')))))));
  }
  fair.append(h('p', { class: 'muted' }, '差距绝对值达到 5 个百分点的组别以底色标出：同等评分下羁押率差异明显，宜复查是否存在因户籍、年龄或性别而区别对待的情况。'));
  app.append(fair);
}

export async function sealed(app, params) {
  app.append(h('h1', {}, '犯罪记录封存'),
    h('p', { class: 'muted' }, '依刑诉法第二百八十六条封存的记录，除司法机关为办案需要或有关单位根据国家规定查询外，不得提供。查询须说明理由，每次查询均记入审计日志。'));
  const reason = h('input', { id: 'sealed-reason', 'aria-label': '查询理由', size: 40, value: params.get('reason') || '', required: true, minlength: 2, maxlength: 200 });
  const form = h('form', { class: 'bar card', id: 'sealed-form' }, h('label', { for: 'sealed-reason' }, '查询理由'), reason,
    h('button', { type: 'submit', class: 'primary' }, '查询'));
  const out = h('div', { id: 'sealed-result' });
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    try {
      const d = await api('/sealed' + qs({ sealed_reason: reason.value }));
      out.replaceChildren(h('p', {}, `共 ${count(d.sealed.length)} 条封存记录（本次查询已记入审计日志）。`),
        table(['类别', '编号', '姓名/受案号', '案件', '单位', '规则', '依据', '封存日期'],
          d.sealed.map((x) => [x.kind === 'person' ? '人员' : '案件', x.id, x.name, x.case_id, x.unit_id, x.rule, x.basis, x.sealed_on])));
    } catch (err) {
      out.replaceChildren(h('div', { class: 'err', role: 'alert' }, err.message));
    }
  });
  app.append(form, out);
}
