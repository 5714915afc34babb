// `npm run bench:detect`: the detection engine's figures, on the local PostgreSQL (each part in a fresh
// database). Parts (BENCH_PARTS, default all four):
//   arrival    demo events through ingest with the platform as composed (on-arrival rules) next to the same
//              events with the listeners detached (BENCH_ARRIVAL_EVENTS, default 300,000)
//   scheduled  a demo month scaled to BENCH_MONTH_SCALE (default 66: ≈ 10.1 million events) ingested without
//              the on-arrival rules and filed in the detection projections from the store (BENCH_MONTH_LOAD=
//              arrival: through the rules), then every calendar and time-dependent rule replayed; the seconds
//              are extrapolated linearly to a 30-million-event month (the run aggregates in the database
//              in one pass per family, so it grows with the events read)
//   checkpoint single-event checkpoint passes POSTed at BENCH_CKPT_RATE/s (default 2,000) for BENCH_CKPT_SECONDS
//              (default 60) to a server process, 1 % of them on watchlisted plates; the time from POST to the
//              watchlist alert being readable (it commits with the event, so the answer means it is there)
//   alerts     GET /alerts with filters over BENCH_ALERTS stored alerts (default 1,000,000), p50/p99
// BENCH_PG_URL points at the server (default the local one, through its Unix socket when it has one: setup.ts).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import os from 'node:os';
import { Readable } from 'node:stream';
import pg from 'pg';
import { sql } from 'drizzle-orm';
import { inTransaction, openDatabase, type Database } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';
import { readSettings } from '../src/server/platform/settings.ts';
import { composePlatform, type Platform } from '../src/server/main.ts';
import { ManualClock } from '../src/server/platform/clock.ts';
import { generateDemo } from '../src/server/modules/demo/index.ts';
import type { AcceptedEvent } from '../src/server/modules/ingest/index.ts';
import { freePort, startServerProcess } from '../test/server-process.ts';
import { benchPgUrl, pgVia } from './setup.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const PG = benchPgUrl();
const parts = (process.env.BENCH_PARTS || 'arrival,scheduled,checkpoint,alerts').split(',');
const END = new Date('2026-11-20T12:00:00+08:00');
const ADMIN = 'bench-admin-token-0123456789abcdefghijklmnopqrstuv';

const say = (s: string) => process.stdout.write(`${s}\n`);
const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

async function freshDb(tag: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `bihuan_bench_${tag}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: PG });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const u = new URL(PG);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: PG });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

async function platformOn(url: string): Promise<{ p: Platform; database: Database }> {
  const database = await openDatabase({ databaseUrl: url, dataDir: '' });
  await runMigrations(database);
  const p = await composePlatform(readSettings({ BIHUAN_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'silent' }), database, { clock: new ManualClock(END.toISOString()), logger: false });
  return { p, database };
}

/** demo events as NDJSON chunks; reference data first */
function ndjson(opts: { scale: number; limit?: number; days?: number }): Readable {
  return Readable.from(
    (function* () {
      let buf: string[] = [];
      let n = 0;
      for (const e of generateDemo({ seed: 20261101, end: END, days: opts.days ?? 30, scale: opts.scale })) {
        buf.push(JSON.stringify(e));
        if (++n === opts.limit) break;
        if (buf.length === 1000) {
          yield Buffer.from(`${buf.join('\n')}\n`);
          buf = [];
        }
      }
      if (buf.length) yield Buffer.from(`${buf.join('\n')}\n`);
    })(),
  );
}

async function ingestAll(p: Platform, stream: Readable): Promise<{ accepted: number; seconds: number }> {
  const t = performance.now();
  const s = await p.ingest.ingestNdjson(stream, p.access.rootCaller('127.0.0.1', 'system:bench'), Number.MAX_SAFE_INTEGER);
  if (s.rejected.length) throw new Error(`bench: ${s.rejected.length} rejected, e.g. ${JSON.stringify(s.rejected[0])}`);
  return { accepted: s.accepted, seconds: (performance.now() - t) / 1000 };
}

async function arrival() {
  const n = Number(process.env.BENCH_ARRIVAL_EVENTS || 300_000);
  const scale = n / 160_000;
  say(`\n== on-arrival detection during ingest (${fmt(n)} demo events, PostgreSQL)`);
  const rows: Array<[string, number]> = [];
  // BENCH_ARRIVAL_MODES=composed runs one side only (to profile it)
  const modes = (process.env.BENCH_ARRIVAL_MODES || 'detached,composed').split(',') as ('detached' | 'composed')[];
  for (const mode of modes) {
    const db = await freshDb('arrival');
    const { p, database } = await platformOn(db.url);
    if (mode === 'detached') p.ingest.detachListeners();
    const r = await ingestAll(p, ndjson({ scale, limit: n }));
    const [{ alerts }] = (await database.db.execute<{ alerts: string }>(sql`select count(*)::text as alerts from alerts`)).rows;
    say(`  ${mode === 'detached' ? 'ingest without rules' : 'ingest with rules   '}: ${fmt(r.accepted / r.seconds)} events/s (${fmt(r.accepted)} in ${r.seconds.toFixed(1)} s, ${alerts} alerts)`);
    rows.push([mode, r.accepted / r.seconds]);
    await p.app.close();
    await database.close();
    await db.drop();
  }
  if (rows.length === 2) say(`  ratio with/without rules: ${(rows[1][1] / rows[0][1]).toFixed(2)}`);
}

/**
 * Every stored event filed in the detection projections without judging, read in one pass of the store
 * through a cursor (filing does not depend on order), 5,000 events to a transaction.
 */
async function fileStored(p: Platform, database: Database, url: string): Promise<{ events: number; seconds: number }> {
  const t = performance.now();
  const reader = new pg.Client({ connectionString: url });
  await reader.connect();
  let n = 0;
  try {
    await reader.query('BEGIN');
    await reader.query('DECLARE stored NO SCROLL CURSOR FOR SELECT seq::text, body::text FROM events');
    for (;;) {
      const rows = (await reader.query<{ seq: string; body: string }>('FETCH 5000 FROM stored')).rows;
      if (rows.length === 0) break;
      const events: AcceptedEvent[] = rows.map(({ seq, body }) => {
        const b = JSON.parse(body) as Record<string, any>;
        return {
          seq: Number(seq),
          id: String(b.id),
          type: b.type,
          occurredAt: String(b.occurredAt),
          occurredAtMs: Date.parse(b.occurredAt),
          unit: String(b.unit),
          actor: b.actor ?? null,
          location: b.location ?? null,
          data: b.data ?? {},
          raw: b,
        };
      });
      await inTransaction(database, (tx) => p.detection.file(tx, events));
      n += events.length;
    }
    await reader.query('COMMIT');
  } finally {
    await reader.end();
  }
  return { events: n, seconds: (performance.now() - t) / 1000 };
}

async function scheduled() {
  const scale = Number(process.env.BENCH_MONTH_SCALE || 66);
  say(`\n== scheduled run over a demo month at scale ${scale} (PostgreSQL)`);
  // BENCH_MONTH_DB: replay a month loaded before (and kept by BENCH_KEEP_DB) instead of loading one
  const kept = process.env.BENCH_MONTH_DB;
  const db = kept ? { url: kept, drop: async () => {} } : await freshDb('month');
  const { p, database } = await platformOn(db.url);
  try {
    const r = { accepted: 0, seconds: 0 };
    if (kept) {
      r.accepted = Number((await database.db.execute<{ n: string }>(sql`select count(*)::text as n from event_ids`)).rows[0].n);
      say(`  replaying the month kept in ${kept}: ${fmt(r.accepted)} events`);
    } else {
      // BENCH_MONTH_LOAD=arrival loads through the on-arrival rules (slow at this size); the default loads
      // the store without them and then files the stored events in the detection projections, as arrival
      // does before it judges: the replay timed below reads only the projections
      const viaArrival = process.env.BENCH_MONTH_LOAD === 'arrival';
      if (!viaArrival) p.ingest.detachListeners();
      Object.assign(r, await ingestAll(p, ndjson({ scale })));
      say(`  loaded ${fmt(r.accepted)} events in ${r.seconds.toFixed(0)} s (${fmt(r.accepted / r.seconds)} events/s ${viaArrival ? 'with' : 'without'} on-arrival rules)`);
      if (!viaArrival) {
        const f = await fileStored(p, database, db.url);
        say(`  filed ${fmt(f.events)} stored events in the detection projections in ${f.seconds.toFixed(0)} s (${fmt(f.events / f.seconds)} events/s)`);
      }
    }
    await database.db.execute(sql`ANALYZE`);
    const t = performance.now();
    const run = await p.runner.run({ asOf: END, since: new Date(END.getTime() - 30 * 86_400_000) });
    const seconds = (performance.now() - t) / 1000;
    say(`  replay of every calendar and time-dependent rule over the month: ${seconds.toFixed(1)} s (${run.windows.length} windows, ${run.opened} alerts opened, ${run.updated} updated)`);
    say(`  extrapolated to a 30,000,000-event month (linear in events): ${((seconds * 30_000_000) / r.accepted).toFixed(1)} s (target < 60 s)`);
  } finally {
    await p.app.close();
    await database.close();
    if (process.env.BENCH_KEEP_DB === '1' || kept) say(`  kept ${db.url}`);
    else await db.drop();
  }
}

async function checkpoint() {
  const rate = Number(process.env.BENCH_CKPT_RATE || 2000);
  const seconds = Number(process.env.BENCH_CKPT_SECONDS || 60);
  // one pass in BENCH_CKPT_HIT_EVERY is on a watchlisted plate (default 100: 1 %; 0: none)
  const hitEvery = Number(process.env.BENCH_CKPT_HIT_EVERY ?? 100);
  // the first seconds (connections opening, code warming up) are sent at the same rate but not counted
  const warmup = Number(process.env.BENCH_CKPT_WARMUP ?? 5);
  say(`\n== checkpoint passes: ${fmt(rate)} single-event POSTs/s for ${seconds} s after ${warmup} s of warm-up, 1 % watchlisted (server process, PostgreSQL)`);
  const db = await freshDb('ckpt');
  const port = await freePort();
  // BENCH_CPU_PROF=dir writes the server's CPU profile there when it stops
  const prof = process.env.BENCH_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`] : [];
  const server = await startServerProcess({ DATABASE_URL: db.url, BIHUAN_DEMO: '0', BIHUAN_ADMIN_TOKEN: ADMIN, LOG_LEVEL: 'warn' }, port, true, [...prof, path.join(ROOT, 'bin/bihuan.js'), 'start']);
  const post = (body: unknown) =>
    fetch(`${server.url}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
  try {
    const refs = [...generateDemo({ seed: 20261101, end: END, days: 1, scale: 0.01 })].filter((e) => e.type === 'ref.unit' || e.type === 'ref.checkpoint');
    const r0 = await post(refs);
    if (r0.status !== 200) throw new Error(`refs: ${r0.status}`);
    const checkpoints = refs.filter((e) => e.type === 'ref.checkpoint').map((e) => ({ id: String((e.data as { checkpointId: string }).checkpointId), unit: e.unit }));
    const watch = Array.from({ length: 50 }, (_, i) => `蒙A${String(10000 + i)}`);
    await post(watch.map((plate, i) => ({ id: `wl-${i}`, type: 'ref.watchlist', occurredAt: '2026-11-01T08:00:00+08:00', unit: refs[0].unit, data: { plate, reason: 'overdue_inspection', active: true } })));
    // the passes go out over kept-alive node:http sockets, which cost the sending side far less CPU than
    // fetch: client and server share this machine's cores
    const target = new URL(`${server.url}/api/v1/events`);
    const postPass = (body: unknown) =>
      new Promise<number>((resolve, reject) => {
        const data = Buffer.from(JSON.stringify(body));
        const req = http.request(
          { agent, host: target.hostname, port: target.port, path: target.pathname, method: 'POST', headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', 'content-length': data.length } },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end(data);
      });
    const all: number[] = [];
    const hits: number[] = [];
    /** per counted pass: when it was sent (s after the start) and how long it took */
    const timeline: [number, number][] = [];
    let failed = 0;
    let shed = 0;
    let seq = 0;
    const inflight = new Set<Promise<void>>();
    const started = performance.now();
    const one = async (hit: boolean) => {
      const i = seq++;
      const cp = checkpoints[i % checkpoints.length];
      // the other plates are not seen twice in a run (240,000 of them): a plate seen again at a random
      // checkpoint a minute later would be a cloned plate, and traffic where every car is cloned is a flood
      // of alerts, not a checkpoint feed (the plates wrapped at 90,000 before, and from 45 s every pass
      // opened a CKPT_CLONED_PLATE alert)
      const n = i % 240_000;
      const plate = hit ? watch[Math.floor(i / 100) % watch.length] : `蒙B${'ABCDEFGHJKLMNPQRSTUVWXYZ'[Math.floor(n / 10_000)]}${String(n % 10_000).padStart(4, '0')}`;
      const t = performance.now();
      const counted = t - started >= warmup * 1000;
      const status = await postPass({ id: `p-${i}`, type: 'checkpoint.pass', occurredAt: new Date(Date.now() - 1000).toISOString(), unit: cp.unit, data: { checkpointId: cp.id, plate, plateColor: 'blue', lane: 1, speedKmh: 60 } });
      const ms = performance.now() - t;
      if (!counted) return;
      timeline.push([(t - started) / 1000, ms]);
      if (status !== 200) failed++;
      else (hit ? hits : all).push(ms);
    };
    // paced: every 10 ms, the requests due by then
    let sent = 0;
    let measuredFrom = 0;
    let shedBefore = 0;
    while (performance.now() - started < (warmup + seconds) * 1000) {
      if (!measuredFrom && performance.now() - started >= warmup * 1000) {
        measuredFrom = performance.now();
        shedBefore = shed;
      }
      const due = Math.floor(((performance.now() - started) / 1000) * rate);
      while (sent < due) {
        // a client keeps at most 512 requests open (as a checkpoint gateway would); beyond that the pass
        // is counted as not offered in time
        if (inflight.size >= 512) {
          shed++;
          sent++;
          continue;
        }
        const pr = one(hitEvery > 0 && sent % hitEvery === 0).finally(() => inflight.delete(pr));
        inflight.add(pr);
        sent++;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    await Promise.all(inflight);
    const elapsed = (performance.now() - measuredFrom) / 1000;
    shed -= shedBefore;
    const hitAlerts = await fetch(`${server.url}/api/v1/alerts?rule=CKPT_WATCHLIST_HIT&limit=1`, { headers: { authorization: `Bearer ${ADMIN}` } }).then((r) => r.json() as Promise<{ total: number }>);
    const pct = (xs: number[], p: number) => {
      const s = [...xs].sort((a, b) => a - b);
      return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
    };
    say(`  achieved ${fmt((all.length + hits.length) / elapsed)} POSTs/s (${fmt(Math.round(seconds * rate))} due, ${fmt(shed)} not sent: 512 already open, ${failed} failed)`);
    say(`  all passes: p50 ${pct(all, 50).toFixed(1)} ms, p99 ${pct(all, 99).toFixed(1)} ms`);
    // where a run went wrong: the passes sent in each 5 s, and their p99
    const slots = new Map<number, number[]>();
    for (const [at, ms] of timeline) {
      const k = Math.floor(at / 5) * 5;
      if (!slots.has(k)) slots.set(k, []);
      slots.get(k)!.push(ms);
    }
    say(`  by 5 s sent: ${[...slots].map(([k, xs]) => `${k}s ${fmt(xs.length / 5)}/s p99 ${pct(xs, 99).toFixed(0)}`).join(' | ')}`);
    say(`  watchlist hits (${hits.length}): POST → alert readable p50 ${pct(hits, 50).toFixed(1)} ms, p99 ${pct(hits, 99).toFixed(1)} ms (target < 100 ms); alerts on record: ${hitAlerts.total} (one open alert per plate)`);
  } finally {
    agent.destroy();
    server.child.kill('SIGTERM');
    await server.exited;
    await db.drop();
  }
}

async function alertList() {
  const n = Number(process.env.BENCH_ALERTS || 1_000_000);
  say(`\n== GET /alerts with filters over ${fmt(n)} stored alerts (PostgreSQL, in-process requests)`);
  const db = await freshDb('alerts');
  const { p, database } = await platformOn(db.url);
  try {
    const refs = [...generateDemo({ seed: 20261101, end: END, days: 1, scale: 0.01 })].filter((e) => e.type === 'ref.unit');
    await p.ingest.ingestValues(refs, p.access.rootCaller('127.0.0.1', 'system:bench'));
    const units = refs.map((e) => String((e.data as { code: string }).code));
    const counties = refs.filter((e) => (e.data as { level: string }).level === 'county').map((e) => String((e.data as { code: string }).code));
    const rules = p.ruleParams.rules().map((r) => r.code);
    const t = performance.now();
    // a year and more of a province's alerts: most closed (one in twenty after its deadline), the open
    // ones recent. Loaded in bulk with the count trigger off, the counts then taken in one pass (what the
    // trigger would have kept, one alert at a time)
    await database.db.execute(sql`ALTER TABLE alerts DISABLE TRIGGER alert_counts_insert_delete`);
    await database.db.execute(sql`
      INSERT INTO alerts (rule, subject_kind, subject_id, level, status, unit_code, title, figures, event_ids, param_version, created_at, updated_at, due_at, closed_at)
      SELECT rule, 'case', 'S' || g, level, status, unit, '基准预警 ' || g, '{}'::jsonb, ARRAY['e' || g], 1, created, created, created + interval '24 hours',
             CASE WHEN status = 'closed' THEN created + CASE WHEN g % 20 = 0 THEN interval '30 hours' ELSE interval '6 hours' END END
        FROM (
          SELECT g, (${sql.param(rules)}::text[])[1 + (g % ${rules.length})] AS rule,
                 (ARRAY['blue','yellow','orange','red'])[1 + (g * 7 % 4)] AS level,
                 CASE WHEN g % 100 < 97 THEN 'closed' WHEN g % 2 = 0 THEN 'new' ELSE 'verifying' END AS status,
                 (${sql.param(units)}::text[])[1 + (g * 13 % ${units.length})] AS unit,
                 ${END.toISOString()}::timestamptz - ((g::bigint * 7919) % CASE WHEN g % 100 < 97 THEN 525600 ELSE 20160 END) * interval '1 minute' AS created
            FROM generate_series(1, ${n}) g) x`);
    await database.db.execute(sql`ALTER TABLE alerts ENABLE TRIGGER alert_counts_insert_delete`);
    await database.db.execute(sql`DELETE FROM alert_counts`);
    await database.db.execute(sql`INSERT INTO alert_counts (unit_code, rule, level, status, n, late) SELECT unit_code, rule, level, status, count(*), count(*) FILTER (WHERE status = 'closed' AND closed_at > due_at) FROM alerts GROUP BY 1, 2, 3, 4`);
    await database.db.execute(sql`VACUUM ANALYZE alerts`);
    say(`  stored ${fmt(n)} alerts in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    const county = counties[0];
    const city = units.find((u) => u.slice(4) === '00000000' && u.slice(2, 4) !== '00')!;
    const queries: Array<[string, string]> = [
      ['province, newest 50', '/api/v1/alerts'],
      ['rule', `/api/v1/alerts?rule=${rules[3]}`],
      ['level red,orange + status new', '/api/v1/alerts?level=red,orange&status=new'],
      ['city subtree', `/api/v1/alerts?unit=${city}`],
      ['county + last 7 days', `/api/v1/alerts?unit=${county}&from=${new Date(END.getTime() - 7 * 86_400_000).toISOString()}`],
      ['overdue', '/api/v1/alerts?overdue=true'],
      ['rule + city + level', `/api/v1/alerts?rule=${rules[5]}&unit=${city}&level=red`],
      ['province, most severe first', '/api/v1/alerts?sort=-level'],
      ['city, soonest deadline first', `/api/v1/alerts?unit=${city}&sort=dueAt`],
      ['open, by unit', '/api/v1/alerts?status=new,verifying&sort=unit'],
      ['county, by rule', `/api/v1/alerts?unit=${county}&sort=rule`],
    ];
    for (const [label, url] of queries) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < 120; i++) {
        const s = performance.now();
        const res = await p.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${ADMIN}` } });
        const ms = performance.now() - s;
        if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body}`);
        if (i >= 20) times.push(ms); // the first 20 warm the caches
        total = (res.json() as { total: number }).total;
      }
      times.sort((a, b) => a - b);
      say(`  ${label.padEnd(32)} p50 ${times[Math.floor(times.length / 2)].toFixed(1)} ms, p99 ${times[Math.floor(times.length * 0.99)].toFixed(1)} ms (total ${fmt(total)})`);
    }
  } finally {
    await p.app.close();
    await database.close();
    // BENCH_KEEP_DB=1 leaves the database for a look at its plans
    if (process.env.BENCH_KEEP_DB === '1') say(`  kept ${db.url}`);
    else await db.drop();
  }
}

say(`bench:detect on ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ${new Date().toISOString()}; ${pgVia(PG)}`);
if (parts.includes('arrival')) await arrival();
if (parts.includes('checkpoint')) await checkpoint();
if (parts.includes('alerts')) await alertList();
if (parts.includes('scheduled')) await scheduled();
process.exit(0);
