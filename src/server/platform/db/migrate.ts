// Migrations run at start, the same files on PostgreSQL and on PGlite.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { Database } from './client.ts';

export const migrationsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../migrations');

export async function runMigrations(database: Database): Promise<void> {
  // Two servers starting against one PostgreSQL must not migrate at once.
  if (database.kind === 'postgres') {
    const client = await database.pool.connect();
    try {
      await client.query('select pg_advisory_lock(7242001)');
      await migrate(database.db, { migrationsFolder });
    } finally {
      await client.query('select pg_advisory_unlock(7242001)').catch(() => undefined);
      client.release();
    }
    return;
  }
  await migrate(database.db, { migrationsFolder });
}
