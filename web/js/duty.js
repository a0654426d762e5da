// duty.js — 办案责任 (谁办案谁负责、谁决定谁负责):
//   办案责任账本: the server recomputes the hash chain of acts and the link of each entry to
//   the row it records (admin and 院领导), and shows "intact" or the first broken entry.
//   领导干部办案: leaders' own cases by unit, level or line, their share of all cases and of
//   the 重大疑难复杂 ones against each unit's expectation; every number drills down to its cases.
// Scoping, roles and auditing are the server's; this page only shows what it answers.
import { api, qs } from './api.js';
import { h, table, unitSelect } from './ui.js';
import { count } from './fmt.js';
import { state } from './state.js';

const pct = (v) => (v === null || v === undefined ? '—' : (v * 100).toFixed(1) + '%');

export async function duty(app, params) {
  app.append(h('h1', {}, '办案责任'),
    h('p', { class: 'muted' }, '谁办案谁负责、谁决定谁负责：每一项办案行为（承办人、决定人、日期）都记入不可改写的哈希链账本。'));
  if (state.me.can.ledger) app.append(ledgerSection());
  if (state.me.can.leaders) await leaders(app, params);
}

function ledgerSection() {
  const out = h('div', { id: 'ledger-result' }, h('p', { class: 'muted' }, '校验会读取全部数据，数据量大时需要一些时间。'));
  const btn = h('button', { type: 'button', class: 'primary', id: 'ledger-verify' }, '校验账本');
  btn.addEventListener('click', async () => {
    btn.disabled = true;
    out.replaceChildren(h('p', { class: 'muted' }, '正在校验……'));
    try {
      const v = await api('/ledger/verify');
      out.replaceChildren(v.intact
        ? h('div', { class: 'ok', id: 'ledger-intact' },
          `账本完整：${count(v.entries)} 条记录，${count(v.rows)} 行数据与记录一致。`,
          h('div', { class: 'mono' }, `链尾哈希 ${v.head}`))
        : h('div', { class: 'err', id: 'ledger-broken', role: 'alert' },
          h('strong', {}, `账本校验失败：${v.first.entry ? `第 ${v.first.entry} 条` : '无账本记录'}（${v.first.kind_zh}）`),
          h('div', {}, v.first.table ? `表 ${v.first.table}，编号 ${v.first.id || '—'}（行 ${v.first.rid}）` : ''),
          h('div', {}, v.first.what_zh),
          h('div', { class: 'muted' }, `共发现 ${count(v.problems)} 处问题。`)));
    } catch (e) {
      out.replaceChildren(h('div', { class: 'err' }, e.message));
    } finally {
      btn.disabled = false;
    }
  });
  return h('section', { class: 'card', id: 'ledger' }, h('h2', {}, '办案责任账本'), btn, out);
}

const BY = [['unit', '按单位'], ['level', '按层级'], ['line', '按条线']];

async function leaders(app, params) {
  const y = state.me.years.default;
  const q = {
    unit: params.get('unit') || state.me.user.unit_id,
    from: params.get('from') || `${y}-01-01`,
    to: params.get('to') || `${y}-12-31`,
    by: params.get('by') || 'unit',
  };
  const d = await api('/leaders' + qs(q));
  const unitSel = unitSelect(state.units, d.unit_id, 'ld-unit');
  const from = h('input', { type: 'date', id: 'ld-from', 'aria-label': '受理日期起', value: q.from });
  const to = h('input', { type: 'date', id: 'ld-to', 'aria-label': '受理日期止', value: q.to });
  const by = h('select', { id: 'ld-by', 'aria-label': '分组' }, BY.map(([v, l]) => h('option', { value: v, selected: v === q.by }, l)));
  const list = h('div', { id: 'ld-cases' });
  const form = h('form', { class: 'bar card', id: 'ld-form' },
    h('label', { for: 'ld-unit' }, '单位'), unitSel,
    h('label', { for: 'ld-from' }, '受理日期'), from, h('span', { class: 'muted' }, '至'), to,
    h('label', { for: 'ld-by' }, '分组'), by,
    h('button', { type: 'submit', class: 'primary' }, '查询'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    location.hash = '#/duty' + qs({ unit: unitSel.value, from: from.value, to: to.value, by: by.value });
  });
  const ex = d.expectation;
  const drill = (row, opts, label) => h('a', {
    href: '#', class: 'num drill', dataset: { key: row.key, opts },
    onclick: async (e) => {
      e.preventDefault();
      await showCases(list, q, row, opts, label);
    },
  }, label);
  app.append(h('section', { class: 'card', id: 'leaders' },
    h('h2', {}, '领导干部办案'),
    form,
    h('p', { class: 'muted' }, `承办人为院领导（检察长、副检察长、检委会专职委员）的案件；按受理日期计。期望值：领导办案占比不低于 ${pct(ex.share)}，`
      + `重大疑难复杂案件由领导办理的占比不低于 ${pct(ex.complex_share)}（未设置的显示“—”，可用 zhixiao leaders expect 设置）。`),
    h('table', { class: 't', id: 'ld-table' },
      h('thead', {}, h('tr', {}, [q.by === 'unit' ? '单位' : q.by === 'level' ? '层级' : '条线', '案件数', '领导办案', '占比', '期望',
        '重大疑难复杂', '其中领导办理', '占比', '期望', ''].map((t, i) => h('th', { class: i > 0 && i < 9 ? 'n' : null }, t)))),
      h('tbody', {}, d.rows.map((r) => h('tr', { class: r.key === 'total' ? 'total' : null, dataset: { key: r.key } },
        h('td', {}, r.name || r.key, r.level ? h('span', { class: 'muted' }, `（${r.level}）`) : null),
        h('td', { class: 'n' }, drill(r, 'all', count(r.cases))),
        h('td', { class: 'n' }, drill(r, 'leader', count(r.leader_cases))),
        h('td', { class: 'n' }, pct(r.share)), h('td', { class: 'n muted' }, pct(r.expected_share)),
        h('td', { class: 'n' }, drill(r, 'complex', count(r.complex))),
        h('td', { class: 'n' }, drill(r, 'leader-complex', count(r.leader_complex))),
        h('td', { class: 'n' }, pct(r.complex_share)), h('td', { class: 'n muted' }, pct(r.expected_complex_share)),
        h('td', {}, r.below ? h('span', { class: 'badge bad' }, '低于期望') : ''))))),
    list));
}

async function showCases(list, q, row, opts, label) {
  const p = { ...q, key: row.key, all: opts === 'all' || opts === 'complex' ? 1 : '', complex: opts.endsWith('complex') ? 1 : '' };
  const d = await api('/leaders/cases' + qs(p));
  const what = { all: '全部案件', leader: '领导办理的案件', complex: '重大疑难复杂案件', 'leader-complex': '领导办理的重大疑难复杂案件' }[opts];
  list.replaceChildren(h('h3', { id: 'ld-cases-title' }, `${row.name || row.key}：${what}（${label} 件${d.cases.length < Number(String(label).replace(/\D/g, '')) ? `，列出前 ${d.cases.length} 件` : ''}）`),
    table(['案件', '承办单位', '条线', '承办人', '职务', '重大疑难复杂', '受理日期', '审结日期'],
      d.cases.map((c) => [h('a', { href: '#/case/' + encodeURIComponent(c.case_id) }, c.case_no || c.case_id), c.unit_name || c.unit_id, c.line || '',
        c.handler.name || '', h('span', {}, c.handler.role || '', c.handler.is_leader ? h('span', { class: 'badge' }, '院领导') : null),
        c.complex ? '是' : '', c.accepted_on || '', c.closed_on || '—'])));
}
