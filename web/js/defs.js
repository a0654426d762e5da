// defs.js — 指标口径 shown beside each number when the catalog carries no description
// (from shared/spec/indicators.md, version 1). 分子 / 分母 in plain Chinese.
const P = '人数（同一人只计一次）';
export const DEFS = {
  no_arrest_rate: ['不批准逮捕（不捕）' + P, '批准逮捕人数 + 不捕人数'],
  non_prosecution_rate: ['不起诉' + P, '起诉人数 + 不起诉人数'],
  pretrial_detention_rate: ['审查起诉审结（起诉或不起诉）的人中，此前曾被逮捕的人数', '审查起诉审结人数'],
  post_arrest_non_prosecution_rate: ['曾被逮捕且被不起诉的人数', '曾被逮捕的审结人数'],
  post_arrest_exemption_rate: ['曾被逮捕且判决免予刑事处罚的人数', '曾被逮捕且已判决的人数'],
  plea_rate: ['审结时已适用认罪认罚的人数（认罪认罚不晚于审结日）', '审查起诉审结人数'],
  fixed_proposal_share: ['提出确定刑量刑建议的人数', '提出量刑建议的人数'],
  proposal_adoption_rate: ['量刑建议被采纳的人数', '量刑建议有结果的人数'],
  withdrawal_rate: ['撤回起诉人数', '起诉人数'],
  acquittal_rate: ['判决无罪人数', '已判决人数'],
  return_rate: ['审结案件中至少一次退回补充侦查的案件数', '审结案件数'],
  extension_rate: ['审结案件中至少一次延长审查起诉期限的案件数', '审结案件数'],
  no_arrest_objection_rate: ['不捕后被提请复议、复核的人数', '不捕人数'],
  no_arrest_change_rate: ['复议、复核后改变原不捕决定的人数', '不捕复议、复核人数'],
  non_prosecution_objection_rate: ['不诉后被提请复议、复核的人数', '不诉人数'],
  non_prosecution_change_rate: ['复议、复核后改变原不诉决定的人数', '不诉复议、复核人数'],
  custody_review_adoption_rate: ['羁押必要性审查建议被采纳的人数', '建议释放或变更强制措施的人数'],
  correction_adoption_rate: ['纠正违法被采纳的件次', '发出纠正违法通知的件次'],
  criminal_protest_change_rate: ['刑事抗诉后改判、发回重审的件次', '刑事抗诉有结果的件次'],
  civil_protest_change_rate: ['民事抗诉后改判、发回、调解的件次', '民事抗诉有结果的件次'],
  administrative_protest_change_rate: ['行政抗诉后改判、发回、调解的件次', '行政抗诉有结果的件次'],
  retrial_suggestion_adoption_rate: ['再审检察建议被采纳的件次（同期）', '发出再审检察建议的件次'],
  suggestion_adoption_rate: ['检察建议被采纳或整改的件次（同期）', '发出检察建议的件次（不含再审、诉前）'],
  pre_litigation_rectification_rate: ['诉前检察建议回复整改的件次（同期）', '发出诉前检察建议的件次'],
  pil_support_rate: ['公益诉讼判决支持的件次', '公益诉讼判决件次'],
  hearing_rate: ['审结案件中举行听证的案件数', '审结案件数'],
  supervisor_rate: ['审结案件中邀请人民监督员的案件数', '审结案件数'],
};
export function definition(ind) {
  if (ind.description) return ind.description;
  if (ind.display === 'case_ratio') return '案-件比 = 1 : 件/案。案 = 期间内审结的本条线案件数；件 = 这些案件数 + 其退回补充侦查、延长审查期限、复议复核、撤回起诉等程序数（任何日期）。理想值 1:1，越低越好。';
  if (ind.group === 'structure') return '期间内受理案件按类别的件数与占比；三个结构比宜在较长期间、较大范围内整体研判，不作评分。';
  const base = ind.id.replace(/_cohort$/, '');
  const d = DEFS[base];
  if (!d) return '—';
  return `分子：${d[0]}。分母：${d[1]}。${ind.id.endsWith('_cohort') ? '按建议批次：分子为本期发出的建议此后收到的答复。' : ''}计数以事件日期所在期间为准，单位数据含全部下级院。`;
}
