// users.js — 用户与权限 (admins): the accounts of the admin's subtree; add, disable, reset.
import { api } from './api.js';
import { h, clear, errorBox, table, unitSelect } from './ui.js';
import { state } from './state.js';

const ROLES = [['admin', '系统管理员'], ['leader', '院领导'], ['analyst', '案件管理'], ['execution', '刑事执行'], ['reviewer', '检务督察'], ['prosecutor', '检察官']];

export async function users(app) {
  const list = h('section', { class: 'card', id: 'user-list' });
  const msg = h('div', { id: 'user-msg' });
  const name = h('input', { id: 'u-name', 'aria-label': '账户名', placeholder: '账户名' });
  const disp = h('input', { id: 'u-display', 'aria-label': '姓名', placeholder: '姓名（可空）' });
  const unit = unitSelect(state.units, state.me.user.unit_id, 'u-unit');
  const staff = h('input', { id: 'u-staff', 'aria-label': '人员编号', placeholder: '人员编号（检察官必填）' });
  const pw = h('input', { id: 'u-password', type: 'password', 'aria-label': '初始密码', placeholder: '初始密码（至少 8 位）', autocomplete: 'new-password' });
  // only the roles this admin may grant (an admin of a city grants the roles it holds, never admin)
  const may = state.me.grantable_roles || [];
  const boxes = ROLES.filter(([code]) => may.includes(code)).map(([code, label]) => h('label', {}, h('input', { type: 'checkbox', value: code }), label));
  app.append(h('h1', {}, '用户与权限'),
    h('p', { class: 'muted' }, '用户只能看到本单位及下级单位的数据；检察官只能看到本人办理的案件与本人数据；身份证号仅对系统管理员和刑事执行人员完整显示。'),
    h('form', { class: 'card', id: 'user-form', onsubmit: async (e) => {
      e.preventDefault();
      const roles = boxes.map((b) => b.firstChild).filter((c) => c.checked).map((c) => c.value);
      try {
        await api('/users', { method: 'POST', body: { name: name.value, display_name: disp.value, unit_id: unit.value, staff_id: staff.value || undefined, password: pw.value, roles } });
        clear(msg).append(h('div', { class: 'ok' }, `已创建用户 ${name.value}`));
        name.value = pw.value = staff.value = disp.value = '';
        await refresh(list, msg);
      } catch (err) {
        // the message says why in Chinese when the server has it (message_id); else the English detail
        const e = err.body && err.body.error;
        clear(msg).append(errorBox(new Error(e && !e.message_id && e.message_en ? `${err.message}：${e.message_en}` : err.message)));
      }
    } }, h('h2', {}, '新增用户'),
      h('div', { class: 'form' }, name, disp, unit, staff, pw),
      h('div', { class: 'roles bar' }, h('span', { class: 'muted' }, '角色：'), boxes,
        h('button', { type: 'submit', class: 'primary' }, '创建'))),
    msg, list);
  await refresh(list, msg);
}

async function refresh(list, msg) {
  const d = await api('/users');
  clear(list).append(table(['账户名', '姓名', '单位', '人员编号', '角色', '状态', '操作'], d.users.map((u) => [
    u.name, u.display_name, u.unit_name, u.staff_id || '', u.roles.map((r) => (ROLES.find((x) => x[0] === r) || [r, r])[1]).join('、'),
    u.disabled ? '已停用' : '正常',
    h('button', { type: 'button', onclick: async () => {
      try { await api('/users/' + encodeURIComponent(u.name), { method: 'PUT', body: { disabled: !u.disabled } }); await refresh(list, msg); } catch (e) { clear(msg).append(errorBox(e)); }
    } }, u.disabled ? '启用' : '停用')])));
}
