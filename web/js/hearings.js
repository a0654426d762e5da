// hearings.js — 听证 and 人民监督员: the listings of the user's subtree, the forms that record
// them (检察官 of the case's unit, 案件管理), and statistics per unit and line. From
// /api/v1/hearings, /api/v1/supervisions, /api/v1/governance/stats.
import { api, qs } from './api.js';
import { h, table, errorBox } from './ui.js';
import { state } from './state.js';

const TYPES = [['custody_review', '羁押必要性审查听证'], ['non_prosecution', '拟不起诉听证'], ['appeal', '刑事申诉听证'],
  ['civil', '民事检察听证'], ['administrative', '行政检察听证'], ['public_interest', '公益诉讼听证'], ['judicial_aid', '司法救助听证'], ['other', '其他听证']];
const ACTS = [['hearing', '参加听证'], ['case_review', '案件质量评查'], ['trial_observation', '旁听庭审'], ['inspection', '参与巡回检察'],
  ['non_prosecution', '不起诉案件公开审查'], ['other', '其他监督活动']];
const LINES = { criminal: '刑事', civil: '民事', administrative: '行政', public_interest: '公益诉讼' };
const today = () => new Date().toISOString().slice(0, 10);
const caseLink = (id) => h('a', { href: '#/case/' + encodeURIComponent(id) }, id);

export async function hearings(app, params) {
  const c = params.get('case') || '';
  const [hs, vs, st] = await Promise.all([api('/hearings' + qs({ case: c })), api('/supervisions' + qs({ case: c })), api('/governance/stats')]);
  app.append(h('h1', {}, '听证与人民监督员'), h('p', {}, h('a', { href: '#/suggestions' }, '← 检察建议')));
  const canWrite = state.me.can && state.me.can.governance;
  const msg = h('div', { id: 'hr-msg' });
  if (canWrite) {
    const hc = h('input', { id: 'hr-case', required: true, value: c, placeholder: '案件标识' });
    const hd = h('input', { id: 'hr-date', type: 'date', value: today() });
    const ht = h('select', { id: 'hr-type' }, TYPES.map(([v, l]) => h('option', { value: v }, l)));
    const hp = h('input', { id: 'hr-participants', required: true, placeholder: '听证员、当事人等', size: 30 });
    const ho = h('input', { id: 'hr-opinions', placeholder: '听证意见', size: 30 });
    const hout = h('input', { id: 'hr-outcome', placeholder: '处理结果', size: 30 });
    const hf = h('select', { id: 'hr-followed' }, [['', '未定'], ['yes', '采纳听证意见'], ['no', '未采纳']].map(([v, l]) => h('option', { value: v }, l)));
    const f = h('form', { class: 'card sg-form', id: 'hr-form' }, h('label', { for: 'hr-case' }, '案件'), hc, h('label', { for: 'hr-date' }, '听证日期'), hd,
      h('label', { for: 'hr-type' }, '类型'), ht, h('label', { for: 'hr-participants' }, '参加人员'), hp, h('label', { for: 'hr-opinions' }, '听证意见'), ho,
      h('label', { for: 'hr-outcome' }, '处理结果'), hout, h('label', { for: 'hr-followed' }, '是否采纳'), hf, h('span'), h('button', { type: 'submit', class: 'primary', id: 'hr-submit' }, '登记听证'));
    f.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await api('/hearings', { method: 'POST', body: { case_id: hc.value.trim(), date: hd.value, type: ht.value, participants: hp.value, opinions: ho.value, outcome: hout.value, followed: hf.value === '' ? null : hf.value === 'yes' } });
        location.hash = '#/hearings' + qs({ case: c, t: Date.now() });
        msg.replaceChildren(h('p', { class: 'ok' }, `已登记听证 ${r.no}`));
      } catch (err) { msg.replaceChildren(errorBox(err)); }
    });
    const vc = h('input', { id: 'sv-case', required: true, value: c, placeholder: '案件标识' });
    const vn = h('input', { id: 'sv-name', required: true, placeholder: '人民监督员姓名' });
    const vd = h('input', { id: 'sv-date', type: 'date', value: today() });
    const va = h('select', { id: 'sv-activity' }, ACTS.map(([v, l]) => h('option', { value: v }, l)));
    const vo = h('input', { id: 'sv-opinion', placeholder: '监督意见', size: 30 });
    const g = h('form', { class: 'card sg-form', id: 'sv-form' }, h('label', { for: 'sv-case' }, '案件'), vc, h('label', { for: 'sv-name' }, '人民监督员'), vn,
      h('label', { for: 'sv-date' }, '日期'), vd, h('label', { for: 'sv-activity' }, '监督事项'), va, h('label', { for: 'sv-opinion' }, '监督意见'), vo,
      h('span'), h('button', { type: 'submit', class: 'primary', id: 'sv-submit' }, '登记人民监督员监督'));
    g.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        await api('/supervisions', { method: 'POST', body: { case_id: vc.value.trim(), supervisor: vn.value, date: vd.value, activity: va.value, opinion: vo.value } });
        location.hash = '#/hearings' + qs({ case: c, t: Date.now() });
      } catch (err) { msg.replaceChildren(errorBox(err)); }
    });
    app.append(h('details', { id: 'hr-forms' }, h('summary', {}, '登记听证或人民监督员监督'), h('div', { class: 'grid g2' }, f, g)));
  }
  app.append(msg);
  app.append(h('h2', {}, '按单位、条线统计'), h('section', { class: 'card', id: 'gv-stats' }, table(['单位', '条线', '听证', '采纳听证意见', '人民监督员监督'],
    st.rows.map((x) => [x.unit_name || x.unit_id, LINES[x.line] || x.line, x.hearings, x.followed, x.supervisions]), { numeric: [2, 3, 4] })));
  app.append(h('h2', {}, `听证（${hs.items.length}）`), h('section', { class: 'card', id: 'hr-list' }, table(['编号', '案件', '日期', '类型', '参加人员', '听证意见', '处理结果', '是否采纳'],
    hs.items.map((x) => [x.no, caseLink(x.case_id), x.date, x.type_label, x.participants, x.opinions || '', x.outcome || '', x.followed === null ? '—' : x.followed ? '采纳' : '未采纳']))));
  app.append(h('h2', {}, `人民监督员（${vs.items.length}）`), h('section', { class: 'card', id: 'sv-list' }, table(['编号', '案件', '日期', '人民监督员', '监督事项', '监督意见'],
    vs.items.map((x) => [x.no, caseLink(x.case_id), x.date, x.supervisor, x.activity_label, x.opinion || '']))));
}
