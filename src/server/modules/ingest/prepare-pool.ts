// The worker threads that prepare NDJSON blocks (prepare-lines.ts) off the event loop: one process-wide
// pool, started on first use (a server starts it at once), BIHUAN_INGEST_WORKERS of them. Without a
// worker, blocks are prepared on the main thread, as they would be without the pool.
import os from 'node:os';
import { WorkerPool } from '../../platform/workers.ts';
import { prepareLines, type LinesJob, type LinesResult } from './prepare-lines.ts';

export type PreparePool = WorkerPool<LinesJob, LinesResult>;

let shared: PreparePool | null = null;

/** the process's pool; `size` (BIHUAN_INGEST_WORKERS) counts on the first call only. Unset: one worker
 *  per core beside the main thread's, at least one and at most four */
export function preparePool(size?: number): PreparePool {
  return (shared ??= new WorkerPool(new URL('./prepare.worker.ts', import.meta.url), size ?? Math.max(1, Math.min(4, os.availableParallelism() - 1)), prepareLines));
}
