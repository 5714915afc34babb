// Reads the process environment once, at start, into a typed record. Nothing else reads process.env.
import path from 'node:path';

export interface Settings {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  demo: boolean;
  demoSeed: number;
  demoPassword: string | undefined;
  adminToken: string | undefined;
  adminPassword: string | undefined;
  /** largest accepted request body, bytes (NDJSON is streamed; beyond this the answer is 413) */
  bodyLimit: number;
  /** largest single-event body for application/json, bytes */
  jsonBodyLimit: number;
  logLevel: string;
  /** worker threads that parse and validate NDJSON chunks (0: on the main thread); unset: one per core
   *  beside the main thread's, at least one and at most four */
  ingestWorkers: number | undefined;
}

function int(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`setting ${name} must be a non-negative integer, got "${raw}"`);
  return n;
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const adminToken = env.BIHUAN_ADMIN_TOKEN || undefined;
  if (adminToken !== undefined && adminToken.length < 32) {
    throw new Error('setting BIHUAN_ADMIN_TOKEN must be at least 32 characters long');
  }
  const mb = 1024 * 1024;
  return {
    port: int('PORT', env.PORT, 8080),
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    dataDir: path.resolve(env.BIHUAN_DATA_DIR || './data'),
    demo: env.BIHUAN_DEMO === '1',
    demoSeed: int('BIHUAN_DEMO_SEED', env.BIHUAN_DEMO_SEED, 20261101),
    demoPassword: env.BIHUAN_DEMO_PASSWORD || undefined,
    adminToken,
    adminPassword: env.BIHUAN_ADMIN_PASSWORD || undefined,
    bodyLimit: int('BIHUAN_BODY_LIMIT_MB', env.BIHUAN_BODY_LIMIT_MB, 512) * mb,
    jsonBodyLimit: int('BIHUAN_JSON_BODY_LIMIT_MB', env.BIHUAN_JSON_BODY_LIMIT_MB, 64) * mb,
    logLevel: env.LOG_LEVEL || 'info',
    ingestWorkers: env.BIHUAN_INGEST_WORKERS ? int('BIHUAN_INGEST_WORKERS', env.BIHUAN_INGEST_WORKERS, 1) : undefined,
  };
}
