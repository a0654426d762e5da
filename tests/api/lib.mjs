// lib.mjs — what every API test file shares: the server's address and work folder (from
// setup.sh), a request helper that sends the session cookie and CSRF token, login, the error
// shape (a Chinese and an English message), the check that no citizen id leaks, and sqlite3.
// Each *.test.mjs in this folder runs against the same server, one file after another.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';

export const BASE = process.env.BASE;
export const WORK = process.env.WORK;
export const pw = (name) => `${name}-pass-2024`;

export async function call(s, method, path, { body, raw, csrf = true, headers = {} } = {}) {
  const h = { ...headers };
  if (s) h.Cookie = s.cookie;
  if (s && csrf && method !== 'GET') h['X-CSRF-Token'] = typeof csrf === 'string' ? csrf : s.csrf;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = typeof body === 'string' ? body : JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await fetch(BASE + '/api/v1' + path, { method, headers: h, body: payload });
  const text = await res.text();
  let json = null;
  try { json = JSON.parse(text); } catch { /* not JSON */ }
  return { status: res.status, json, headers: res.headers };
}

export async function login(name, password = pw(name)) {
  const r = await call(null, 'POST', '/login', { body: { name, password } });
  assert.equal(r.status, 200, `login ${name}: ${JSON.stringify(r.json)}`);
  const sc = r.headers.getSetCookie()[0];
  return { cookie: sc.split(';')[0], csrf: r.json.csrf_token, me: r.json, setCookie: sc };
}

export function assertError(r, status) {
  assert.equal(r.status, status, JSON.stringify(r.json));
  assert.ok(r.json && r.json.error, 'error body');
  assert.ok(/[\u4e00-\u9fff]/.test(r.json.error.message), `Chinese message: ${r.json.error.message}`);
  assert.ok(r.json.error.message_en.length > 3, 'English message');
}

export const ID_RE = /(?<![0-9A-Za-z])(\d{17}[\dXx]|\d{15})(?![0-9A-Za-z])/;
export function strings(v, out = []) {
  if (typeof v === 'string') out.push(v);
  else if (v && typeof v === 'object') for (const x of Object.values(v)) strings(x, out);
  return out;
}
export function assertNoIds(j, what) {
  for (const s of strings(j)) assert.doesNotMatch(s, ID_RE, `${what} shows an id number: ${s}`);
}
export const sql = (q) => execFileSync('sqlite3', [WORK + '/zx.db', q]).toString().trim();
