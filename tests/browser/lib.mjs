// lib.mjs — what every browser test file shares: Debian's Chromium headless through
// playwright-core with a throwaway profile, the console errors a page raised, logging in
// through the form, and the API as the page's own session sees it. Screenshots go to OUT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const BASE = process.env.BASE;
export const WORK = process.env.WORK;
export const OUT = join(dirname(fileURLToPath(import.meta.url)), 'out');

// Caller closes the result with close(); dir is a scratch folder removed with it. problems collects console errors and page errors
// (a 401 is expected once: the app asks /me before anyone has logged in).
export async function openBrowser() {
  const profile = mkdtempSync(join(tmpdir(), 'zx-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    acceptDownloads: true,
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/status of 401/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  const close = async () => {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  };
  return { context, page, problems, dir: profile, close };
}

// Logs in through the form; the accounts of tests/api/setup.sh have password NAME-pass-2024.
export async function loginAs(page, name) {
  await page.goto(BASE + '/');
  await page.waitForSelector('#login-form');
  await page.fill('#login-name', name);
  await page.fill('#login-password', `${name}-pass-2024`);
  await page.click('#login-submit');
  await page.waitForSelector('#dash-title');
}

export async function apiGet(page, path) {
  return page.evaluate(async (p) => (await fetch('/api/v1' + p)).json(), path);
}
