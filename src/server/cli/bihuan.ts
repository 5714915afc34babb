// The `bihuan` command. `start` runs the server; every other command talks to a running server over
// HTTP (--url, --token), never to its database files, so the embedded database keeps a single owner.
import fs from 'node:fs';
import { Readable, Transform } from 'node:stream';
import { Command, Option } from 'commander';
import cliProgress from 'cli-progress';
import { readSettings } from '../platform/settings.ts';
import { DataDirLockedError } from '../platform/db/data-dir-lock.ts';
import { startServer } from '../main.ts';

const program = new Command('bihuan').description('闭环 bihuan — 交管业务监管平台 supervision platform');

const urlOption = () => new Option('--url <url>', 'server address').env('BIHUAN_URL').default(`http://127.0.0.1:${process.env.PORT || 8080}`);
const tokenOption = () => new Option('--token <token>', 'bearer token (or BIHUAN_TOKEN / BIHUAN_ADMIN_TOKEN)');

function tokenFrom(opts: { token?: string }): string {
  const t = opts.token ?? process.env.BIHUAN_TOKEN ?? process.env.BIHUAN_ADMIN_TOKEN;
  if (!t) fail('需要令牌: --token, BIHUAN_TOKEN 或 BIHUAN_ADMIN_TOKEN (a bearer token is needed)');
  return t!;
}

function fail(message: string, code = 1): never {
  process.stderr.write(`bihuan: ${message}\n`);
  process.exit(code);
}

async function call(url: string, token: string, method: string, pathName: string, body?: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch(new URL(`/api/v1${pathName}`, url), {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (e) {
    fail(`无法连接服务器 ${url} (cannot reach the server: ${(e as Error).message}); is it running? (npm start)`);
  }
  const text = await res.text();
  const parsed = text ? JSON.parse(text) : null;
  if (!res.ok) fail(`${res.status} ${parsed?.error?.message ?? text}`);
  return parsed;
}

program
  .command('start', { isDefault: true })
  .description('启动服务器 (start the server: migrations, then API and web console on one port)')
  .action(async () => {
    let running;
    try {
      running = await startServer(readSettings());
    } catch (e) {
      if (e instanceof DataDirLockedError) fail(e.message, 2);
      throw e;
    }
    let signalled = false;
    const shutdown = (signal: string) => {
      if (signalled) return;
      signalled = true;
      process.stdout.write(`收到 ${signal}，处理完进行中的请求后退出 (finishing requests in flight)…\n`);
      running.stop().then(
        () => process.exit(0),
        (err) => {
          process.stderr.write(`${String(err)}\n`);
          process.exit(1);
        },
      );
    };
    process.on('SIGTERM', () => shutdown('SIGTERM'));
    process.on('SIGINT', () => shutdown('SIGINT'));
  });

program
  .command('ingest')
  .description('上报事件文件 (post an NDJSON file, or - for stdin, to a running server)')
  .argument('<file>', 'NDJSON file, or - for standard input')
  .addOption(urlOption())
  .addOption(tokenOption())
  .action(async (file: string, opts: { url: string; token?: string }) => {
    const token = tokenFrom(opts);
    const size = file === '-' ? 0 : fs.statSync(file).size;
    const input = file === '-' ? process.stdin : fs.createReadStream(file);
    const bar = new cliProgress.SingleBar(
      { format: size ? '上报 ingest [{bar}] {percentage}% | {value}/{total} MB' : '上报 ingest {value} MB', hideCursor: true, stream: process.stderr, noTTYOutput: true, notTTYSchedule: 1000 },
      cliProgress.Presets.shades_classic,
    );
    const mb = (n: number) => Math.round(n / 1e5) / 10;
    bar.start(mb(size), 0);
    let sent = 0;
    const counter = new Transform({
      transform(chunk: Buffer, _enc, cb) {
        sent += chunk.length;
        bar.update(mb(sent));
        cb(null, chunk);
      },
    });
    let res: Response;
    try {
      res = await fetch(new URL('/api/v1/events', opts.url), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson', ...(size ? { 'content-length': String(size) } : {}) },
        body: Readable.toWeb(input.pipe(counter)) as ReadableStream,
        duplex: 'half',
      } as RequestInit);
    } catch (e) {
      bar.stop();
      fail(`无法连接服务器 ${opts.url} (cannot reach the server: ${(e as Error).message})`);
    }
    const text = await res.text();
    bar.update(mb(sent));
    bar.stop();
    if (!res.ok) fail(`${res.status} ${text}`);
    const summary = JSON.parse(text) as { accepted: number; duplicates: number; rejected: { index: number; id: string | null; error: string }[] };
    process.stdout.write(`接收 accepted ${summary.accepted}, 重复 duplicates ${summary.duplicates}, 拒绝 rejected ${summary.rejected.length}\n`);
    for (const r of summary.rejected.slice(0, 20)) process.stdout.write(`  #${r.index} ${r.id ?? ''} ${r.error}\n`);
    if (summary.rejected.length > 20) process.stdout.write(`  … ${summary.rejected.length - 20} more (GET /api/v1/dead-letters)\n`);
    process.stdout.write(`${JSON.stringify({ accepted: summary.accepted, duplicates: summary.duplicates, rejected: summary.rejected.length })}\n`);
  });

const token = program.command('token').description('令牌 (bearer tokens)');
token
  .command('create')
  .description('创建令牌 (create a bearer token; printed once)')
  .requiredOption('--name <name>', 'a name for the token')
  .requiredOption('--unit <code>', '12-digit unit code the token is bound to')
  .requiredOption('--scope <scopes>', 'comma-separated: ingest,read,act,admin')
  .addOption(urlOption())
  .addOption(tokenOption())
  .action(async (opts: { name: string; unit: string; scope: string; url: string; token?: string }) => {
    const scopes = opts.scope.split(',').map((s) => s.trim()).filter(Boolean);
    const out = (await call(opts.url, tokenFrom(opts), 'POST', '/tokens', { name: opts.name, unit: opts.unit, scopes })) as { id: string; token: string };
    process.stdout.write(`id: ${out.id}\ntoken: ${out.token}\n(令牌只显示这一次 — shown only this once)\n`);
  });
token
  .command('revoke')
  .description('吊销令牌 (revoke a token)')
  .argument('<id>')
  .addOption(urlOption())
  .addOption(tokenOption())
  .action(async (id: string, opts: { url: string; token?: string }) => {
    await call(opts.url, tokenFrom(opts), 'DELETE', `/tokens/${encodeURIComponent(id)}`);
    process.stdout.write('已吊销 revoked\n');
  });

program
  .command('demo')
  .description('生成演示省份事件 (write the demo province as NDJSON, the same events the demo start loads)')
  .requiredOption('--out <file>', 'output file, or - for stdout')
  .option('--seed <n>', 'random seed', (v) => Number(v), Number(process.env.BIHUAN_DEMO_SEED || 20261101))
  .option('--end <time>', 'last instant of the demo month (ISO 8601); default now')
  .option('--days <n>', 'days of events', (v) => Number(v), 30)
  .option('--scale <x>', 'volume multiplier for transactional events', (v) => Number(v), 1)
  .action(async (opts: { out: string; seed: number; end?: string; days: number; scale: number }) => {
    const { generateDemo } = await import('../modules/demo/index.ts');
    const end = opts.end ? new Date(opts.end) : new Date();
    if (Number.isNaN(end.getTime())) fail('--end: 不是有效时间 (not a valid time)');
    const out = opts.out === '-' ? process.stdout : fs.createWriteStream(opts.out);
    let n = 0;
    let buf: string[] = [];
    const write = (s: string) => new Promise<void>((resolve) => (out.write(s) ? resolve() : out.once('drain', () => resolve())));
    for (const e of generateDemo({ seed: opts.seed, end, days: opts.days, scale: opts.scale })) {
      buf.push(JSON.stringify(e));
      n++;
      if (buf.length === 1000) {
        await write(buf.join('\n') + '\n');
        buf = [];
      }
    }
    if (buf.length) await write(buf.join('\n') + '\n');
    if (out !== process.stdout) await new Promise<void>((resolve) => (out as fs.WriteStream).end(resolve));
    process.stderr.write(`${n} events written\n`);
  });

await program.parseAsync(process.argv);
