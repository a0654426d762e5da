// defs.js — 指标口径 beside each number: the catalog's own definition (definition_zh, sent by
// the API as `definition`; a unit's catalog may add a `description`), with how the figures
// of a period and a unit are counted. Nothing here restates a definition.
export function definition(ind) {
  const d = ind.description || ind.definition;
  if (!d) return '—';
  if (ind.group === 'structure') return `${d}。三个结构比宜在较长期间、较大范围内整体研判，不作评分。`;
  return `${d}。计数以事件日期所在期间为准，单位数据含全部下级院。`;
}
