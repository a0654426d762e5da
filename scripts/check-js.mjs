#!/usr/bin/env node
// scripts/check-js.mjs — a small checker for the browser UI (web/), run by `make lint-js`.
// No npm linter is installed (the lock file is shared), so this checks what matters here:
// every module parses (node --check, as an ES module), relative imports name files that
// exist, and the rules the strict CSP and the "no HTML with data" design need: no inline
// event handlers or style attributes, no innerHTML/outerHTML/insertAdjacentHTML/
// document.write (text goes through textContent, see web/js/ui.js), no eval, new Function
// or string timers, no javascript: URLs; web/index.html has no inline script or style.
// A line may opt out of one rule with a comment "check-js: allow RULE" saying why.
// Usage: node scripts/check-js.mjs [DIR] (default web/). Exit 1 on any finding.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';

const root = resolve(process.argv[2] || 'web');
const findings = [];
const report = (file, line, col, rule, msg) =>
  findings.push(`${relative(process.cwd(), file)}:${line}:${col}: ${msg} [${rule}]`);

function walk(dir, out = []) {
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) { if (name !== 'vendor' && name !== 'node_modules') walk(p, out); }
    else out.push(p);
  }
  return out;
}

// rules on JS source lines: [rule, regexp, message]
const JS_RULES = [
  ['inner-html', /\.(innerHTML|outerHTML)\s*\+?=(?!=)(?!\s*(''|""|``)\s*[;,)]?\s*$)/,
    'assigns HTML: build nodes with h() and text with textContent'],
  ['inner-html', /\binsertAdjacentHTML\s*\(|\bdocument\.write(ln)?\s*\(|\bcreateContextualFragment\s*\(/,
    'parses HTML from a string: build nodes with h()'],
  ['eval', /(^|[^.\w])eval\s*\(|\bnew\s+Function\s*\(|\bset(Timeout|Interval)\s*\(\s*['"`]/,
    'evaluates a string as code (blocked by the CSP, and unsafe)'],
  ['inline-handler', /<[a-zA-Z][^>]*\son[a-z]+\s*=/, 'inline event handler in an HTML string (blocked by the CSP)'],
  ['inline-handler', /setAttribute\(\s*['"`]on[a-z]+['"`]/, 'inline event handler attribute (blocked by the CSP): use addEventListener'],
  ['inline-style', /<[a-zA-Z][^>]*\sstyle\s*=/, 'style attribute in an HTML string (blocked by the CSP): use a class'],
  ['inline-style', /setAttribute\(\s*['"`]style['"`]/, 'style attribute (blocked by the CSP): use a class or el.style'],
  ['inline-style', /\bh\(\s*['"`][a-z0-9]+['"`]\s*,\s*\{[^}]*\bstyle\s*:/, 'h() sets a style attribute (blocked by the CSP): use a class'],
  ['javascript-url', /['"`]\s*javascript:/i, 'javascript: URL (blocked by the CSP)'],
];

// blank out comments so that rules do not fire on prose (keeps line/column positions)
function stripComments(src) {
  let out = '', i = 0, q = null;
  while (i < src.length) {
    const c = src[i], n = src[i + 1];
    if (q) {
      out += c;
      if (c === '\\') { out += n ?? ''; i += 2; continue; }
      if (c === q) q = null;
      i++;
    } else if (c === '/' && n === '/') {
      while (i < src.length && src[i] !== '\n') { out += ' '; i++; }
    } else if (c === '/' && n === '*') {
      while (i < src.length && !(src[i] === '*' && src[i + 1] === '/')) { out += src[i] === '\n' ? '\n' : ' '; i++; }
      out += '  '; i += 2;
    } else {
      if (c === '\'' || c === '"' || c === '`') q = c;
      out += c; i++;
    }
  }
  return out;
}

// The names a module exports: export function/const/let/class NAME, export { a, b as c }.
function exportsOf(file) {
  const src = stripComments(readFileSync(file, 'utf8'));
  const names = new Set();
  for (const m of src.matchAll(/\bexport\s+(?:async\s+)?(?:function\*?|const|let|var|class)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1]);
  for (const m of src.matchAll(/\bexport\s*\{([^}]*)\}/g))
    for (const part of m[1].split(',')) {
      const p = part.trim().split(/\s+as\s+/);
      if (p[0]) names.add((p[1] || p[0]).trim());
    }
  return names;
}

function checkJs(file, tmp) {
  const src = readFileSync(file, 'utf8');
  // 1. parses as an ES module
  const copy = join(tmp, relative(root, file).replace(/[\\/]/g, '__') + '.mjs');
  writeFileSync(copy, src);
  const r = spawnSync(process.execPath, ['--check', copy], { encoding: 'utf8' });
  if (r.status !== 0) {
    const m = /:(\d+)\n/.exec(r.stderr) || [];
    const why = (r.stderr.split('\n').find((l) => /Error/.test(l)) || 'syntax error').trim();
    report(file, m[1] || 1, 1, 'syntax', why);
  }
  const raw = src.split('\n');
  const lines = stripComments(src).split('\n');
  lines.forEach((line, k) => {
    for (const [rule, re, msg] of JS_RULES) {
      const m = re.exec(line);
      if (m && !raw[k].includes(`check-js: allow ${rule}`)) report(file, k + 1, m.index + 1, rule, msg);
    }
    // 2. relative imports resolve
    for (const m of line.matchAll(/\b(?:import|export)\b[^'"`]*?\bfrom\s*['"](\.{1,2}\/[^'"]+)['"]|\bimport\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const spec = m[1] || m[2];
      const target = resolve(dirname(file), spec);
      if (!existsSync(target)) report(file, k + 1, m.index + 1, 'import', `imports ${spec}, which does not exist`);
      // 3. every name imported is exported there (a missing one stops the whole app loading)
      const named = /\bimport\s*\{([^}]*)\}\s*from/.exec(m[0]);
      if (named && existsSync(target)) {
        const have = exportsOf(target);
        for (const part of named[1].split(',')) {
          const name = part.trim().split(/\s+as\s+/)[0];
          if (name && !have.has(name)) report(file, k + 1, m.index + 1, 'import', `imports ${name} from ${spec}, which does not export it`);
        }
      }
    }
  });
}

function checkHtml(file) {
  const src = readFileSync(file, 'utf8');
  src.split('\n').forEach((line, k) => {
    const rules = [
      ['inline-script', /<script\b(?![^>]*\bsrc=)[^>]*>/i, 'inline <script> (blocked by the CSP): use a module file'],
      ['inline-style', /<style\b/i, 'inline <style> (blocked by the CSP): use css/app.css'],
      ['inline-style', /<[a-zA-Z][^>]*\sstyle\s*=/, 'style attribute (blocked by the CSP)'],
      ['inline-handler', /<[a-zA-Z][^>]*\son[a-z]+\s*=/, 'inline event handler (blocked by the CSP)'],
      ['javascript-url', /=\s*['"]?\s*javascript:/i, 'javascript: URL (blocked by the CSP)'],
    ];
    for (const [rule, re, msg] of rules) {
      const m = re.exec(line);
      if (m) report(file, k + 1, m.index + 1, rule, msg);
    }
  });
}

const files = walk(root);
const tmp = mkdtempSync(join(tmpdir(), 'zxjs.'));
try {
  for (const f of files) {
    if (f.endsWith('.js') || f.endsWith('.mjs')) checkJs(f, tmp);
    else if (f.endsWith('.html')) checkHtml(f);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
for (const f of findings) console.log(f);
const n = files.filter((f) => /\.(m?js|html)$/.test(f)).length;
console.log(`check-js: ${n} files, ${findings.length} findings`);
process.exit(findings.length ? 1 : 0);
