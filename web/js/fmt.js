// fmt.js — Chinese number formats: counts with separators, rates as %, 案-件比 as 1:x.xx.
const nf = new Intl.NumberFormat('zh-CN');

export function count(n) { return n === null || n === undefined ? '—' : nf.format(n); }

// toFixed(2) without a negative zero ("-0.00" for -0.001).
export function fixed2(x) {
  const s = x.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

export function value(v, display) {
  if (v === null || v === undefined) return '—';
  if (display === 'case_ratio') return '1:' + fixed2(v);
  return fixed2(v * 100) + '%';
}

// 同比 in points (percent) or in ratio units (案-件比); arrow and a class from the direction.
export function delta(cur, prev, display, direction) {
  if (cur === null || prev === null || cur === undefined || prev === undefined) {
    return { text: '同比 —', cls: 'neutral' };
  }
  // rounded to the two decimals shown first: a change that rounds to nothing is no change
  // (never "▼ 0.00", never "-0.00")
  const d = Math.round((display === 'case_ratio' ? cur - prev : (cur - prev) * 100) * 100) / 100 || 0;
  const unit = display === 'case_ratio' ? '' : '个百分点';
  const arrow = d > 0 ? '▲' : d < 0 ? '▼' : '■';
  let cls = 'neutral';
  if (direction === 'higher' && d !== 0) cls = d > 0 ? 'good' : 'bad';
  if (direction === 'lower' && d !== 0) cls = d < 0 ? 'good' : 'bad';
  const mag = Math.abs(d).toFixed(2);
  return { text: `${arrow} ${mag}${unit}`, cls };
}

export function dirLabel(d) {
  return d === 'higher' ? '越高越好' : d === 'lower' ? '越低越好' : '情况反映型';
}
