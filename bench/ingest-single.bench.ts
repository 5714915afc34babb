// A checkpoint feed: single-event POSTs (checkpoint.pass, one JSON event per request) offered at a fixed
// rate to a real server process, the platform as composed. Open loop: each request is sent at its
// scheduled time whether or not earlier ones have been answered, and its latency counts from that time,
// so a server that falls behind shows it. Prints the achieved rate, latency percentiles and how many
// transactions the grouped posts took.
// BENCH_RATE (posts/s, default 2000), BENCH_SECONDS (default 60), BENCH_ENGINES (default "postgres";
// "postgres,pglite" for both), BENCH_MODES (default "grouped"; "grouped,single" adds a run with one
// transaction per post), BENCH_NO_LISTENERS=1 (ingest path alone), BENCH_NODE_ARGS (node flags for the
// server), BENCH_PG_URL.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, startServerProcess } from '../test/server-process.ts';
import { benchPgUrl, pgVia, SERVER_NODE_FLAGS } from './setup.ts';

const RATE = Number(process.env.BENCH_RATE || 2000);
const SECONDS = Number(process.env.BENCH_SECONDS || 60);
const engines = (process.env.BENCH_ENGINES || 'postgres').split(',');
const modes = (process.env.BENCH_MODES || 'grouped').split(',');
const PG = benchPgUrl();
const TOKEN = 'bench-admin-token-0123456789abcdefghijklmnopq';
const PROVINCE = '150000000000';
const COUNTY = '150102000000';

const log = (s: string) => process.stdout.write(`${s}\n`);

function request(agent: http.Agent, url: URL, body: string): Promise<number> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      { method: 'POST', agent, headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

const units = [
  { id: 'bench-unit-p', type: 'ref.unit', occurredAt: '2026-01-01T00:00:00+08:00', unit: PROVINCE, data: { code: PROVINCE, name: '省交通管理局', level: 'province', parentCode: null } },
  { id: 'bench-unit-c', type: 'ref.unit', occurredAt: '2026-01-01T00:00:00+08:00', unit: COUNTY, data: { code: COUNTY, name: '新城区交警大队', level: 'county', parentCode: PROVINCE } },
];

function pass(i: number): string {
  return JSON.stringify({
    id: `kk-${i}`,
    type: 'checkpoint.pass',
    occurredAt: new Date().toISOString(),
    unit: COUNTY,
    data: { checkpointId: `KK-${String(i % 40).padStart(3, '0')}`, plate: `蒙A${String(10000 + (i % 90000))}`, plateColor: 'blue', lane: 1 + (i % 4), speedKmh: 40 + (i % 50) },
  });
}

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;

function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

async function run(engine: string, mode: string, env: Record<string, string>) {
  const server = await startServerProcess({ BIHUAN_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'error', ...env }, await freePort(), true, [
    ...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []),
    ...SERVER_NODE_FLAGS,
    '--import',
    'tsx',
    path.join(import.meta.dirname, 'bench-server.ts'),
    ...(process.env.BENCH_NO_LISTENERS ? ['--no-listeners'] : []),
    ...(mode === 'single' ? ['--no-group'] : []),
  ]);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  try {
    const url = new URL(`${server.url}/api/v1/events`);
    const setup = await request(agent, url, JSON.stringify(units));
    if (setup !== 200) throw new Error(`unit set-up answered ${setup}`);
    // warm up: a second at a tenth of the rate
    for (let i = 0; i < RATE / 10; i++) await request(agent, url, pass(-1 - i));
    const total = RATE * SECONDS;
    const latencies: number[] = [];
    let ok = 0;
    let failed = 0;
    let sent = 0;
    const cpu0 = cpuSeconds(server.child.pid!);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    const inFlight = new Set<Promise<void>>();
    await new Promise<void>((resolve) => {
      const tick = () => {
        const due = Math.min(total, Math.floor(((performance.now() - t0) / 1000) * RATE));
        while (sent < due) {
          const scheduled = t0 + (sent * 1000) / RATE;
          const p = request(agent, url, pass(sent)).then((status) => {
            if (status === 200) {
              ok++;
              latencies.push(performance.now() - scheduled);
            } else failed++;
            inFlight.delete(p);
          });
          inFlight.add(p);
          sent++;
        }
        if (sent < total) setTimeout(tick, 1);
        else resolve();
      };
      tick();
    });
    await Promise.all(inFlight);
    const seconds = (performance.now() - t0) / 1000;
    const serverCpu = cpuSeconds(server.child.pid!) - cpu0;
    const own = process.cpuUsage(own0);
    const clientCpu = (own.user + own.system) / 1e6;
    const metrics = (await (await fetch(`${server.url}/api/v1/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as {
      ingestGroups: { requests: number; commits: number };
    };
    latencies.sort((a, b) => a - b);
    log(
      `${engine.padEnd(8)} ${mode.padEnd(7)} offered ${RATE}/s for ${SECONDS} s: answered ${ok} (${failed} failed) in ${seconds.toFixed(1)} s = ${Math.round(ok / seconds).toLocaleString('en')} posts/s | ` +
        `latency p50 ${pct(latencies, 0.5).toFixed(1)} ms, p90 ${pct(latencies, 0.9).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${latencies[latencies.length - 1]?.toFixed(1)} ms | ` +
        `${mode === 'single' ? 'a transaction per post' : `${metrics.ingestGroups.requests} posts in ${metrics.ingestGroups.commits} transactions`} | cpu: server ${serverCpu.toFixed(1)} s, load generator ${clientCpu.toFixed(1)} s`,
    );
  } finally {
    agent.destroy();
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

async function main() {
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load generator on the same machine; ${pgVia(PG)}`);
  for (const engine of engines) {
    for (const mode of modes) {
      if (engine === 'postgres') {
        const admin = new pg.Client({ connectionString: PG });
        await admin.connect();
        const db = `bihuan_bench_single_${Date.now()}`;
        await admin.query(`CREATE DATABASE ${db}`);
        try {
          await run(engine, mode, { DATABASE_URL: Object.assign(new URL(PG), { pathname: `/${db}` }).toString() });
        } finally {
          await admin.query(`DROP DATABASE IF EXISTS ${db} WITH (FORCE)`);
          await admin.end();
        }
      } else {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-bench-single-'));
        try {
          await run(engine, mode, { DATABASE_URL: '', BIHUAN_DATA_DIR: dir });
        } finally {
          fs.rmSync(dir, { recursive: true, force: true });
        }
      }
    }
  }
}

await main();
