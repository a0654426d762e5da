// ui.js — a tiny DOM builder (no innerHTML with data: every text goes through textContent).
export function h(tag, attrs = {}, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of kids.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) { while (el.firstChild) el.removeChild(el.firstChild); return el; }

export function errorBox(e) { return h('div', { class: 'err', role: 'alert' }, e.message || String(e)); }

export function table(headers, rows, { numeric = [] } = {}) {
  return h('table', { class: 't' },
    h('thead', {}, h('tr', {}, headers.map((t, i) => h('th', { class: numeric.includes(i) ? 'n' : null }, t)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'n' : null }, c))))));
}

// A chart on el; resized with the window. Returns the echarts instance.
const charts = new Set();
export function chart(el, option) {
  const c = window.echarts.init(el, null, { renderer: 'canvas' });
  c.setOption(option);
  charts.add(c);
  return c;
}
export function disposeCharts() { for (const c of charts) c.dispose(); charts.clear(); }
window.addEventListener('resize', () => { for (const c of charts) c.resize(); });

export function unitSelect(units, selected, id = 'unit') {
  return h('select', { id, 'aria-label': '单位' }, units.map((u) =>
    h('option', { value: u.unit_id, selected: u.unit_id === selected }, '　'.repeat(u.depth) + u.name)));
}

export function pager(page, size, total, go) {
  const pages = Math.max(1, Math.ceil(total / size));
  return h('div', { class: 'pager' },
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, '上一页'),
    h('span', { class: 'num' }, `第 ${page} / ${pages} 页，共 ${total.toLocaleString('zh-CN')} 条`),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => go(page + 1) }, '下一页'));
}
