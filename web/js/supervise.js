// supervise.js — 大数据法律监督: 数据集 (upload a CSV and its schema, see rejects), 监督模型
// (run a shipped model over the user's subtree) and 线索 (my leads, the status board, the
// statistics per model and unit, one lead with its evidence side by side, 核查 and 成案).
// A dataset belongs to the unit of the user who uploads it; the list shows the datasets of
// the user's subtree. Leads export as CSV (/api/v1/leads/export, the list's filters).
// Scope, capabilities, masking of id numbers and the audit are the server's; this page only
// shows what it answers.
import { api, qs } from './api.js';
import { h, table, errorBox } from './ui.js';
import { state } from './state.js';

const STATUS = { new: '待分派', assigned: '核查中', verified: '已核查', unfounded: '不属实办结', case: '已成案' };
const FINDING = { confirmed: '属实', unfounded: '不属实' };
const EVENTS = [
  ['suggestion', '检察建议', [['execution', '刑事执行'], ['social_governance', '社会治理'], ['other', '其他']]],
  ['correction_notice', '纠正违法通知书', [['execution', '刑事执行'], ['custody', '监管'], ['enforcement', '执行']]],
  ['pil_lawsuit', '提起公益诉讼', []],
];
const REPLIES = [['rectified', '整改到位'], ['adopted', '采纳'], ['rejected', '不采纳']];
// field names of the shipped datasets, in Chinese
const FIELD = {
  convict_id: '罪犯编号', name: '姓名', id_number: '公民身份号码', birth_date: '出生日期', charge: '罪名',
  sentence_kind: '刑种', institution_kind: '执行场所', unit_id: '监督单位', sentence_start: '刑期起日',
  sentence_end: '刑期止日', term_months: '刑期（月）', release_on: '暂予监外执行日', release_ground: '情形',
  serial: '流水号', pay_month: '发放月份', amount: '金额', status: '状态', agency: '经办机构', employer: '工作单位',
  custody_no: '在押编号', house: '看守所', admitted_on: '入所日期', notice_on: '收到执行通知书日期', left_on: '出所日期',
  left_reason: '出所原因', judgment_no: '判决编号', case_no: '案号', effective_on: '判决生效日期', fine: '罚金',
  filing_no: '立案编号', filed_on: '立案日期', doc_no: '文书编号', trade: '行业', ban_from: '禁止开始', ban_to: '禁止结束',
  reg_no: '登记编号', company: '企业名称', position: '任职类型', registered_on: '登记日期', roster_no: '矫正编号',
  kind: '矫正类别', ground: '暂予监外执行情形', judged_on: '判决生效日期', start_on: '矫正开始', end_on: '矫正结束',
  report_on: '报到日期', unit: '监督检察院', file_no: '档案编号', class: '准驾车型', status_on: '状态变更日期',
  record_no: '记录编号', plate: '号牌号码', record_on: '违法时间', act: '违法行为', settle_no: '结算编号',
  visit_on: '就诊日期', hospital: '医疗机构', visit_kind: '就诊类型',
};
const REQUIRE = { base: '筛查对象', match: '碰撞命中', none: '应有而无' };
const CODE = { fixed: '有期徒刑', life: '无期徒刑', suspended_death: '死刑缓期执行', criminal_detention: '拘役', control: '管制',
  prison: '监狱', detention_house: '看守所', community_corrections: '社区矫正机构', illness: '保外就医' };
const STEP = { created: '模型发现', assigned: '分派', verified: '核查', closed: '办结', case: '成案', reply: '回复' };
const val = (v) => CODE[v] || v;

function readFile(input) {
  const f = input.files && input.files[0];
  return f ? f.text() : Promise.resolve(null);
}

export async function datasets(app) {
  app.append(h('h1', {}, '外部数据集'));
  const msg = h('div', { id: 'ds-msg' });
  if (state.me.can.leads_work) {
    const name = h('input', { id: 'ds-name', 'aria-label': '数据集名称', placeholder: '默认取说明文件中的 name' });
    const csv = h('input', { id: 'ds-csv', type: 'file', accept: '.csv,text/csv', 'aria-label': 'CSV 文件' });
    const schema = h('input', { id: 'ds-schema', type: 'file', accept: '.json,application/json', 'aria-label': '说明文件' });
    const btn = h('button', { type: 'submit', class: 'primary', id: 'ds-submit' }, '登记数据集');
    app.append(h('form', { class: 'card bar', id: 'ds-form', onsubmit: async (e) => {
      e.preventDefault();
      btn.disabled = true;
      try {
        const [c, s] = await Promise.all([readFile(csv), readFile(schema)]);
        if (!c || !s) throw new Error('请选择 CSV 文件和说明文件（JSON）。');
        // the files' own names: what messages name and the dataset keeps as its file name
        const r = await api('/datasets', { method: 'POST', body: { name: name.value, csv: c, schema: s, csv_name: csv.files[0].name, schema_name: schema.files[0].name } });
        const d = r.dataset;
        msg.replaceChildren(h('p', { class: 'ok', role: 'status' }, r.unchanged
          ? `${d.title}（${d.name}）：同一文件已是第 ${d.version} 版，未作改动。`
          : `${d.title}（${d.name}）第 ${d.version} 版：读取 ${d.rows_read} 行，入库 ${d.imported} 行，拒收 ${d.rejected} 行，警告 ${d.warnings} 条。`));
        await list();
        if (d.rejected || d.warnings) await rejects(d.dataset_id);
      } catch (err) { msg.replaceChildren(errorBox(err)); }
      btn.disabled = false;
    } },
    h('label', { for: 'ds-name' }, '名称'), name,
    h('label', { for: 'ds-csv' }, 'CSV 文件'), csv,
    h('label', { for: 'ds-schema' }, '说明文件'), schema, btn));
  }
  app.append(msg);
  const box = h('div', { id: 'ds-list' });
  const rej = h('div', { id: 'ds-rejects' });
  app.append(box, rej);
  async function rejects(id) {
    const r = await api('/datasets/rejects' + qs({ id }));
    rej.replaceChildren(h('h2', {}, `${r.dataset_id} 的拒收与警告行`),
      r.issues.length ? table(['行', '列', '处理', '原因', '原始内容'], r.issues.map((i) =>
        [String(i.line), i.column, i.outcome === 'rejected' ? '拒收' : '警告', i.reason, i.raw])) : h('p', { class: 'muted' }, '没有拒收或警告的行。'));
  }
  async function list() {
    const d = await api('/datasets');
    box.replaceChildren(d.datasets.length ? table(['数据集', '所属单位', '版本', '来源', '接收日期', '读取', '入库', '拒收', '警告', 'SHA-256', ''],
      d.datasets.map((x) => [h('span', {}, x.title, h('br'), h('span', { class: 'muted' }, x.name)), x.unit_id, String(x.version), x.source,
        x.received_on || '', String(x.rows_read), String(x.imported), String(x.rejected), String(x.warnings),
        h('code', { title: x.sha256 }, x.sha256.slice(0, 12) + '…'),
        h('button', { type: 'button', class: 'ds-rej', onclick: () => rejects(x.dataset_id).catch((e) => rej.replaceChildren(errorBox(e))) }, '拒收/警告')]),
      { numeric: [2, 5, 6, 7, 8] }) : h('p', { class: 'muted' }, '尚未登记数据集。'));
  }
  await list();
}

export async function models(app) {
  app.append(h('h1', {}, '大数据法律监督模型'));
  const d = await api('/models');
  const msg = h('div', { id: 'mdl-msg' });
  app.append(msg);
  for (const m of d.models) {
    const btn = state.me.can.leads_work ? h('button', { type: 'button', class: 'primary mdl-run', dataset: { model: m.id }, onclick: async () => {
      btn.disabled = true;
      try {
        const r = await api('/models/run', { method: 'POST', body: { model: m.id } });
        msg.replaceChildren(h('p', { class: 'ok', role: 'status', id: 'mdl-result' },
          `${m.title}（截至 ${r.as_of}）：筛查 ${r.base_rows} 条，命中 ${r.hits} 条，新增线索 ${r.new_leads} 条，模糊关联 ${r.fuzzy_links} 条。`,
          h('a', { href: '#/leads' + qs({ model: m.id }), id: 'mdl-leads' }, ' 查看线索')));
      } catch (e) { msg.replaceChildren(errorBox(e)); }
      btn.disabled = false;
    } }, '运行') : null;
    app.append(h('div', { class: 'card mdl', id: 'mdl-' + m.id },
      h('h2', {}, m.title, ' ', h('span', { class: 'badge' }, m.id)),
      h('p', {}, m.summary),
      h('p', {}, h('strong', {}, '数据来源：'), m.sources.split(';').join('、')),
      h('p', {}, h('strong', {}, '法律依据：'), m.basis),
      h('p', {}, h('strong', {}, '建议措施：'), m.action), btn));
  }
}

export async function leads(app, params) {
  const model = params.get('model') || '';
  const status = params.get('status') || '';
  const mine = params.get('mine') || '';
  app.append(h('h1', {}, '线索'));
  const ms = state.me.can.leads_view ? (await api('/models')).models : [];
  const msel = h('select', { id: 'ld-model', 'aria-label': '模型' }, h('option', { value: '' }, '全部模型'),
    ms.map((m) => h('option', { value: m.id, selected: m.id === model }, m.title)));
  const ssel = h('select', { id: 'ld-status', 'aria-label': '状态' }, h('option', { value: '' }, '全部状态'),
    Object.entries(STATUS).map(([k, v]) => h('option', { value: k, selected: k === status }, v)));
  const mbox = h('input', { type: 'checkbox', id: 'ld-mine', checked: mine === '1' });
  app.append(h('form', { class: 'bar card', onsubmit: (e) => {
    e.preventDefault();
    location.hash = '#/leads' + qs({ model: msel.value, status: ssel.value, mine: mbox.checked ? '1' : '' });
  } }, h('label', { for: 'ld-model' }, '模型'), msel, h('label', { for: 'ld-status' }, '状态'), ssel,
  mbox, h('label', { for: 'ld-mine' }, '我的线索'), h('button', { type: 'submit', class: 'primary' }, '查询'),
  // a plain link: the browser downloads it with the session cookie; the server masks and audits
  h('a', { class: 'button', id: 'ld-export', href: '/api/v1/leads/export' + qs({ model, status, mine }), download: '' }, '导出 CSV')));
  const d = await api('/leads' + qs({ model, status, mine }));
  app.append(h('div', { class: 'grid board', id: 'ld-board' }, Object.entries(STATUS).map(([k, v]) =>
    h('a', { class: 'card', href: '#/leads' + qs({ model, status: k, mine }) }, h('div', { class: 'muted' }, v),
      h('strong', { class: 'big', id: 'ld-n-' + k }, String(d.board[k] || 0))))));
  app.append(d.leads.length ? table(['线索编号', '线索', '姓名', '公民身份号码', '单位', '匹配', '状态'],
    d.leads.map((l) => [h('a', { href: '#/lead/' + encodeURIComponent(l.lead_id), class: 'ld-link' }, l.lead_id), l.title, l.name,
      l.id_number, l.unit_id, l.probability < 1 ? `模糊 ${(l.probability * 100).toFixed(2)}%` : '一致',
      STATUS[l.status] || l.status])) : h('p', { class: 'muted', id: 'ld-none' }, '没有符合条件的线索。'));
  if (state.me.can.leads_view) {
    const s = await api('/leads/stats');
    app.append(h('h2', {}, '一个模型监督一批：按模型和单位统计'),
      table(['模型', '单位', '线索', '已核查', '不属实', '成案', '整改到位'],
        s.stats.map((x) => [(ms.find((m) => m.id === x.model) || { title: x.model }).title, x.unit, String(x.leads), String(x.verified), String(x.unfounded), String(x.cases), String(x.rectified)]),
        { numeric: [2, 3, 4, 5, 6] }));
  }
}

// how a fuzzy link's probability was estimated (src/supervise/linkage.c)
const ESTIMATE = { em: '按本数据估计', prior: '先验参数' };

// Every source as a field/value table, one value column per row: the cards stand side by
// side in columns of ~300px, so a table a column per field (a licence has ten) would be cut
// off; this one wraps long values and scrolls when many rows are linked.
function evidenceCard(src) {
  const head = h('h3', {}, src.title, ' ', h('span', { class: 'badge' }, REQUIRE[src.require] || src.require), h('span', { class: 'muted ev-src' }, ' ' + src.source));
  if (!src.rows.length)
    return h('div', { class: 'card ev', dataset: { source: src.as } }, head,
      h('p', { class: 'muted' }, src.require === 'none' ? '未找到任何应有的记录。' : '无'));
  const keys = [...new Set(src.rows.flatMap((r) => Object.keys(r.values)))];
  const match = (r) => r.match === 'base' ? '筛查对象' : r.match === 'exact' ? '号码一致'
    : h('span', { class: 'tag-warn badge ev-fuzzy', title: src.linkage ? src.linkage.note : null },
      `模糊 ${(r.probability * 100).toFixed(2)}%`, r.estimate ? `（${ESTIMATE[r.estimate] || r.estimate}）` : null);
  const heads = src.rows.length === 1 ? ['值'] : src.rows.map((r) => r.line ? `第 ${r.line} 行` : '');
  const lines = src.require === 'base' ? [] : [['关联', ...src.rows.map(match)]];
  if (src.require !== 'base' && src.rows.length === 1) lines.push(['行号', String(src.rows[0].line || '')]);
  return h('div', { class: 'card ev', dataset: { source: src.as } }, head,
    h('div', { class: 'scroll' }, table(['字段', ...heads],
      [...lines, ...keys.map((k) => [FIELD[k] || k, ...src.rows.map((r) => val(r.values[k] || ''))])])));
}

export async function leadPage(app, id) {
  const l = await api('/leads/' + encodeURIComponent(id));
  const me = state.me;
  app.append(h('h1', {}, l.title),
    h('p', {}, h('span', { class: 'badge', id: 'lead-status' }, STATUS[l.status] || l.status), ` ${l.lead_id} · 单位 ${l.unit_id} · 发现于 ${l.created_on}`,
      l.case_id ? h('a', { href: '#/case/' + encodeURIComponent(l.case_id), id: 'lead-case' }, ` 案件 ${l.case_id}`) : null),
    h('div', { class: 'card' }, h('p', {}, h('strong', {}, '法律依据：'), l.basis), h('p', {}, h('strong', {}, '建议措施：'), l.action),
      l.finding ? h('p', { id: 'lead-finding' }, h('strong', {}, '核查结论：'), FINDING[l.finding] || l.finding, '；', l.notes, l.attachments ? `（附件：${l.attachments}）` : '') : null));
  app.append(h('h2', {}, '证据（各数据源并列）'),
    h('div', { class: 'grid evidence', id: 'lead-evidence' }, (l.evidence && l.evidence.sources || []).map(evidenceCard)));
  const msg = h('div', { id: 'lead-msg' });
  const when = h('input', { type: 'date', id: 'lead-date', 'aria-label': '办理日期', value: new Date().toISOString().slice(0, 10) });
  const act = async (what, body) => {
    try {
      await api(`/leads/${encodeURIComponent(id)}/${what}`, { method: 'POST', body: { ...body, date: when.value || undefined } });
      location.hash = '#/lead/' + encodeURIComponent(id) + '?t=' + Date.now();
    } catch (e) { msg.replaceChildren(errorBox(e)); }
  };
  const forms = h('div', { id: 'lead-actions' });
  const mineOrWork = me.can.leads_work || (me.user.staff_id && me.user.staff_id === l.assignee);
  if ((l.status === 'new' || l.status === 'assigned') && me.can.leads_work) {
    const staff = h('input', { id: 'lead-staff', 'aria-label': '承办检察官', value: l.assignee || me.user.staff_id || '' });
    forms.append(h('form', { class: 'card bar', id: 'lead-assign', onsubmit: (e) => { e.preventDefault(); act('assign', { staff_id: staff.value }); } },
      h('label', { for: 'lead-staff' }, '分派给（人员编号）'), staff, h('button', { type: 'submit', class: 'primary' }, '分派')));
  }
  if (l.status === 'assigned' && mineOrWork) {
    const f = h('select', { id: 'lead-findingsel', 'aria-label': '核查结论' }, Object.entries(FINDING).map(([k, v]) => h('option', { value: k }, v)));
    const notes = h('textarea', { id: 'lead-notes', 'aria-label': '核查情况', rows: 3 });
    const att = h('textarea', { id: 'lead-attach', 'aria-label': '附件', rows: 2 });
    forms.append(h('form', { class: 'card', id: 'lead-verify', onsubmit: (e) => { e.preventDefault(); act('verify', { finding: f.value, notes: notes.value, attachments: att.value }); } },
      h('h3', {}, '核查'), h('label', { for: 'lead-findingsel' }, '结论'), f,
      h('label', { for: 'lead-notes' }, '核查情况'), notes, h('label', { for: 'lead-attach' }, '附件（文字）'), att,
      h('button', { type: 'submit', class: 'primary' }, '提交核查结论')));
  }
  if (l.status === 'verified' && l.finding === 'unfounded' && mineOrWork)
    forms.append(h('button', { type: 'button', id: 'lead-close', onclick: () => act('close', {}) }, '不属实，办结线索'));
  if (l.status === 'verified' && l.finding === 'confirmed' && mineOrWork) {
    const ev = h('select', { id: 'lead-event', 'aria-label': '文书' }, EVENTS.map(([k, v]) => h('option', { value: k }, v)));
    const res = h('select', { id: 'lead-result', 'aria-label': '类别' });
    const fill = () => res.replaceChildren(...(EVENTS.find((x) => x[0] === ev.value)[2]).map(([k, v]) => h('option', { value: k }, v)));
    ev.addEventListener('change', fill);
    fill();
    forms.append(h('form', { class: 'card bar', id: 'lead-tocase', onsubmit: (e) => { e.preventDefault(); act('case', { event: ev.value, result: res.value || undefined }); } },
      h('label', { for: 'lead-event' }, '转为案件并制发'), ev, h('label', { for: 'lead-result' }, '类别'), res,
      h('button', { type: 'submit', class: 'primary' }, '成案')));
  }
  if (l.status === 'case' && mineOrWork) {
    const r = h('select', { id: 'lead-reply', 'aria-label': '回复结果' }, REPLIES.map(([k, v]) => h('option', { value: k }, v)));
    forms.append(h('form', { class: 'card bar', id: 'lead-replyform', onsubmit: (e) => { e.preventDefault(); act('reply', { result: r.value }); } },
      h('label', { for: 'lead-reply' }, '被监督单位回复'), r, h('button', { type: 'submit' }, '记录回复')));
  }
  if (forms.childNodes.length) forms.prepend(h('p', { class: 'bar' }, h('label', { for: 'lead-date' }, '办理日期'), when));
  app.append(msg, forms, h('h2', {}, '办理过程'),
    table(['日期', '步骤', '办理人', '说明'], (l.steps || []).map((s) => [s.on || '', STEP[s.step] || s.step, s.who, FINDING[s.note] || s.note])));
}
