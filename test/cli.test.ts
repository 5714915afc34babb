// The `bihuan` command against a running server, as a user would type it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engine, freshDatabaseUrl, dropDatabaseUrl } from './db.ts';
import { freePort, startServerProcess, type ServerProcess } from './server-process.ts';
import { ADMIN_TOKEN, unitEvents, UNITS } from './platform.ts';

const run = promisify(execFile);
const bin = path.resolve(__dirname, '../bin/bihuan.js');
let dir: string;
let dbUrl: string | undefined;
let server: ServerProcess;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-cli-'));
  dbUrl = engine === 'postgres' ? await freshDatabaseUrl() : undefined;
  server = await startServerProcess({ BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN, BIHUAN_DATA_DIR: path.join(dir, 'data'), DATABASE_URL: dbUrl ?? '' }, await freePort());
});
afterAll(async () => {
  server?.child.kill('SIGTERM');
  await server?.exited;
  fs.rmSync(dir, { recursive: true, force: true });
  if (dbUrl) await dropDatabaseUrl(dbUrl);
});

const cli = (args: string[], env: Record<string, string> = {}) => run(process.execPath, [bin, ...args], { env: { ...process.env, ...env }, maxBuffer: 1 << 24 });

describe('bihuan', () => {
  it('ingests an NDJSON file with a progress bar and a summary', async () => {
    const file = path.join(dir, 'events.ndjson');
    const bad = JSON.stringify({ id: 'cli-bad', type: 'device.status', occurredAt: '2026-11-10T08:00:00+08:00', unit: UNITS.xincheng, data: { deviceId: 'D', status: 'exploded' } });
    fs.writeFileSync(file, [...unitEvents().map((e) => JSON.stringify(e)), bad, ''].join('\n'));
    const { stdout, stderr } = await cli(['ingest', file, '--url', server.url, '--token', ADMIN_TOKEN]);
    expect(stderr).toMatch(/ingest/);
    expect(stdout).toMatch(/data\.status/);
    expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ accepted: 6, duplicates: 0, rejected: 1 });
    // again, from standard input: everything is a duplicate now
    const again = await run('bash', ['-c', `cat ${file} | ${process.execPath} ${bin} ingest - --url ${server.url}`], { env: { ...process.env, BIHUAN_TOKEN: ADMIN_TOKEN } });
    expect(JSON.parse(again.stdout.trim().split('\n').pop()!)).toEqual({ accepted: 0, duplicates: 6, rejected: 1 });
  });

  it('creates a token bound to a unit and scopes, shown once, that then works', async () => {
    const { stdout } = await cli(['token', 'create', '--name', 'feed', '--unit', UNITS.hohhot, '--scope', 'read', '--url', server.url], { BIHUAN_ADMIN_TOKEN: ADMIN_TOKEN });
    const token = /token: (\S+)/.exec(stdout)![1];
    const res = await fetch(`${server.url}/api/v1/units`, { headers: { authorization: `Bearer ${token}` } });
    const units = (await res.json()) as { items: { code: string }[] };
    expect(units.items.map((u) => u.code)).toEqual([UNITS.hohhot, UNITS.xincheng, UNITS.huimin]);
  });

  it('explains a refusal in words and exits non-zero', async () => {
    await expect(cli(['token', 'create', '--name', 'x', '--unit', '159999000000', '--scope', 'read', '--url', server.url, '--token', ADMIN_TOKEN])).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/400 .*unit/),
    });
    await expect(cli(['ingest', path.join(dir, 'events.ndjson'), '--url', 'http://127.0.0.1:1', '--token', ADMIN_TOKEN])).rejects.toMatchObject({
      stderr: expect.stringMatching(/cannot reach the server/),
    });
  });

  it('writes the demo province as NDJSON, the same for the same seed', async () => {
    const a = path.join(dir, 'a.ndjson');
    const b = path.join(dir, 'b.ndjson');
    const args = ['--seed', '5', '--end', '2026-11-01T00:00:00+08:00', '--days', '2'];
    await cli(['demo', '--out', a, ...args]);
    await cli(['demo', '--out', b, ...args]);
    const text = fs.readFileSync(a, 'utf8');
    expect(text).toBe(fs.readFileSync(b, 'utf8'));
    const lines = text.trim().split('\n').map((l) => JSON.parse(l) as { type: string });
    expect(lines.filter((e) => e.type === 'ref.unit').length).toBeGreaterThan(110);
    expect(lines.length).toBeGreaterThan(5000);
  });
});
