// A kill -9 at any moment loses no acknowledged event; SIGTERM finishes the requests in flight; the
// embedded database's folder belongs to one server. Runs on the engine of this test run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabaseUrl, dropDatabaseUrl } from './db.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { ADMIN_TOKEN, unitEvents, UNITS } from './platform.ts';

let dataDir: string;
let dbUrl: string | undefined;
let env: Record<string, string>;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-crash-'));
  dbUrl = engine === 'postgres' ? await freshDatabaseUrl() : undefined;
  env = { BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN, BIHUAN_DATA_DIR: dataDir, ...(dbUrl ? { DATABASE_URL: dbUrl } : { DATABASE_URL: '' }) };
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbUrl) await dropDatabaseUrl(dbUrl);
});

const post = (url: string, body: string, contentType = 'application/x-ndjson') =>
  fetch(`${url}/api/v1/events`, { method: 'POST', body, headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': contentType } });

const pass = (id: string) =>
  JSON.stringify({ id, type: 'checkpoint.pass', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: { checkpointId: 'KK-1', plate: '蒙A12345', plateColor: 'blue', lane: 1, speedKmh: 60 } });

describe('the server process', () => {
  it('loses no acknowledged event to kill -9, on restart every acknowledged event is a duplicate', async () => {
    const port = await freePort();
    let server = await startServerProcess(env, port);
    expect((await post(server.url, JSON.stringify(unitEvents()), 'application/json')).status).toBe(200);
    const acknowledged: string[][] = [];
    let stop = false;
    let n = 0;
    const loop = async (w: number) => {
      while (!stop) {
        const ids = Array.from({ length: 40 }, () => `crash-${w}-${n++}`);
        try {
          const res = await post(server.url, ids.map(pass).join('\n'));
          if (res.status === 200) {
            const s = (await res.json()) as { accepted: number };
            expect(s.accepted).toBe(ids.length);
            acknowledged.push(ids);
          }
        } catch {
          return; // the server died under us: this batch was never acknowledged
        }
      }
    };
    const loops = [0, 1, 2, 3].map(loop);
    await new Promise((r) => setTimeout(r, 1500));
    server.child.kill('SIGKILL');
    stop = true;
    await Promise.all(loops);
    await server.exited;
    expect(acknowledged.length).toBeGreaterThan(5);

    server = await startServerProcess(env, port);
    try {
      const all = acknowledged.flat();
      const res = await post(server.url, all.map(pass).join('\n'));
      const s = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      expect(s).toEqual({ accepted: 0, duplicates: all.length, rejected: [] });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });

  it('finishes a request in flight on SIGTERM before it exits', async () => {
    const port = await freePort();
    const server = await startServerProcess(env, port);
    const ids = Array.from({ length: 300 }, (_, i) => `term-${i}`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent >= ids.length) return controller.close();
        if (sent === 100) {
          // the server has had the request and its first lines for a while: it is in flight
          await new Promise((r) => setTimeout(r, 500));
          server.child.kill('SIGTERM');
          await new Promise((r) => setTimeout(r, 300));
        }
        controller.enqueue(new TextEncoder().encode(ids.slice(sent, sent + 50).map(pass).join('\n') + '\n'));
        sent += 50;
      },
    });
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      body,
      duplex: 'half',
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'content-type': 'application/x-ndjson' },
    } as RequestInit);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { accepted: number }).accepted).toBe(300);
    expect(await server.exited).toBe(0);
  });

  it('refuses to open an embedded database another server holds', async () => {
    // the lock concerns the embedded database only, so this runs on PGlite in both test runs
    const liteEnv = { BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN, BIHUAN_DATA_DIR: path.join(dataDir, 'locked'), DATABASE_URL: '' };
    const first = await startServerProcess(liteEnv, await freePort());
    try {
      const second = await startServerProcess(liteEnv, await freePort(), false);
      expect(await second.exited).toBe(2);
      expect(second.output()).toMatch(/in use by another bihuan process/);
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
  });
});
