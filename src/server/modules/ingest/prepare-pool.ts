// Worker threads that prepare NDJSON chunks (prepare-lines.ts) off the event loop. One process-wide pool,
// started on first use: as many workers as there are cores beside the main thread's (at least one), set
// by BIHUAN_INGEST_WORKERS. The workers load the TypeScript sources through tsx, as the CLI does. If the
// pool cannot start, chunks are prepared on the main thread, as they would be without it.
import os from 'node:os';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { prepareLines, type LinesJob, type LinesResult } from './prepare-lines.ts';

interface Slot {
  worker: Worker;
  busy: number;
  ready: Promise<void>;
  started(): void;
}

export class PreparePool {
  private slots: Slot[] = [];
  private pending = new Map<number, { resolve(r: LinesResult): void; reject(e: Error): void; slot: Slot }>();
  private next = 1;
  private failed = false;
  /** blocks prepared on the workers, and on the calling thread for want of one */
  readonly stats = { onWorkers: 0, here: 0 };

  constructor(readonly size: number) {}

  /** start the workers now rather than on the first chunk (a server does at start) */
  warm(): void {
    if (this.slots.length || this.failed || this.size === 0) return;
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const entry = new URL('./prepare.worker.ts', import.meta.url).href;
    const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(entry)});`;
    for (let i = 0; i < this.size; i++) {
      const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) });
      worker.unref();
      let started!: () => void;
      const ready = new Promise<void>((r) => (started = r));
      const slot: Slot = { worker, busy: 0, ready, started };
      worker.on('message', (m: { ready?: true; job?: number; result?: LinesResult; error?: string }) => {
        if (m.ready) return slot.started();
        const p = this.pending.get(m.job!);
        if (!p) return;
        this.pending.delete(m.job!);
        slot.busy--;
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result!);
      });
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', () => this.fail(slot, new Error('ingest worker exited')));
      this.slots.push(slot);
    }
  }

  /** prepare a chunk on the least busy worker (on this thread if there is none) */
  async run(work: LinesJob): Promise<LinesResult> {
    this.warm();
    if (this.slots.length === 0) return this.here(work);
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    slot.busy++;
    await slot.ready;
    // the worker died while starting: this chunk is prepared here
    if (!this.slots.includes(slot)) return this.slots.length ? this.run(work) : this.here(work);
    const job = this.next++;
    this.stats.onWorkers++;
    return new Promise<LinesResult>((resolve, reject) => {
      this.pending.set(job, { resolve, reject, slot });
      slot.worker.postMessage({ job, work });
    });
  }

  private here(work: LinesJob): LinesResult {
    this.stats.here++;
    return prepareLines(work);
  }

  /** a worker that dies fails its chunks (their requests get a 500 and nothing of them is stored); the
   *  pool stops using it, and prepares on this thread once none is left */
  private fail(slot: Slot, e: Error): void {
    const i = this.slots.indexOf(slot);
    if (i === -1) return;
    this.slots.splice(i, 1);
    slot.started();
    for (const [job, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(job);
      p.reject(e);
    }
    if (this.slots.length === 0) this.failed = true;
  }
}

let shared: PreparePool | null = null;

/** the process's pool; `size` (BIHUAN_INGEST_WORKERS) counts on the first call only. Unset: one worker
 *  per core beside the main thread's, at least one and at most four */
export function preparePool(size?: number): PreparePool {
  return (shared ??= new PreparePool(size ?? Math.max(1, Math.min(4, os.availableParallelism() - 1))));
}
