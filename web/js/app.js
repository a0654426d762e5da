// app.js — start-up, login, and the hash router (#/dashboard, #/analysis?…, #/case/ID, …).
import { api, setCsrf } from './api.js';
import { h, clear, errorBox, disposeCharts } from './ui.js';
import { dashboard } from './dashboard.js';
import { analysis } from './analysis.js';
import { casePage } from './case.js';
import { imports } from './imports.js';
import { users } from './users.js';
import { bulletin } from './bulletin.js';
import { execution } from './execution.js';
import { similar } from './similar.js';
import { trends, trendCases } from './trends.js';
import { monitor } from './monitor.js';
import { duty } from './duty.js';
import { casebook } from './casebook.js';
import { appraise } from './appraise.js';

const app = document.getElementById('app');
export const state = { me: null, units: [] };

function parseHash() {
  const raw = location.hash.replace(/^#/, '') || '/dashboard';
  const [path, query] = raw.split('?');
  const parts = path.split('/').filter(Boolean);
  return { page: parts[0] || 'dashboard', arg: parts.slice(1).map(decodeURIComponent).join('/'), params: new URLSearchParams(query || '') };
}

async function route() {
  if (!state.me) return;
  disposeCharts();
  const { page, arg, params } = parseHash();
  if ((page === 'imports' && !state.me.can.import) || (page === 'users' && !state.me.can.users) ||
      (page === 'bulletin' && !state.me.can.unit_figures) ||
      ((page === 'trends' || page === 'trend-cases') && !state.me.can.trends) || (page === 'execution' && !state.me.can.execution) ||
      (page === 'duty' && !state.me.can.ledger && !state.me.can.leaders) || (page === 'appraise' && !state.me.can.appraise)) {
    location.hash = '#/dashboard';
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) a.classList.toggle('active', a.dataset.page === page || (page === 'case' && a.dataset.page === 'analysis') || (page === 'trend-cases' && a.dataset.page === 'trends'));
  // each route renders into its own view: a slower earlier route then fills a detached one
  const view = h('div', { class: 'view' });
  clear(app).append(view);
  try {
    if (page === 'dashboard') await dashboard(view, params);
    else if (page === 'analysis') await analysis(view, params);
    else if (page === 'case') await casePage(view, arg);
    else if (page === 'imports') await imports(view, params);
    else if (page === 'users') await users(view);
    else if (page === 'bulletin') await bulletin(view);
    else if (page === 'execution') await execution(view, params);
    else if (page === 'similar') await similar(view, params);
    else if (page === 'trends') await trends(view, params);
    else if (page === 'trend-cases') await trendCases(view, params);
    else if (page === 'monitor') await monitor(view, params);
    else if (page === 'duty') await duty(view, params);
    else if (page === 'casebook') await casebook(view, arg, params);
    else if (page === 'appraise') await appraise(view, params);
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
  for (const a of document.querySelectorAll('.cap-import')) a.classList.toggle('hidden', !me.can.import);
  for (const a of document.querySelectorAll('.cap-users')) a.classList.toggle('hidden', !me.can.users);
  for (const a of document.querySelectorAll('.cap-figures')) a.classList.toggle('hidden', !me.can.unit_figures);
  for (const a of document.querySelectorAll('.cap-execution')) a.classList.toggle('hidden', !me.can.execution);
  for (const a of document.querySelectorAll('.cap-trends')) a.classList.toggle('hidden', !me.can.trends);
  for (const a of document.querySelectorAll('.cap-duty')) a.classList.toggle('hidden', !me.can.ledger && !me.can.leaders);
  for (const a of document.querySelectorAll('.cap-appraise')) a.classList.toggle('hidden', !me.can.appraise);
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
