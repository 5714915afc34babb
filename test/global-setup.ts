// Builds one migrated database per test run; each test file then starts from a copy of it
// (PGlite: a dumped data dir loaded in ~0.5 s; PostgreSQL: CREATE DATABASE … TEMPLATE).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/server/platform/db/client.ts';
import { runMigrations } from '../src/server/platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgTemplateDb: string;
  }
}

export default async function setup(project: TestProject) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const tpl = `${new URL(url).pathname.slice(1) || 'postgres'}_tpl`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${tpl}"`);
    await admin.query(`CREATE DATABASE "${tpl}"`);
    const u = new URL(url);
    u.pathname = `/${tpl}`;
    const db = await openDatabase({ databaseUrl: u.toString(), maxConnections: 2 });
    await runMigrations(db);
    await db.close();
    project.provide('pgTemplateDb', tpl);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${tpl}"`).catch(() => undefined);
      await admin.end();
    };
  }
  const db = await openDatabase({});
  await runMigrations(db);
  const dump = await db.lite!.dumpDataDir('none');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bihuan-test-'));
  const file = path.join(dir, 'template.tar');
  fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  await db.close();
  project.provide('pgliteTemplate', file);
  project.provide('pgTemplateDb', '');
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
