// api.js — calls to /api/v1 with the session cookie and the CSRF header.
let csrf = null;

export function setCsrf(t) { csrf = t; }

export class ApiError extends Error {
  constructor(status, body) {
    const e = (body && body.error) || {};
    super(e.message || `请求失败（${status}）`);
    this.status = status;
    this.code = e.code;
    this.body = body;
  }
}

export async function api(path, { method = 'GET', body, raw, headers = {} } = {}) {
  const h = { ...headers };
  if (method !== 'GET' && csrf) h['X-CSRF-Token'] = csrf;
  let payload;
  if (raw !== undefined) payload = raw;
  else if (body !== undefined) { payload = JSON.stringify(body); h['Content-Type'] = 'application/json'; }
  const res = await fetch('/api/v1' + path, { method, headers: h, body: payload, credentials: 'same-origin' });
  let data = null;
  try { data = await res.json(); } catch { data = null; }
  if (!res.ok) {
    if (res.status === 401 && path !== '/login') window.dispatchEvent(new Event('zx-logout'));
    throw new ApiError(res.status, data);
  }
  return data;
}

export function qs(o) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(o)) if (v !== undefined && v !== null && v !== '') p.set(k, v);
  const s = p.toString();
  return s ? '?' + s : '';
}
