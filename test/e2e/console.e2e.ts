// The console end to end, on the demo province: log in, the board and its filters, one alert, the
// isolation of counties, the closed loop worked by a county and approved by its city, a case page with its
// custody chain verified, and a screenshot of every page.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, apiGet, launch, login, newContext, shot } from './browser.ts';

const XINCHENG = '150102000000';
const HONGSHAN = '150402000000';

let browser: Browser;
const contexts: BrowserContext[] = [];
const metrics: Record<string, unknown> = {};

async function pageAs(username: string): Promise<Page> {
  const ctx = await newContext(browser);
  contexts.push(ctx);
  const page = await ctx.newPage();
  await login(page, username);
  return page;
}

const rows = (page: Page) => page.locator('[data-testid="alert-table"] tbody tr.ant-table-row');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  fs.writeFileSync(path.join(ARTIFACTS, 'metrics.json'), JSON.stringify({ serverStartupMs: inject('startupMs'), ...metrics }, null, 2));
});

describe('signing in', () => {
  it('shows the console with the user\'s unit in the header', async () => {
    const page = await pageAs('admin');
    await expect.poll(() => page.locator('.bh-header-unit').innerText()).toContain('内蒙古自治区公安厅交通管理局');
    await expect.poll(() => page.locator('[data-testid="overview-alerts"]').innerText()).toContain('未办结');
    await shot(page, '01-overview');
  });

  it('refuses a wrong password', async () => {
    const ctx = await newContext(browser);
    contexts.push(ctx);
    const page = await ctx.newPage();
    await page.goto('/login');
    await page.getByLabel('用户名').fill('xincheng_handler');
    await page.getByLabel('密码').fill('not the password');
    await page.getByRole('button', { name: /登\s*录/ }).click();
    await expect.poll(() => page.getByRole('alert').first().innerText()).toMatch(/用户名或密码错误|密码/);
    expect(page.url()).toContain('/login');
  });
});

describe('alert board', () => {
  it('loads on first visit with a cold cache, and is measured', async () => {
    // a fresh browser context: nothing cached; the session cookie comes from a login through the API
    const ctx = await newContext(browser);
    contexts.push(ctx);
    const res = await ctx.request.post('/api/v1/session', { data: { username: 'nm_supervisor', password: inject('demoPassword') } });
    expect(res.status()).toBe(200);
    const page = await ctx.newPage();
    const started = Date.now();
    await page.goto('/alerts');
    await rows(page).first().waitFor();
    await page.locator('[data-testid="count-red"]').waitFor();
    const ms = Date.now() - started;
    const transferred = await page.evaluate(() =>
      performance.getEntriesByType('resource').reduce((s, e) => s + ((e as PerformanceResourceTiming).transferSize || 0), 0),
    );
    const js = fs.readdirSync(path.resolve(import.meta.dirname, '../../dist/web/assets')).filter((f) => f.endsWith('.js'));
    const sizes = js.map((f) => fs.readFileSync(path.resolve(import.meta.dirname, '../../dist/web/assets', f)));
    metrics.boardFirstLoadMs = ms;
    metrics.boardTransferredBytes = transferred;
    metrics.bundleJsBytes = sizes.reduce((s, b) => s + b.length, 0);
    metrics.bundleJsGzipBytes = sizes.reduce((s, b) => s + zlib.gzipSync(b).length, 0);
    metrics.bundleJsFiles = js.length;
    console.log(`board first load ${ms} ms, ${transferred} bytes transferred; bundle ${metrics.bundleJsBytes} B JS (${metrics.bundleJsGzipBytes} B gzip) in ${js.length} files`);
    // the target is 2 s on an idle machine; the bound here only catches a board that does not load at all
    expect(ms).toBeLessThan(15_000);
  });

  it('filters by level through the filter bar, keeping the filter in the address', async () => {
    const page = await pageAs('nm_supervisor');
    await page.goto('/alerts');
    await rows(page).first().waitFor();
    const total = await page.locator('.ant-pagination-total-text').innerText();
    await page.locator('[data-testid="filter-level"]').click();
    await page.locator('.ant-select-dropdown').getByText('红色', { exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.url()).toContain('level=red');
    await expect.poll(async () => (await page.locator('.ant-pagination-total-text').innerText()) !== total).toBe(true);
    const levels = await page.locator('[data-testid="alert-table"] tbody tr.ant-table-row [data-level]').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    expect(levels.length).toBeGreaterThan(0);
    expect(new Set(levels)).toEqual(new Set(['red']));
    // the counts follow the filter
    await expect.poll(() => page.locator('[data-testid="count-orange"]').innerText()).toMatch(/\b0\b/);
    await shot(page, '02-board-red');
    await page.goto('/alerts');
    await rows(page).first().waitFor();
    await shot(page, '03-board');
  });

  it('sorts by level across all pages from the column header, keeping the sort in the address', async () => {
    const severity = (l: string | null) => ['blue', 'yellow', 'orange', 'red'].indexOf(l ?? '');
    const page = await pageAs('nm_supervisor');
    await page.goto('/alerts');
    await rows(page).first().waitFor();
    const levels = () => page.locator('[data-testid="alert-table"] tbody tr.ant-table-row [data-level]').evaluateAll((els) => els.map((e) => e.getAttribute('data-level')));
    const ids = () => page.locator('[data-testid="alert-table"] a.bh-alert-link').evaluateAll((els) => els.map((e) => (e.getAttribute('href') ?? '').split('/').pop()));
    const header = page.locator('[data-testid="alert-table"] thead th').filter({ hasText: '等级' });

    // first click: most severe first, over the whole province — the table shows the server's first page
    await header.click();
    await expect.poll(() => page.url()).toContain('sort=-level');
    const first = async () => (await apiGet<{ items: { id: string }[]; nextCursor: string }>(page, '/api/v1/alerts?sort=-level&limit=20')).json;
    await expect.poll(async () => JSON.stringify(await ids()) === JSON.stringify((await first()).items.map((a) => a.id))).toBe(true);
    const page1 = await levels();
    expect(page1[0]).toBe('red');
    expect(page1.map(severity)).toEqual([...page1.map(severity)].sort((a, b) => b - a));
    // page 2 goes on from where page 1 ended: nothing more severe than its last row
    const before = await ids();
    await page.locator('.ant-pagination-item-2').click();
    await expect.poll(async () => (await ids())[0] !== before[0]).toBe(true);
    const page2 = await levels();
    expect(severity(page2[0])).toBeLessThanOrEqual(severity(page1[page1.length - 1]));
    await shot(page, '21-board-by-level');

    // second click: least severe first — the first row is the least severe level the counts show at all,
    // which a sort of the loaded page alone would only find by chance
    await header.click();
    await expect.poll(() => page.url()).toMatch(/sort=level(&|$)/);
    await page.locator('[data-testid="count-blue"]').waitFor();
    const counted: string[] = [];
    for (const l of ['red', 'orange', 'yellow', 'blue']) {
      const label = (await page.locator(`[data-testid="count-${l}"]`).getAttribute('aria-label')) ?? '';
      if (Number(label.split(' ').pop()?.replace(/\D/g, '')) > 0) counted.push(l);
    }
    expect(counted.length).toBeGreaterThan(1);
    await expect.poll(async () => (await levels())[0]).toBe(counted[counted.length - 1]);
    const ascending = (await apiGet<{ items: { id: string }[] }>(page, '/api/v1/alerts?sort=level&limit=20')).json.items.map((a) => a.id);
    await expect.poll(ids).toEqual(ascending);

    // a third click clears the sort: newest first again, and the address says nothing of it
    await header.click();
    await expect.poll(() => page.url()).not.toContain('sort=');
  });

  it('opens an alert from the board, with its evidence, events and history', async () => {
    const page = await pageAs('nm_supervisor');
    await page.goto('/alerts?rule=ALC_BREATH_BLOOD_GAP');
    await rows(page).first().waitFor();
    const link = rows(page).first().locator('a.bh-alert-link');
    const title = (await link.innerText()).trim();
    await link.click();
    await expect.poll(() => page.locator('[data-testid="alert-title"]').innerText()).toBe(title);
    await expect.poll(() => page.locator('[data-testid="figures"]').innerText()).toContain('呼气值');
    await expect.poll(() => page.locator('[data-testid="history"]').innerText()).toContain('模型发现');
    expect(await page.getByText('关联业务事件').count()).toBeGreaterThan(0);
    await shot(page, '04-alert');
  });
});

describe('live arrival', () => {
  it('shows a new orange alert on the open board without a reload', async () => {
    const page = await pageAs('hhht_supervisor');
    await page.goto('/alerts');
    await rows(page).first().waitFor();
    await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
    // the stream is found in the API document and connected
    await expect.poll(() => page.locator('.ant-badge-status-success').count(), { timeout: 20_000 }).toBe(1);

    // a case of 新城区 whose blood value lies just under the drunk line: ALC_NEAR_THRESHOLD, orange
    const admin = await pageAs('admin');
    const stamp = Date.now().toString(36);
    const caseNo = `JQ150102E2E${stamp}`.toUpperCase();
    const at = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    const ev = (n: number, type: string, minutesAgo: number, data: Record<string, unknown>) => ({
      id: `e2e-${stamp}-${n}`,
      type,
      occurredAt: at(minutesAgo),
      unit: XINCHENG,
      actor: 'P150102001',
      location: { lat: 40.8424, lng: 111.749 },
      data,
    });
    const posted = await admin.request.post('/api/v1/events', {
      data: [
        ev(1, 'alcohol.case_opened', 300, { caseNo, driverIdNo: '150102198001010014', driverName: '测试', plate: '蒙A12345', tags: [] }),
        ev(2, 'alcohol.breath_test', 298, { caseNo, deviceId: 'HQ15010201', valueMg100ml: 84, refused: false, source: 'device' }),
        ev(3, 'alcohol.blood_drawn', 270, { caseNo, sampleNo: `${caseNo}-A`, sealNo: `FT${stamp}`, institution: '新城区医院', photoSha256: 'a'.repeat(64) }),
        ev(4, 'alcohol.lab_report', 30, { caseNo, sampleNo: `${caseNo}-A`, labId: 'LAB-NM-01', valueMg100ml: 76.5, reportPhotoSha256: 'b'.repeat(64) }),
      ],
    });
    expect(posted.status()).toBe(200);
    expect((await posted.json()).accepted).toBe(4);

    await expect.poll(() => page.locator('[data-testid="alert-table"]').innerText(), { timeout: 30_000 }).toContain(caseNo);
    expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
    // the notice also pops up, and the bell counts it
    await expect.poll(() => page.locator('.ant-notification').innerText()).toContain('新预警');
    await expect.poll(() => page.locator('[data-testid="bell"]').getAttribute('aria-label')).toMatch(/通知 \(\d+\)/);
    await shot(page, '20-board-live');
  });
});

describe('units', () => {
  it('a county user sees only its own alerts and cannot open another county\'s', async () => {
    const admin = await pageAs('admin');
    const foreign = await apiGet<{ items: { id: string; unit: string }[] }>(admin, `/api/v1/alerts?unit=${XINCHENG}&limit=1`);
    expect(foreign.json.items.length).toBe(1);
    const id = foreign.json.items[0].id;

    const page = await pageAs('hongshan_handler');
    await page.goto('/alerts');
    await page.locator('[data-testid="alert-table"]').waitFor();
    const own = await apiGet<{ items: { unit: string }[]; total: number }>(page, '/api/v1/alerts?limit=1000');
    expect(own.json.items.every((a) => a.unit.startsWith(HONGSHAN.slice(0, 6)))).toBe(true);
    await page.goto(`/alerts/${id}`);
    await expect.poll(() => page.locator('.ant-result-title').innerText()).toContain('不在您的管辖范围内');
    expect((await apiGet(page, `/api/v1/alerts/${id}`)).status).toBe(404);
    await shot(page, '05-foreign-alert');
  });
});

describe('the closed loop', () => {
  it('is worked by a county handler (sign, verify with an attachment, rectify, submit) and approved by the city', async () => {
    const admin = await pageAs('admin');
    const open = await apiGet<{ items: { id: string; level: string }[] }>(admin, `/api/v1/alerts?unit=${XINCHENG}&status=new&limit=50`);
    const alert = open.json.items.find((a) => a.level !== 'red') ?? open.json.items[0];
    expect(alert).toBeDefined();

    const page = await pageAs('xincheng_handler');
    await page.goto(`/alerts/${alert.id}`);
    const actions = page.locator('[data-testid="actions"]');
    await actions.waitFor();
    const button = (name: RegExp) => actions.getByRole('button', { name });
    const status = () => page.locator('[data-status]').first().getAttribute('data-status');

    await button(/^签\s*收$/).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(status).toBe('verifying');

    await button(/^核\s*查$/).click();
    const modal = page.locator('.ant-modal').filter({ hasText: '核查结论' });
    await modal.getByText('属实', { exact: true }).click();
    await modal.getByLabel('核查情况').fill('经调取执法记录仪与检测记录核实，情况属实。');
    await modal.locator('input[type=file]').setInputFiles({ name: '核查记录.txt', mimeType: 'text/plain', buffer: Buffer.from('核查记录：呼气与血检数据已核对。') });
    await expect.poll(() => modal.locator('.ant-upload-list-item-done, .ant-upload-list-item:not(.ant-upload-list-item-uploading)').count()).toBe(1);
    await modal.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(status).toBe('rectifying');

    await button(/^整\s*改$/).click();
    const rectify = page.locator('.ant-modal').filter({ hasText: '整改措施' });
    await rectify.getByLabel('整改措施').fill('对当班民警进行批评教育，完善呼气检测记录复核制度。');
    await rectify.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(status).toBe('rectifying');
    await expect.poll(() => page.locator('[data-testid="history"]').innerText()).toContain('整改');

    await button(/提交审核/).click();
    await page.locator('.ant-modal-confirm').getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(status).toBe('reviewing');
    await expect.poll(() => page.locator('[data-testid="history"]').innerText()).toContain('核查');
    await shot(page, '06-alert-worked');

    const city = await pageAs('hhht_supervisor');
    await city.goto(`/alerts/${alert.id}`);
    const cityActions = city.locator('[data-testid="actions"]');
    await cityActions.getByRole('button', { name: /审核通过/ }).click();
    const approve = city.locator('.ant-modal').filter({ hasText: '意见' });
    await approve.getByLabel('意见').fill('整改到位，同意办结。');
    await approve.getByRole('button', { name: /提\s*交/ }).click();
    await expect.poll(() => city.locator('[data-status]').first().getAttribute('data-status')).toBe('closed');
    const history = await city.locator('[data-testid="history"]').innerText();
    for (const step of ['签收', '核查', '整改', '审核通过']) expect(history).toContain(step);
    await shot(city, '07-alert-closed');
  });
});

describe('alcohol case', () => {
  it('shows the custody chain verified, checked again step by step in the browser', async () => {
    const page = await pageAs('nm_supervisor');
    const list = await apiGet<{ items: { caseNo: string }[] }>(page, '/api/v1/alcohol/cases?level=red,orange&limit=5');
    expect(list.json.items.length).toBeGreaterThan(0);
    const caseNo = list.json.items[0].caseNo;
    await page.goto('/alcohol/cases');
    await page.locator('[data-testid="cases"] tbody tr.ant-table-row').first().waitFor();
    await shot(page, '08-cases');
    await page.goto(`/alcohol/cases/${caseNo}`);
    const badge = page.locator('[data-testid="chain-badge"]').first();
    await badge.waitFor();
    expect(await badge.getAttribute('data-verified')).toBe('true');
    expect(await badge.innerText()).toContain('证据链完整');
    await expect.poll(() => page.locator('[data-testid="custody-timeline"]').innerText()).toContain('立案');
    await page.locator('[data-testid="chain-check"]').click();
    await expect.poll(() => page.locator('[data-testid="chain-check-result"]').innerText(), { timeout: 30_000 }).toContain('全部核验通过');
    expect(await page.locator('[data-testid="case-alerts"] a').count()).toBeGreaterThan(0);
    await shot(page, '09-case');
  });
});

describe('every page', () => {
  it('renders for an administrator, and each is kept as a screenshot', async () => {
    const page = await pageAs('admin');
    const pages: [string, string, string][] = [
      ['/stats', '10-stats', '考核排名'],
      ['/alcohol/labs', '11-labs', '检验机构'],
      ['/alcohol/rooms', '12-rooms', '物证室'],
      ['/admin/units', '13-units', '单位'],
      ['/admin/people', '14-people', 'xincheng_handler'],
      ['/admin/tokens', '15-tokens', '令牌'],
      ['/admin/rules', '16-rules', 'ALC_BREATH_BLOOD_GAP'],
      ['/admin/dead-letters', '17-dead-letters', '死信'],
      ['/admin/audit', '18-audit', '审计'],
    ];
    for (const [url, name, text] of pages) {
      await page.goto(url);
      await expect.poll(() => page.locator('#main').innerText(), { timeout: 20_000 }).toContain(text);
      await page.waitForLoadState('networkidle');
      await shot(page, name);
    }
  });

  it('previews a rule change with a back-test before it may be saved', async () => {
    const page = await pageAs('prov_admin');
    await page.goto('/admin/rules');
    await page.getByRole('button', { name: /参数与历史: 呼气与血检差值异常/ }).click();
    const drawer = page.locator('.ant-drawer');
    const save = drawer.getByRole('button', { name: /保存为新版本/ });
    await drawer.getByLabel('修改理由').fill('试算容差');
    const first = drawer.locator('.ant-input-number input').first();
    await first.fill(String(Number((await first.inputValue()) || '0') + 1));
    await expect.poll(() => save.isDisabled()).toBe(true);
    await drawer.getByRole('button', { name: /回测预览/ }).click();
    await drawer.locator('[data-testid="backtest-result"]').waitFor({ timeout: 60_000 });
    await expect.poll(() => save.isDisabled()).toBe(false);
    await shot(page, '19-rule-backtest');
  });
});
