// A fresh, migrated database for one test file, on whichever engine this run tests
// (DATABASE_URL set: PostgreSQL; otherwise the embedded PGlite).
import fs from 'node:fs';
import crypto from 'node:crypto';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { inject } from 'vitest';
import { openDatabase, type Database } from '../src/server/platform/db/client.ts';

export const engine: 'postgres' | 'pglite' = process.env.DATABASE_URL ? 'postgres' : 'pglite';

/** a database name for this file: a copy of the migrated template */
export async function freshDatabaseUrl(): Promise<string> {
  const url = process.env.DATABASE_URL!;
  const name = `bihuan_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('pgTemplateDb')}"`);
  } finally {
    await admin.end();
  }
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function dropDatabaseUrl(dbUrl: string): Promise<void> {
  const name = new URL(dbUrl).pathname.slice(1);
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}

export async function freshDatabase(): Promise<Database> {
  if (engine === 'postgres') {
    const url = await freshDatabaseUrl();
    const db = await openDatabase({ databaseUrl: url, maxConnections: 5 });
    const close = db.close;
    return { ...db, close: async () => { await close(); await dropDatabaseUrl(url); } };
  }
  const blob = new Blob([fs.readFileSync(inject('pgliteTemplate'))]);
  const lite = await PGlite.create({ loadDataDir: blob });
  const db = await openDatabase({ lite });
  const close = db.close;
  return { ...db, close: async () => { await close(); await lite.close(); } };
}
