// Chromium (Debian's package) through playwright-core, at 1280 px wide, with helpers to log in and to keep
// a screenshot of each page as a test artefact in test/e2e/artifacts/.
import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

export const ARTIFACTS = path.resolve(import.meta.dirname, 'artifacts');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export async function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export const baseUrl = () => inject('baseUrl');

export async function newContext(browser: Browser): Promise<BrowserContext> {
  return browser.newContext({ viewport: { width: 1280, height: 860 }, locale: 'zh-CN', timezoneId: 'Europe/London', baseURL: baseUrl() });
}

/** log in through the form, as a person would, and wait for the shell */
export async function login(page: Page, username: string, password = username === 'admin' ? inject('adminPassword') : inject('demoPassword')): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.locator('.bh-header-unit').waitFor();
}

export async function shot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** the JSON API with the page's session cookie */
export async function apiGet<T>(page: Page, url: string): Promise<{ status: number; json: T }> {
  const r = await page.request.get(url);
  return { status: r.status(), json: (await r.json().catch(() => null)) as T };
}
