// imports.js — 数据导入: upload a bundle zip, show the report and the rejected rows with reasons.
import { api, qs } from './api.js';
import { h, clear, errorBox, pager, table } from './ui.js';
import { count } from './fmt.js';

export async function imports(app, params) {
  const file = h('input', { type: 'file', id: 'imp-file', accept: '.zip,application/zip', 'aria-label': '数据包' });
  const btn = h('button', { type: 'submit', class: 'primary', id: 'imp-submit' }, '上传并导入');
  const out = h('section', { id: 'imp-result' });
  const issues = h('section', { id: 'imp-issues' });
  const list = h('section', { id: 'imp-list', class: 'card' });
  app.append(h('h1', {}, '数据导入'),
    h('form', { class: 'card bar', id: 'imp-form', onsubmit: async (e) => {
      e.preventDefault();
      if (!file.files.length) { clear(out).append(errorBox(new Error('请选择 zip 数据包'))); return; }
      btn.disabled = true;
      clear(out).append(h('p', { class: 'muted' }, '正在上传与校验，请稍候…'));
      clear(issues);
      try {
        const buf = await file.files[0].arrayBuffer();
        const r = await api('/imports', { method: 'POST', raw: buf, headers: { 'Content-Type': 'application/zip' } });
        showReport(out, r.report);
        if (r.report.issues) await showIssues(issues, r.report.import_id, 1);
      } catch (err) {
        clear(out).append(errorBox(err));
        if (err.body && err.body.error && err.body.error.message_en) out.append(h('p', { class: 'mono' }, err.body.error.message_en));
        if (err.body && err.body.report) showReport(out, err.body.report, true);
      } finally { btn.disabled = false; await showList(list, issues); }
    } },
      h('label', { for: 'imp-file' }, '数据包（zip，内含 units.csv、cases.csv、events.csv 等）'), file, btn,
      h('span', { class: 'muted' }, '一次导入为一个事务：要么全部入库，要么不改变任何数据；不合格的行被拒收并说明原因。')),
    out, issues, h('h2', {}, '导入记录'), list);
  await showList(list, issues);
  if (params.get('id')) await showIssues(issues, params.get('id'), 1);
}

function showReport(box, r, failed) {
  clear(box).append(h('div', { class: failed ? 'err' : r.rejected ? 'err' : 'ok', id: 'imp-summary' },
    failed ? '数据包结构错误，未导入任何数据。'
      : `导入完成：读取 ${count(r.read)} 行，入库 ${count(r.imported)} 行，拒收 ${count(r.rejected)} 行，有警告 ${count(r.warned)} 行（用时 ${r.seconds.toFixed(2)} 秒）。`),
  h('div', { class: 'card' }, table(['文件', '读取', '新增', '更新', '未变', '有警告', '拒收'],
    r.files.filter((f) => f.present).map((f) => [f.file, count(f.read), count(f.inserted), count(f.updated), count(f.unchanged), count(f.warned), count(f.rejected)]),
    { numeric: [1, 2, 3, 4, 5, 6] })));
}

async function showIssues(box, id, page) {
  let d;
  try { d = await api(`/imports/${id}/issues` + qs({ page, size: 50 })); } catch (e) { clear(box).append(errorBox(e)); return; }
  clear(box).append(h('h2', {}, `第 ${id} 次导入的拒收与警告（${count(d.total)} 行）`),
    h('div', { class: 'card' }, h('table', { class: 't', id: 'issues-table' },
      h('thead', {}, h('tr', {}, ['文件', '行号', '列', '处理', '原因', '原始内容'].map((t) => h('th', {}, t)))),
      h('tbody', {}, d.items.map((i) => h('tr', {},
        h('td', {}, i.file), h('td', { class: 'n' }, i.line), h('td', {}, i.column || ''),
        h('td', {}, h('span', { class: 'badge ' + (i.outcome === 'rejected' ? 'tag-bad' : 'tag-warn') }, i.outcome === 'rejected' ? '拒收' : '警告')),
        h('td', { class: 'wrap reason' }, i.reason), h('td', { class: 'mono wrap' }, (i.raw || '').slice(0, 160)))))),
    pager(d.page, d.size, d.total, (p) => showIssues(box, id, p))));
}

async function showList(box, issues) {
  const d = await api('/imports' + qs({ size: 20 }));
  clear(box).append(d.items.length ? table(['编号', '来源', '开始时间', '读取', '入库', '拒收', '警告', '操作人', ''],
    d.items.map((i) => [i.id, i.bundle || '', i.started_at || '', count(i.read), count(i.imported), count(i.rejected), count(i.warned), i.user || '',
      h('button', { type: 'button', class: 'numlink', onclick: () => showIssues(issues, i.id, 1) }, '查看拒收行')]), { numeric: [0, 3, 4, 5, 6] })
    : h('p', { class: 'muted' }, '尚无导入记录。'));
}
