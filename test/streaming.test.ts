// A 100 MB NDJSON body streams through the server: its memory does not grow with the body.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { engine, freshDatabaseUrl, dropDatabaseUrl } from './db.ts';
import { freePort, startServerProcess } from './server-process.ts';
import { ADMIN_TOKEN, unitEvents, UNITS } from './platform.ts';

let dataDir: string;
let dbUrl: string | undefined;
beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-stream-'));
  dbUrl = engine === 'postgres' ? await freshDatabaseUrl() : undefined;
});
afterAll(async () => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  if (dbUrl) await dropDatabaseUrl(dbUrl);
});


it('streams a 100 MB NDJSON body without holding it', async () => {
  const server = await startServerProcess({ BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN, BIHUAN_DATA_DIR: dataDir, DATABASE_URL: dbUrl ?? '' }, await freePort());
  try {
    const headers = { authorization: `Bearer ${ADMIN_TOKEN}` };
    await fetch(`${server.url}/api/v1/events`, { method: 'POST', body: JSON.stringify(unitEvents()), headers: { ...headers, 'content-type': 'application/json' } });
    // 100 distinct events of ~40 KB (an ignored field pads them), sent 25 times over: 100 MB on the
    // wire, 4 MB stored, so what is measured is the body's passage, not the database's growth
    const pad = 'x'.repeat(40_000);
    const block =
      Array.from({ length: 100 }, (_, i) =>
        JSON.stringify({ id: `big-${i}`, type: 'device.status', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: `CAM-${i}`, status: 'online', note: pad } }),
      ).join('\n') + '\n';
    // JavaScript heap plus buffers, as the server reports them: where a held body would sit (the process's
    // resident size would mostly show the embedded database's WebAssembly memory)
    const heldMb = async () => {
      const m = ((await (await fetch(`${server.url}/api/v1/metrics`, { headers })).json()) as { memory: { heapUsed: number; arrayBuffers: number } }).memory;
      return (m.heapUsed + m.arrayBuffers) / 2 ** 20;
    };
    const stream = async (mb: number) => {
      const repeats = Math.ceil((mb * 2 ** 20) / Buffer.byteLength(block));
      let sent = 0;
      // the peak while this body passes
      let peak = await heldMb();
      let sampling = true;
      const sampler = (async () => {
        while (sampling) {
          peak = Math.max(peak, await heldMb());
          await new Promise((r) => setTimeout(r, 25));
        }
      })();
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent++ >= repeats) return controller.close();
          controller.enqueue(new TextEncoder().encode(block));
        },
      });
      const res = await fetch(`${server.url}/api/v1/events`, { method: 'POST', body, duplex: 'half', headers: { ...headers, 'content-type': 'application/x-ndjson' } } as RequestInit);
      expect(res.status).toBe(200);
      const summary = (await res.json()) as { accepted: number; duplicates: number; rejected: unknown[] };
      expect(summary.accepted + summary.duplicates).toBe(repeats * 100);
      expect(summary.rejected).toEqual([]);
      sampling = false;
      await sampler;
      return peak;
    };
    // the first 100 MB settle the working set (chunk buffers, the driver's, the collector's slack);
    // a body held in memory would raise the peak again by at least the extra 200 MB of the second
    const afterFirst = await stream(100);
    const afterSecond = await stream(300);
    expect(afterSecond - afterFirst).toBeLessThan(150);
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
});
