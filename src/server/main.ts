// Composition root: settings → database → platform services → modules → HTTP.
import path from 'node:path';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { Settings } from './platform/settings.ts';
import { openDatabase, asTx, inTransaction, type Database } from './platform/db/client.ts';
import { runMigrations } from './platform/db/migrate.ts';
import { lockDataDir } from './platform/db/data-dir-lock.ts';
import { systemClock, type Clock } from './platform/clock.ts';
import { EVERY_MINUTE, Scheduler } from './platform/scheduler.ts';
import { FileStore, fileRoutes } from './platform/files/index.ts';
import { UnitTree } from './platform/access/unit-tree.ts';
import { AccessService, randomSecret } from './platform/access/access.service.ts';
import { buildApp, defaultWebRoot } from './platform/http/app.ts';
import { IngestService, preparePool, type IngestSummary } from './modules/ingest/index.ts';
import { AlertService } from './modules/alerts/index.ts';
import { DetectionEngine, DetectionRunner, RuleParamsService, ruleCatalogue } from './modules/detection/index.ts';
import { ReportService, reportRoutes } from './modules/reports/index.ts';
import { UserService } from './platform/access/users.service.ts';
import { userRoutes } from './platform/access/users.routes.ts';
import { AlcoholRegistryService, AlcoholService, alcoholRoutes } from './modules/alcohol/index.ts';

export interface Platform {
  settings: Settings;
  database: Database;
  clock: Clock;
  units: UnitTree;
  access: AccessService;
  ingest: IngestService;
  alerts: AlertService;
  files: FileStore;
  ruleParams: RuleParamsService;
  detection: DetectionEngine;
  runner: DetectionRunner;
  alcohol: AlcoholService;
  /** periodic jobs; started by the server, driven by hand in tests */
  scheduler: Scheduler;
  app: FastifyInstance;
}

export interface ComposeOptions {
  clock?: Clock;
  webRoot?: string;
  logger?: boolean;
}

/** Wire services and routes on an open, migrated database. Used by the server and by tests. */
export async function composePlatform(settings: Settings, database: Database, opts: ComposeOptions = {}): Promise<Platform> {
  const clock = opts.clock ?? systemClock;
  const scheduler = new Scheduler(clock);
  const units = new UnitTree();
  await units.load(asTx(database.db));
  const access = new AccessService(database, units, clock, settings.adminToken);
  const ingest = new IngestService(database, units, clock, settings.ingestWorkers === 0 ? null : preparePool(settings.ingestWorkers));
  const alerts = new AlertService(database, units, clock);
  await alerts.load();
  const files = new FileStore(database, units, clock, settings.dataDir);
  alerts.useFiles(files);
  scheduler.add('alerts.sweep', EVERY_MINUTE, (now) => alerts.sweep(now));
  const ruleParams = new RuleParamsService(database, clock, ruleCatalogue);
  await ruleParams.load();
  const detection = new DetectionEngine(ruleParams, alerts, clock);
  ingest.onCommitting(detection.onArrival);
  const runner = new DetectionRunner(database, ruleParams, alerts, units, clock);
  // time-dependent rules every minute; calendar windows (day, Monday's week, the 1st's month) just after midnight
  scheduler.add('detection.time', EVERY_MINUTE, (now) => runner.runTimeDependent(now));
  scheduler.add('detection.calendar', '0 5 0 * * *', (now) => runner.runCalendar(now));
  // further modules add their route plugins here (registered under /api/v1)
  const modules: Array<(api: FastifyInstance) => Promise<void>> = [];
  modules.push(async (api) => {
    await api.register(fileRoutes, { files });
  });
  const reports = new ReportService(database, units, clock);
  modules.push(async (api) => {
    await api.register(reportRoutes, { reports });
  });
  const people = new UserService(database, units, clock);
  modules.push(async (api) => {
    await api.register(userRoutes, { users: people });
  });
  const alcohol = new AlcoholService(database, units, clock, alerts, ruleParams);
  ingest.onCommitting(alcohol.onCommitting);
  const alcoholRegistry = new AlcoholRegistryService(database, units, clock, alerts);
  // every case's custody chain re-verified from its stored steps each night (rules.md: a daily sweep)
  scheduler.add('alcohol.verify-chains', '0 30 2 * * *', (now) => alcohol.verifyChains(now));
  modules.push(async (api) => {
    await api.register(alcoholRoutes, { cases: alcohol, registry: alcoholRegistry });
  });
  const app = await buildApp({ settings, database, access, ingest, alerts, ruleParams, runner, modules, webRoot: opts.webRoot, logger: opts.logger });
  app.addHook('preClose', async () => alerts.hub.close());
  return { settings, database, clock, units, access, ingest, alerts, files, ruleParams, detection, runner, alcohol, scheduler, app };
}

export interface Running {
  platform: Platform;
  url: string;
  stop(): Promise<void>;
}

const say = (line: string) => process.stdout.write(`${line}\n`);

/** Start the server: lock and open the database, migrate, bootstrap, load the demo if asked, listen. */
export async function startServer(settings: Settings): Promise<Running> {
  let unlock = () => {};
  if (!settings.databaseUrl) unlock = lockDataDir(settings.dataDir);
  let database: Database;
  try {
    database = await openDatabase({ databaseUrl: settings.databaseUrl, dataDir: path.join(settings.dataDir, 'pglite') });
    await runMigrations(database);
  } catch (e) {
    unlock();
    throw e;
  }
  // the ingest workers start while the database opens its tables, not on the first large body
  if (settings.ingestWorkers !== 0) preparePool(settings.ingestWorkers).warm();
  const platform = await composePlatform(settings, database, { webRoot: defaultWebRoot });
  const adminLine = await bootstrapAdmin(platform);
  const demoLines = settings.demo ? await loadDemo(platform) : [];

  await platform.app.listen({ port: settings.port, host: settings.host });
  platform.scheduler.start();
  const url = `http://${settings.host.includes(':') ? `[${settings.host}]` : settings.host}:${settings.port}`;
  say('');
  say(`闭环 bihuan 已启动 — 在浏览器打开 ${url}/ 登录 (log in at ${url}/)`);
  say(`数据库 database: ${database.kind === 'pglite' ? `embedded PGlite in ${path.join(settings.dataDir, 'pglite')}` : 'PostgreSQL (DATABASE_URL)'}`);
  if (adminLine) say(adminLine);
  for (const l of demoLines) say(l);
  say('');

  let stopping: Promise<void> | null = null;
  const stop = () =>
    (stopping ??= (async () => {
      // close() stops accepting and waits for the requests in flight, so their events commit; a
      // keep-alive connection that goes idle after its last response is closed rather than waited for
      await platform.scheduler.stop();
      const sweep = setInterval(() => platform.app.server.closeIdleConnections(), 100);
      try {
        await platform.app.close();
      } finally {
        clearInterval(sweep);
      }
      await database.close();
      unlock();
    })());
  return { platform, url, stop };
}

async function bootstrapAdmin(p: Platform): Promise<string | null> {
  const exists = await p.access.userExists('admin');
  const at = p.clock.now();
  if (!exists || p.settings.adminPassword) {
    const password = p.settings.adminPassword ?? randomSecret(12);
    await inTransaction(p.database, (tx) =>
      p.access.upsertUser(tx, { username: 'admin', displayName: '系统管理员', unitCode: null, roles: ['admin', 'supervisor'], password }, { actor: 'system', at }),
    );
    if (!p.settings.adminPassword) return `管理员 administrator: admin / ${password}  (生成的密码只显示这一次 — generated, shown only this once; set BIHUAN_ADMIN_PASSWORD to choose one)`;
    return '管理员 administrator: admin / (BIHUAN_ADMIN_PASSWORD)';
  }
  return '管理员 administrator: admin (密码见首次启动时的输出 / password as printed on first start, or set BIHUAN_ADMIN_PASSWORD)';
}

const DEMO_DAYS = 30;

/** Load the demo province through the real ingest path, once, on an empty database. */
export async function loadDemo(p: Platform, opts: { end?: Date } = {}): Promise<string[]> {
  // loaded only when a demo is asked for
  const { generateDemo, demoUsers } = await import('./modules/demo/index.ts');
  const [{ n }] = (await p.database.db.execute<{ n: string }>(sql`select count(*)::text as n from event_ids`)).rows;
  const users = demoUsers();
  const lines: string[] = [];
  let password = p.settings.demoPassword;
  const at = p.clock.now();
  if (Number(n) === 0) {
    const started = Date.now();
    const end = opts.end ?? at;
    const gen = generateDemo({ seed: p.settings.demoSeed, end, days: DEMO_DAYS });
    const stream = Readable.from(
      (function* () {
        let buf: string[] = [];
        for (const e of gen) {
          buf.push(JSON.stringify(e));
          if (buf.length === 500) {
            yield Buffer.from(buf.join('\n') + '\n');
            buf = [];
          }
        }
        if (buf.length) yield Buffer.from(buf.join('\n') + '\n');
      })(),
    );
    say('正在载入演示省份 loading the demo province …');
    const summary: IngestSummary = await p.ingest.ingestNdjson(stream, p.access.rootCaller('127.0.0.1', 'system:demo'), Number.MAX_SAFE_INTEGER);
    lines.push(
      `演示数据 demo: ${summary.accepted} 个事件 events, ${p.units.size} 个单位 units, ${summary.rejected.length} rejected, in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    // the month's deadlines and calendar windows, judged as the scheduler would have judged them
    const replayed = await p.runner.run({ asOf: end, since: new Date(end.getTime() - DEMO_DAYS * 86_400_000) });
    // the month's wake-ups are taken now, as of the same time: the first minute tick would otherwise judge
    // them all again while the first users load their boards (a second's stall on a small machine)
    await p.runner.runTimeDependent(end);
    const [{ alerts }] = (await p.database.db.execute<{ alerts: string }>(sql`select count(*)::text as alerts from alerts`)).rows;
    lines.push(`预警 alerts: ${alerts} (定期与时限规则回放 replayed: ${replayed.windows.length} 个周期 windows)`);
    password ??= randomSecret(9);
  } else if (!password) {
    lines.push('演示用户 demo users (密码见首次启动 / password as printed on first start, or set BIHUAN_DEMO_PASSWORD):');
    for (const u of users) lines.push(`  ${u.username.padEnd(22)} ${u.displayName}`);
    return lines;
  }
  await inTransaction(p.database, async (tx) => {
    for (const u of users) await p.access.upsertUser(tx, { ...u, password: password! }, { actor: 'system:demo', at });
  });
  lines.push(`演示用户 demo users, 密码 password: ${password}`);
  for (const u of users) lines.push(`  ${u.username.padEnd(22)} ${u.displayName}`);
  return lines;
}
