// Starting the platform as the README does: the administrator's password, and the demo province loaded
// through the real ingest path with people of every role who can log in.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventTypes } from '../src/contract/events.ts';
import { engine, freshDatabaseUrl, dropDatabaseUrl } from './db.ts';
import { freePort, startServerProcess } from './server-process.ts';

let dir: string;
const dbUrls: string[] = [];
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-start-'));
});
afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  for (const u of dbUrls) await dropDatabaseUrl(u);
});

async function databaseEnv(name: string): Promise<Record<string, string>> {
  if (engine === 'postgres') {
    const url = await freshDatabaseUrl();
    dbUrls.push(url);
    return { DATABASE_URL: url };
  }
  return { DATABASE_URL: '', BIHUAN_DATA_DIR: path.join(dir, name) };
}

async function login(url: string, username: string, password: string) {
  const res = await fetch(`${url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
  return { status: res.status, cookie: res.headers.get('set-cookie')?.split(';')[0] ?? '', body: (await res.json()) as { user?: { unit: { code: string; level: string } } } };
}

describe('start-up', () => {
  it('prints a generated admin password once, and BIHUAN_ADMIN_PASSWORD sets it', async () => {
    const env = await databaseEnv('admin');
    let s = await startServerProcess(env, await freePort());
    s.child.kill('SIGTERM');
    await s.exited;
    const generated = /admin \/ (\S+)/.exec(s.output())![1];
    s = await startServerProcess(env, await freePort());
    try {
      expect(s.output()).not.toContain(generated);
      expect((await login(s.url, 'admin', generated)).status).toBe(200);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    s = await startServerProcess({ ...env, BIHUAN_ADMIN_PASSWORD: 'chosen-password-1' }, await freePort());
    try {
      expect((await login(s.url, 'admin', 'chosen-password-1')).status).toBe(200);
      expect((await login(s.url, 'admin', generated)).status).toBe(401);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
  });

  it('loads the demo province through ingest and prints who can log in', async () => {
    const env = { ...(await databaseEnv('demo')), BIHUAN_DEMO: '1', BIHUAN_DEMO_PASSWORD: 'demo-pass-1' };
    const s = await startServerProcess(env, await freePort());
    try {
      const out = s.output();
      expect(out).toMatch(/demo: \d+ 个事件 events, \d+ 个单位 units, 0 rejected/);
      expect(out).toContain('demo-pass-1');
      const users = [...out.matchAll(/^ {2}([a-z_]+) /gm)].map((m) => m[1]);
      expect(users.length).toBeGreaterThanOrEqual(10);
      const seen = new Map<string, { code: string; level: string }>();
      for (const u of users) {
        const r = await login(s.url, u, 'demo-pass-1');
        expect(r.status, u).toBe(200);
        seen.set(u, r.body.user!.unit);
      }
      const levels = [...seen.values()].map((u) => u.level);
      expect(levels).toContain('province');
      expect(levels).toContain('city');
      expect(levels.filter((l) => l === 'county').length).toBeGreaterThanOrEqual(3);
      // counties of two different cities
      const countyCities = new Set([...seen.values()].filter((u) => u.level === 'county').map((u) => u.code.slice(0, 4)));
      expect(countyCities.size).toBeGreaterThanOrEqual(2);

      const admin = await login(s.url, users.find((u) => seen.get(u)!.level === 'province' && u.includes('admin')) ?? users[0], 'demo-pass-1');
      const units = (await (await fetch(`${s.url}/api/v1/units`, { headers: { cookie: admin.cookie } })).json()) as { items: { level: string }[] };
      expect(units.items.filter((u) => u.level === 'city').length).toBeGreaterThanOrEqual(12);
      expect(units.items.filter((u) => u.level === 'county').length).toBeGreaterThanOrEqual(100);
      const dead = (await (await fetch(`${s.url}/api/v1/dead-letters`, { headers: { cookie: admin.cookie } })).json()) as { items: unknown[] };
      expect(dead.items).toEqual([]);
    } finally {
      s.child.kill('SIGTERM');
      await s.exited;
    }
    // every event type of the contract arrived, through the ingest path (the audit log shows the batches)
    const types = await eventTypesStored(env);
    for (const t of eventTypes) expect(types, t).toContain(t);
  }, 360_000);
});

async function eventTypesStored(env: Record<string, string>): Promise<string[]> {
  const { openDatabase } = await import('../src/server/platform/db/client.ts');
  const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.BIHUAN_DATA_DIR ? path.join(env.BIHUAN_DATA_DIR, 'pglite') : undefined });
  try {
    const r = await db.pool.query<{ type: string }>('select distinct type from events');
    const a = await db.pool.query<{ n: string }>("select count(*)::text as n from audit_log where action = 'events.ingest'");
    expect(Number(a.rows[0].n)).toBeGreaterThan(10);
    return r.rows.map((x) => x.type);
  } finally {
    await db.close();
  }
}
