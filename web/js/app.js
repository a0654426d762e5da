// app.js — start-up, login, and the hash router (#/dashboard, #/analysis?…, #/case/ID, …).
import { api, setCsrf } from './api.js';
import { state } from './state.js';
import { h, clear, errorBox, disposeCharts } from './ui.js';
import { dashboard } from './dashboard.js';
import { analysis } from './analysis.js';
import { casePage } from './case.js';
import { imports } from './imports.js';
import { users } from './users.js';
import { bulletin } from './bulletin.js';
import { execution } from './execution.js';
import { resident } from './resident.js';
import { similar } from './similar.js';
import { trends, trendCases } from './trends.js';
import { monitor } from './monitor.js';
import { duty } from './duty.js';
import { evaluation } from './evaluation.js';
import { suggestions, suggestionPage } from './suggestions.js';
import { hearings } from './hearings.js';
import { quality, flaws } from './quality.js';
import { danger, dangerPerson, sealed } from './danger.js';
import { datasets, models, leads, leadPage } from './supervise.js';
import { casebook } from './casebook.js';
import { appraise } from './appraise.js';

const app = document.getElementById('app');

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/dashboard';
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  return { page: parts[0] || 'dashboard', arg: parts.slice(1).map(decodeURIComponent).join('/'), params: new URLSearchParams(query || '') };
}

// The one route table: each page's renderer, who may open it (from /me's capabilities; the
// server checks again on every call), and the menu entry it lights up. The menu shows a
// link exactly when its page may be opened.
const any = () => true;
const ROUTES = {
  dashboard: { render: (v, a, p) => dashboard(v, p) },
  analysis: { render: (v, a, p) => analysis(v, p) },
  case: { render: (v, a) => casePage(v, a), nav: 'analysis' },
  similar: { render: (v, a, p) => similar(v, p) },
  monitor: { render: (v, a, p) => monitor(v, p) },
  suggestions: { render: (v, a, p) => suggestions(v, p) },
  suggestion: { render: (v, a) => suggestionPage(v, a), nav: 'suggestions' },
  hearings: { render: (v, a, p) => hearings(v, p), nav: 'suggestions' },
  quality: { render: (v, a, p) => quality(v, p) },
  flaws: { render: (v, a, p) => flaws(v, p) },
  bulletin: { render: (v) => bulletin(v), can: (c) => c.unit_figures },
  trends: { render: (v, a, p) => trends(v, p), can: (c) => c.trends },
  'trend-cases': { render: (v, a, p) => trendCases(v, p), can: (c) => c.trends, nav: 'trends' },
  execution: { render: (v, a, p) => execution(v, p), can: (c) => c.execution },
  resident: { render: (v, a, p) => resident(v, p), can: (c) => c.execution },
  evaluation: { render: (v, a, p) => evaluation(v, p), can: (c) => c.evaluation || c.own_evaluation },
  duty: { render: (v, a, p) => duty(v, p), can: (c) => c.ledger || c.leaders },
  danger: { render: (v, a, p) => danger(v, p), can: (c) => c.danger },
  'danger-person': { render: (v, a) => dangerPerson(v, a), can: (c) => c.danger, nav: 'danger' },
  sealed: { render: (v, a, p) => sealed(v, p), can: (c) => c.sealed },
  imports: { render: (v, a, p) => imports(v, p), can: (c) => c.import },
  users: { render: (v) => users(v), can: (c) => c.users },
  casebook: { render: (v, a, p) => casebook(v, a, p) },
  appraise: { render: (v, a, p) => appraise(v, p), can: (c) => c.appraise },
  datasets: { render: (v, a, p) => datasets(v, p), can: (c) => c.leads_view },
  models: { render: (v, a, p) => models(v, p), can: (c) => c.leads_view },
  // a prosecutor sees the leads assigned to them (the server scopes the list)
  leads: { render: (v, a, p) => leads(v, p), can: (c, me) => c.leads_view || isProsecutor(me) },
  lead: { render: (v, a) => leadPage(v, a), can: (c, me) => c.leads_view || isProsecutor(me), nav: 'leads' },
};
const isProsecutor = (me) => me.user.roles.some((r) => r.code === 'prosecutor');
const allowed = (page) => ROUTES[page] && (ROUTES[page].can || any)(state.me.can, state.me);

async function route() {
  if (!state.me) return;
  disposeCharts();
  const { page, arg, params } = parseHash();
  if (ROUTES[page] && !allowed(page)) {
    location.hash = '#/dashboard';
    return;
  }
  const nav = ROUTES[page]?.nav || page;
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === nav);
  // each route renders into its own view: a slower earlier route then fills a detached one
  const view = h('div', { class: 'view' });
  clear(app).append(view);
  try {
    if (ROUTES[page]) await ROUTES[page].render(view, arg, params);
    else view.append(h('p', {}, '页面不存在。'));
  } catch (e) {
    if (e.status !== 401) view.append(errorBox(e));
  }
}

function showLogin(message) {
  state.me = null;
  document.getElementById('top').classList.add('hidden');
  clear(app);
  const err = h('div', { class: 'err hidden', role: 'alert', id: 'login-error' });
  const name = h('input', { id: 'login-name', name: 'name', autocomplete: 'username', required: true, autofocus: true });
  const pw = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'login', id: 'login-form' },
    h('h1', {}, '质效 · 检察业务质效分析平台'),
    h('div', { class: 'row' }, h('label', { for: 'login-name' }, '用户名'), name),
    h('div', { class: 'row' }, h('label', { for: 'login-password' }, '密码'), pw),
    err,
    h('button', { type: 'submit', class: 'primary', id: 'login-submit' }, '登录'),
    h('p', { class: 'muted' }, '会话空闲 30 分钟或登录满 12 小时后自动退出。'));
  if (message) { err.textContent = message; err.classList.remove('hidden'); }
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    try {
      const me = await api('/login', { method: 'POST', body: { name: name.value, password: pw.value } });
      await start(me);
    } catch (e) {
      err.textContent = e.message;
      err.classList.remove('hidden');
      pw.value = '';
      pw.focus();
    }
  });
  app.append(form);
  name.focus();
}

async function start(me) {
  state.me = me;
  setCsrf(me.csrf_token);
  const u = await api('/units');
  state.units = u.units;
  document.getElementById('top').classList.remove('hidden');
  const roles = me.user.roles.map((r) => r.label).join('、');
  document.getElementById('who').textContent = `${me.user.display_name || me.user.name} · ${me.user.unit_name} · ${roles}`;
  for (const a of document.querySelectorAll('#nav a[data-page]')) a.classList.toggle('hidden', !allowed(a.dataset.page));
  if (!location.hash || location.hash === '#/') location.hash = '#/dashboard'; // routes on hashchange
  else await route();
}

document.getElementById('logout').addEventListener('click', async () => {
  try { await api('/logout', { method: 'POST' }); } catch { /* the session may be gone already */ }
  setCsrf(null);
  showLogin('已退出登录。');
});
window.addEventListener('zx-logout', () => showLogin('登录已过期，请重新登录。'));
window.addEventListener('hashchange', route);

(async () => {
  try { await start(await api('/me')); } catch { showLogin(); }
})();
