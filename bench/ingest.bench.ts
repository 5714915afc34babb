// Ingest throughput: N demo events posted as one NDJSON stream to a real server process, on PostgreSQL
// and on PGlite, next to a raw COPY of the same rows into a bare table on the same engine, each ingest run
// paired with a COPY run right after it. Two ways: the ingest path alone (no listeners on it) and the
// platform as composed (on-arrival detection in the ingest transaction).
// BENCH_EVENTS (default 1,000,000), BENCH_ENGINES (default "postgres,pglite"), BENCH_MODES (default
// "alone,composed"), BENCH_REPEAT (pairs per engine and mode, default 1), BENCH_CPU=1 (CPU seconds of the
// server process and its database backends), BENCH_NODE_ARGS (node flags for the server, e.g. --cpu-prof),
// BENCH_PG_URL.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { PGlite } from '@electric-sql/pglite';
import { generateDemo } from '../src/server/modules/demo/index.ts';
import { freePort, startServerProcess } from '../test/server-process.ts';
import { benchPgUrl, pgVia, SERVER_NODE_FLAGS } from './setup.ts';

const N = Number(process.env.BENCH_EVENTS || 1_000_000);
const engines = (process.env.BENCH_ENGINES || 'postgres,pglite').split(',');
const modes = (process.env.BENCH_MODES || 'alone,composed').split(',') as Mode[];
const repeat = Number(process.env.BENCH_REPEAT || 1);
type Mode = 'alone' | 'composed';
const PG = benchPgUrl();
const TOKEN = 'bench-admin-token-0123456789abcdefghijklmnopq';
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-bench-'));
const ndjson = path.join(dir, 'events.ndjson');
const tsv = path.join(dir, 'events.tsv');

function log(s: string) {
  process.stdout.write(`${s}\n`);
}

/** the same rows COPY gets: id, type, occurred_at, unit_code, actor, body */
const tsvEscape = (s: string) => s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r');

async function prepareFiles(): Promise<number> {
  // scale the demo month until it holds N events, then cut at N
  let scale = 1;
  let count = 0;
  for (const _ of generateDemo({ seed: 7, end: new Date(), days: 30, scale: 1 })) count++;
  // a little over, then cut at exactly N
  scale = Math.max(1, (N / count) * 1.1);
  const nd = fs.createWriteStream(ndjson);
  const tv = fs.createWriteStream(tsv);
  let n = 0;
  let a: string[] = [];
  let b: string[] = [];
  const flush = async () => {
    if (!nd.write(a.join(''))) await new Promise<void>((r) => nd.once('drain', () => r()));
    if (!tv.write(b.join(''))) await new Promise<void>((r) => tv.once('drain', () => r()));
    a = [];
    b = [];
  };
  for (const e of generateDemo({ seed: 7, end: new Date(), days: 30, scale })) {
    const line = JSON.stringify(e);
    a.push(line + '\n');
    b.push([e.id, e.type, e.occurredAt, e.unit, e.actor ?? '\\N', tsvEscape(line)].join('\t') + '\n');
    if (++n >= N) break;
    if (a.length === 5000) await flush();
  }
  await flush();
  await Promise.all([new Promise<void>((r) => nd.end(() => r())), new Promise<void>((r) => tv.end(() => r()))]);
  return n;
}

async function ingestRun(env: Record<string, string>, mode: Mode): Promise<{ seconds: number; accepted: number; rejected: number }> {
  // the server runs with the flags `npm start` gives it (a 64 MB young generation, its workers' too)
  const entry = [...(process.env.BENCH_NODE_ARGS ? process.env.BENCH_NODE_ARGS.split(' ') : []), ...SERVER_NODE_FLAGS, '--import', 'tsx', path.join(import.meta.dirname, 'bench-server.ts'), ...(mode === 'alone' ? ['--no-listeners'] : [])];
  const server = await startServerProcess({ BIHUAN_ADMIN_TOKEN: TOKEN, LOG_LEVEL: 'error', ...env }, await freePort(), true, entry);
  try {
    const ready = cpuSeconds(server.child.pid!);
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v1/events`, {
      method: 'POST',
      body: Readable.toWeb(fs.createReadStream(ndjson, { highWaterMark: 1 << 20 })) as ReadableStream,
      duplex: 'half',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/x-ndjson', 'content-length': String(fs.statSync(ndjson).size) },
    } as RequestInit);
    const summary = (await res.json()) as { accepted: number; rejected: unknown[] };
    const seconds = (performance.now() - t0) / 1000;
    if (process.env.BENCH_CPU) {
      // where the time went: the server process and the database backends it used (PostgreSQL only)
      let backends = 0;
      if (env.DATABASE_URL) {
        const c = new pg.Client({ connectionString: PG });
        await c.connect();
        const pids = (await c.query(`select pid from pg_stat_activity where datname = $1`, [new URL(env.DATABASE_URL).pathname.slice(1)])).rows.map((r) => r.pid as number);
        await c.end();
        for (const pid of pids) backends += cpuSeconds(pid);
      }
      log(`  cpu: server ${(cpuSeconds(server.child.pid!) - ready).toFixed(1)} s (after start), database backends ${backends.toFixed(1)} s, wall ${seconds.toFixed(1)} s`);
    }
    if (res.status !== 200) throw new Error(JSON.stringify(summary).slice(0, 500));
    return { seconds, accepted: summary.accepted, rejected: summary.rejected.length };
  } finally {
    server.child.kill('SIGTERM');
    await server.exited;
  }
}

/** user + system CPU seconds a process has used (Linux) */
function cpuSeconds(pid: number): number {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100;
  } catch {
    return 0;
  }
}

const bareTable = `CREATE TABLE bare_events (id text, type text, occurred_at timestamptz, unit_code text, actor text, body jsonb)`;

async function copyPostgres(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(bareTable);
    const pid = (await client.query('SELECT pg_backend_pid() AS pid')).rows[0].pid as number;
    const backend0 = cpuSeconds(pid);
    const own0 = process.cpuUsage();
    const t0 = performance.now();
    await pipeline(fs.createReadStream(tsv), client.query(copyFrom('COPY bare_events FROM STDIN')));
    const seconds = (performance.now() - t0) / 1000;
    if (process.env.BENCH_CPU) {
      const own = process.cpuUsage(own0);
      log(`  cpu: COPY client ${((own.user + own.system) / 1e6).toFixed(1)} s, database backend ${(cpuSeconds(pid) - backend0).toFixed(1)} s, wall ${seconds.toFixed(1)} s`);
    }
    return seconds;
  } finally {
    await client.end();
  }
}

async function copyPglite(): Promise<number> {
  const lite = await PGlite.create(path.join(dir, 'copy-lite'));
  try {
    await lite.exec(bareTable);
    const blob = new Blob([fs.readFileSync(tsv)]);
    const t0 = performance.now();
    await lite.query(`COPY bare_events FROM '/dev/blob'`, [], { blob });
    return (performance.now() - t0) / 1000;
  } finally {
    await lite.close();
    fs.rmSync(path.join(dir, 'copy-lite'), { recursive: true, force: true });
  }
}

async function main() {
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; ${pgVia(PG)}`);
  const n = await prepareFiles();
  log(`events: ${n} (${(fs.statSync(ndjson).size / 2 ** 20).toFixed(0)} MiB NDJSON)`);
  const admin = new pg.Client({ connectionString: PG });
  if (engines.includes('postgres')) await admin.connect();
  const ratios: Record<string, number[]> = {};
  for (const engine of engines) {
    for (let round = 0; round < repeat; round++) {
      for (const mode of modes) {
        let copySeconds: number;
        let run: { seconds: number; accepted: number; rejected: number };
        if (engine === 'postgres') {
          const db1 = `bihuan_bench_${Date.now()}`;
          const db2 = `${db1}_copy`;
          await admin.query(`CREATE DATABASE ${db1}`);
          await admin.query(`CREATE DATABASE ${db2}`);
          const u = (db: string) => Object.assign(new URL(PG), { pathname: `/${db}` }).toString();
          try {
            run = await ingestRun({ DATABASE_URL: u(db1) }, mode);
            copySeconds = await copyPostgres(u(db2));
          } finally {
            await admin.query(`DROP DATABASE IF EXISTS ${db1} WITH (FORCE)`);
            await admin.query(`DROP DATABASE IF EXISTS ${db2} WITH (FORCE)`);
          }
        } else {
          const dataDir = path.join(dir, `server-lite-${round}-${mode}`);
          run = await ingestRun({ DATABASE_URL: '', BIHUAN_DATA_DIR: dataDir }, mode);
          fs.rmSync(dataDir, { recursive: true, force: true });
          copySeconds = await copyPglite();
        }
        const ingestRate = run.accepted / run.seconds;
        const copyRate = n / copySeconds;
        const ratio = ingestRate / copyRate;
        (ratios[`${engine} ${mode}`] ??= []).push(ratio);
        log(
          `${engine.padEnd(8)} ${mode.padEnd(8)} ingest ${Math.round(ingestRate).toLocaleString('en')} events/s (${run.seconds.toFixed(1)} s, accepted ${run.accepted}, rejected ${run.rejected}) | ` +
            `raw COPY ${Math.round(copyRate).toLocaleString('en')} rows/s (${copySeconds.toFixed(1)} s) | ratio ${ratio.toFixed(2)} × COPY`,
        );
      }
    }
  }
  if (repeat > 1) {
    for (const [k, r] of Object.entries(ratios)) {
      const sorted = [...r].sort((a, b) => a - b);
      log(`${k.padEnd(17)} ratio over ${r.length} pairs: min ${sorted[0].toFixed(2)}, median ${sorted[Math.floor(sorted.length / 2)].toFixed(2)}, max ${sorted[sorted.length - 1].toFixed(2)}`);
    }
  }
  if (engines.includes('postgres')) await admin.end();
  fs.rmSync(dir, { recursive: true, force: true });
}

await main();
