// Starts the server as users run it (`node bin/bihuan.js start`) on a fresh data directory with the demo
// province, after checking the web console has been built. Tests get its address and the demo passwords.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    demoPassword: string;
    adminPassword: string;
    startupMs: number;
  }
}

const root = path.resolve(import.meta.dirname, '../..');
export const DEMO_PASSWORD = 'e2e-demo-pass-1';
export const ADMIN_PASSWORD = 'e2e-admin-pass-1';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as net.AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

export default async function setup(project: TestProject) {
  // E2E_BASE_URL: test a server that is already running (with the demo and these passwords) instead
  if (process.env.E2E_BASE_URL) {
    project.provide('baseUrl', process.env.E2E_BASE_URL);
    project.provide('demoPassword', process.env.E2E_DEMO_PASSWORD ?? DEMO_PASSWORD);
    project.provide('adminPassword', process.env.E2E_ADMIN_PASSWORD ?? ADMIN_PASSWORD);
    project.provide('startupMs', 0);
    return;
  }
  if (!fs.existsSync(path.join(root, 'dist/web/index.html'))) throw new Error('dist/web is missing: run `npm run build:web` before `npm run test:e2e`');
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-e2e-'));
  const port = await freePort();
  const env = { ...process.env };
  delete env.DATABASE_URL;
  Object.assign(env, {
    PORT: String(port),
    HOST: '127.0.0.1',
    BIHUAN_DATA_DIR: dataDir,
    BIHUAN_DEMO: '1',
    BIHUAN_DEMO_PASSWORD: DEMO_PASSWORD,
    BIHUAN_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  });
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, [path.join(root, 'bin/bihuan.js'), 'start'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (b: Buffer) => (output += b.toString()));
  child.stderr!.on('data', (b: Buffer) => (output += b.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const ready = new Promise<void>((resolve, reject) => {
    // loading the demo province takes ~20 s on an idle machine and minutes on a busy one
    const deadline = Date.now() + 600_000;
    const tick = async () => {
      if (child.exitCode !== null) return reject(new Error(`server exited with ${child.exitCode}:\n${output}`));
      if (output.includes('已启动')) {
        try {
          const r = await fetch(`${baseUrl}/api/v1/health`);
          if (r.ok) return resolve();
        } catch {
          // not listening yet
        }
      }
      if (Date.now() > deadline) return reject(new Error(`server did not start in time:\n${output}`));
      setTimeout(tick, 250);
    };
    void tick();
  });
  try {
    await ready;
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  project.provide('baseUrl', baseUrl);
  project.provide('demoPassword', DEMO_PASSWORD);
  project.provide('adminPassword', ADMIN_PASSWORD);
  project.provide('startupMs', Date.now() - started);

  return async () => {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
}
