// A platform on a fresh database with a held clock and a small unit tree, for route and service tests.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ManualClock } from '../src/server/platform/clock.ts';
import { readSettings } from '../src/server/platform/settings.ts';
import { composePlatform, type Platform } from '../src/server/main.ts';
import { freshDatabase } from './db.ts';

export const ADMIN_TOKEN = 'test-admin-token-0123456789abcdefghijklmnop';
export const T0 = '2026-11-10T12:00:00+08:00';

export const UNITS = {
  province: '150000000000',
  hohhot: '150100000000',
  xincheng: '150102000000',
  huimin: '150103000000',
  baotou: '150200000000',
  donghe: '150202000000',
} as const;

export function unitEvents(at = '2026-11-01T08:00:00+08:00') {
  const u = (code: string, name: string, level: string, parentCode: string | null, platePrefixes?: string[]) => ({
    id: `unit-${code}`,
    type: 'ref.unit',
    occurredAt: at,
    unit: code,
    data: { code, name, level, parentCode, ...(platePrefixes ? { platePrefixes } : {}) },
  });
  return [
    u(UNITS.province, '内蒙古自治区公安厅交通管理局', 'province', null),
    u(UNITS.hohhot, '呼和浩特市公安局交通管理支队', 'city', UNITS.province, ['蒙A']),
    u(UNITS.xincheng, '新城区交警大队', 'county', UNITS.hohhot),
    u(UNITS.huimin, '回民区交警大队', 'county', UNITS.hohhot),
    u(UNITS.baotou, '包头市公安局交通管理支队', 'city', UNITS.province, ['蒙B']),
    u(UNITS.donghe, '东河区交警大队', 'county', UNITS.baotou),
  ];
}

/** a checkpoint pass at 新城区 (the event tests' usual subject); `over` replaces envelope fields, `data` data fields */
export const checkpointPass = (id: string, over: Record<string, unknown> = {}, data: Record<string, unknown> = {}) => ({
  id,
  type: 'checkpoint.pass',
  occurredAt: '2026-11-10T08:00:00+08:00',
  unit: UNITS.xincheng,
  data: { checkpointId: 'KK-001', plate: '蒙A12345', plateColor: 'blue', lane: 1, speedKmh: 62, ...data },
  ...over,
});

export interface TestPlatform extends Platform {
  clock: ManualClock;
  close(): Promise<void>;
  post(url: string, body: unknown, opts?: { token?: string; cookie?: string; contentType?: string }): Promise<{ status: number; json: any }>;
  get(url: string, opts?: { token?: string; cookie?: string }): Promise<{ status: number; json: any }>;
}

export async function testPlatform(opts: { withUnits?: boolean; env?: Record<string, string> } = {}): Promise<TestPlatform> {
  const database = await freshDatabase();
  const clock = new ManualClock(T0);
  // a data folder of its own (the file store), removed on close
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-test-'));
  const settings = readSettings({ BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: 'silent', BIHUAN_DATA_DIR: dataDir, ...opts.env });
  const p = await composePlatform(settings, database, { clock, logger: false });
  const headers = (o: { token?: string; cookie?: string } = {}) => {
    const h: Record<string, string> = {};
    if (o.cookie) h.cookie = o.cookie;
    else h.authorization = `Bearer ${o.token ?? ADMIN_TOKEN}`;
    return h;
  };
  const tp: TestPlatform = {
    ...p,
    clock,
    close: async () => {
      await p.app.close();
      await database.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
    post: async (url, body, o = {}) => {
      const contentType = o.contentType ?? 'application/json';
      const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
      const res = await p.app.inject({ method: 'POST', url, payload, headers: { ...headers(o), 'content-type': contentType } });
      return { status: res.statusCode, json: res.body ? safeJson(res.body) : null };
    },
    get: async (url, o = {}) => {
      const res = await p.app.inject({ method: 'GET', url, headers: headers(o) });
      return { status: res.statusCode, json: res.body ? safeJson(res.body) : null };
    },
  };
  if (opts.withUnits !== false) {
    const r = await tp.post('/api/v1/events', unitEvents());
    if (r.status !== 200 || r.json.accepted !== 6) throw new Error(`unit seed failed: ${JSON.stringify(r.json)}`);
  }
  return tp;
}

function safeJson(s: string): unknown {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
}
