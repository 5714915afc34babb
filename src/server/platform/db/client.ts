// One connection pool for the process, on PostgreSQL or on the embedded PGlite; drizzle sits on top.
// PGlite has a single session, so all access (app, jobs) goes through one pool of size 1.
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { drizzle, type NodePgDatabase, type NodePgQueryResultHKT } from 'drizzle-orm/node-postgres';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';

// drizzle returns timestamptz as text and bigint as text; keep that, and parse where needed.

export type Tx = PgDatabase<NodePgQueryResultHKT, Record<string, never>, ExtractTablesWithRelations<Record<string, never>>>;

export interface Database {
  kind: 'postgres' | 'pglite';
  pool: pg.Pool;
  db: NodePgDatabase;
  /** the PGlite instance when embedded (for dumps in tests) */
  lite?: PGlite;
  close(): Promise<void>;
}

export interface OpenOptions {
  databaseUrl?: string;
  dataDir?: string;
  /** an already-open PGlite (tests load one from a template dump) */
  lite?: PGlite;
  /** pool size on PostgreSQL */
  maxConnections?: number;
}

/** node-postgres sends its type-parser object as `types`; PGlite's shim expects an OID array. */
function patchLiteConnection(config: ReturnType<typeof createPgConfig>): void {
  const conn = config.connection as unknown as { parse: (q: { types?: unknown }) => void };
  const parse = conn.parse.bind(conn);
  conn.parse = (q) => parse(Array.isArray(q.types) ? q : { ...q, types: undefined });
}

/**
 * pg-pool's own query() destroys the client after any SQL error; with PGlite's shim the replacement client
 * then shares the old connection and receives its queued 'end'. A failed statement is not a broken
 * connection here, so release the client normally.
 */
class LitePool extends pg.Pool {
  override query(...args: any[]): any {
    if (typeof args[args.length - 1] === 'function') return super.query(...(args as [string]));
    return (async () => {
      const client = await this.connect();
      try {
        return await client.query(...(args as [string]));
      } finally {
        client.release();
      }
    })();
  }
}

export async function openDatabase(opts: OpenOptions): Promise<Database> {
  if (opts.databaseUrl) {
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: opts.maxConnections ?? 10 });
    pool.on('error', () => {
      /* an idle client lost its connection; the pool replaces it */
    });
    await pool.query('select 1');
    return { kind: 'postgres', pool, db: drizzle(pool), close: () => pool.end() };
  }
  const lite = opts.lite ?? (await PGlite.create(opts.dataDir ?? 'memory://'));
  const config = createPgConfig(lite);
  patchLiteConnection(config);
  const pool = new LitePool({ ...(config as unknown as pg.PoolConfig), max: 1, idleTimeoutMillis: 0 });
  return {
    kind: 'pglite',
    pool,
    db: drizzle(pool),
    lite,
    close: async () => {
      await pool.end();
      if (!opts.lite) await lite.close();
    },
  };
}

export function asTx(db: NodePgDatabase): Tx {
  return db as unknown as Tx;
}

/**
 * A transaction on one pooled client, for paths that need the driver itself next to drizzle
 * (COPY on PostgreSQL). Same guarantees as inTransaction.
 */
export async function inClientTransaction<T>(database: Database, fn: (tx: Tx, client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await database.pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(drizzle(client) as unknown as Tx, client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  } finally {
    client.release();
  }
}

/** Run fn in one transaction; everything it writes commits together or not at all. */
export async function inTransaction<T>(database: Database, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return database.db.transaction(async (tx) => fn(tx as unknown as Tx));
}
