// similar.js — 类案检索: from a case (its documents), a document or pasted facts, the most
// similar documents side by side with the matched phrases highlighted, and 量刑参考 (the
// median and quartiles of the terms of the results with the chosen charge). Texts go through
// textContent only; highlighting splits the text into <mark> and text nodes.
import { api } from './api.js';
import { h, clear, errorBox } from './ui.js';

// text with every occurrence of the terms marked (longest first, no overlaps)
function marked(text, terms) {
  const sorted = [...new Set(terms)].filter(Boolean).sort((a, b) => b.length - a.length);
  const out = [];
  let i = 0, plain = '';
  while (i < text.length) {
    const t = sorted.find((x) => text.startsWith(x, i));
    if (t) {
      if (plain) { out.push(plain); plain = ''; }
      out.push(h('mark', {}, t));
      i += t.length;
    } else {
      plain += text[i];
      i++;
    }
  }
  if (plain) out.push(plain);
  return out;
}

const months = (m) => (m === null || m === undefined ? '—' : `${Number(m).toLocaleString('zh-CN', { maximumFractionDigits: 1 })} 个月`);

function sentence(x) {
  if (!x.sentence_label) return '—';
  let s = x.sentence_label;
  if (x.term_months !== null) s += ` ${x.term_months} 个月`;
  if (x.probation_months !== null) s += `，缓刑 ${x.probation_months} 个月`;
  return s;
}

function render(out, res) {
  clear(out);
  const s = res.sentencing;
  const terms = res.results.flatMap((x) => x.matched_terms);
  out.append(
    h('section', { class: 'card sim-ref', id: 'sim-sentencing' },
      h('h2', {}, '量刑参考'),
      s.charge
        ? h('p', {}, `罪名：${s.charge}　可比案例 ${s.n} 件　刑期中位数 ${months(s.term_months_median)}（P25 ${months(s.p25)}，P75 ${months(s.p75)}）`)
        : h('p', { class: 'muted' }, '检索结果均无罪名，无量刑参考。'),
      h('p', { class: 'def' }, '罪名取检索结果中相似度之和最大的主罪名（或指定罪名）；刑期统计其中有期徒刑、拘役且有刑期的案例（分位数按线性插值）。仅供参考，不替代个案判断。')),
    h('div', { class: 'sim-grid' },
      h('section', { class: 'card sim-query' },
        h('h2', {}, res.query.document_id ? `检索文书 ${res.query.document_id}` : '检索事实'),
        h('div', { class: 'sim-text', id: 'sim-query-text' }, marked(res.query.facts || '', terms))),
      h('section', { class: 'sim-results', id: 'sim-results' },
        res.results.length ? res.results.map((x, i) => h('article', { class: 'card sim-hit', dataset: { doc: x.document_id } },
          h('div', { class: 'sim-head' },
            h('span', { class: 'sim-rank' }, `${i + 1}`),
            h('strong', {}, x.document_id),
            h('span', { class: 'muted' }, x.kind || ''),
            x.case_id ? h('a', { href: '#/case/' + encodeURIComponent(x.case_id) }, x.case_id) : h('span', { class: 'muted' }, '参考文书'),
            h('span', { class: 'num sim-score' }, `相似度 ${x.score.toFixed(2)}`),
            x.typical_case ? h('a', { class: 'badge typical', href: '#/casebook/' + encodeURIComponent(x.typical_case.cand_id) },
              `典型案例（${x.typical_case.level_zh}级发布）`) : null),
          h('div', { class: 'sim-meta' }, `罪名：${x.charges.join('、') || '—'}　刑罚：${sentence(x)}`),
          h('div', { class: 'sim-terms' }, '匹配：', x.matched_terms.map((t) => h('mark', {}, t))),
          h('div', { class: 'sim-text' }, marked(x.facts || '', x.matched_terms))))
          : h('p', { class: 'muted card' }, '没有找到相似的文书。')),
      typicalCases(res.typical_cases || [])));
}

// 已发布的同罪名典型案例, offered beside the similar documents
function typicalCases(list) {
  if (!list.length) return null;
  return h('section', { class: 'card', id: 'sim-typical' },
    h('h2', {}, `同罪名典型案例（${list.length}）`),
    h('ul', {}, list.map((c) => h('li', {},
      h('a', { href: '#/casebook/' + encodeURIComponent(c.cand_id) }, c.title || c.case_id), ' ',
      h('span', { class: 'muted' }, `${c.unit_name || c.unit_id} · ${c.level_zh}级发布 · ${c.published_on || ''}`)))));
}

export async function similar(app, params) {
  const facts = h('textarea', { id: 'sim-facts', rows: 6, 'aria-label': '案情事实', placeholder: '粘贴案情事实（经审理查明的事实部分），或在上方填写案件编号、文书编号' });
  const caseId = h('input', { id: 'sim-case', 'aria-label': '案件编号', placeholder: '案件编号', value: params.get('case') || '' });
  const docId = h('input', { id: 'sim-doc', 'aria-label': '文书编号', placeholder: '文书编号', value: params.get('document') || '' });
  const charge = h('input', { id: 'sim-charge', 'aria-label': '限定罪名', placeholder: '限定罪名（可选）' });
  const k = h('select', { id: 'sim-k', 'aria-label': '返回条数' }, [5, 10, 20].map((n) => h('option', { value: n, selected: n === 10 }, `${n} 条`)));
  const go = h('button', { type: 'submit', class: 'primary', id: 'sim-go' }, '检索类案');
  const out = h('div', { id: 'sim-out' });
  const form = h('form', { class: 'card sim-form', id: 'sim-form' },
    h('div', { class: 'bar' }, h('label', { for: 'sim-case' }, '案件'), caseId, h('label', { for: 'sim-doc' }, '文书'), docId,
      h('label', { for: 'sim-charge' }, '罪名'), charge, k, go),
    facts);
  const run = async () => {
    const body = { k: Number(k.value) };
    if (caseId.value.trim()) body.case_id = caseId.value.trim();
    else if (docId.value.trim()) body.document_id = docId.value.trim();
    else body.facts = facts.value.trim();
    if (charge.value.trim()) body.charge = charge.value.trim();
    clear(out).append(h('p', { class: 'muted' }, '正在检索…'));
    try {
      render(out, await api('/similar', { method: 'POST', body }));
    } catch (e) {
      clear(out).append(errorBox(e));
    }
  };
  form.addEventListener('submit', (ev) => { ev.preventDefault(); run(); });
  app.append(h('h1', {}, '类案检索'),
    h('p', { class: 'muted' }, '按案情事实检索相似的起诉书、判决书等文书（相似度只看事实，不看罪名与刑期），并给出同罪名案例的刑期参考。仅返回本院及下级院案件的文书和公开参考文书。'),
    form, out);
  if (caseId.value || docId.value) await run();
}
