// Worker threads for CPU-heavy pure work (parsing and validating ingest blocks), so the event loop keeps
// answering and a second core does its share. A pool runs one kind of job: its
// worker entry serves them with serveJobs. Workers load the TypeScript sources through tsx, as the CLI
// does. When no worker can start, or a pool has none, the jobs run on the calling thread instead.
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { parentPort, Worker, type Transferable } from 'node:worker_threads';

interface Slot {
  worker: Worker;
  busy: number;
  ready: Promise<void>;
  started(): void;
}

export class WorkerPool<J, R> {
  private slots: Slot[] = [];
  private pending = new Map<number, { resolve(r: R): void; reject(e: Error): void; slot: Slot }>();
  private next = 1;
  private failed = false;
  /** jobs run on the workers, and on the calling thread for want of one */
  readonly stats = { onWorkers: 0, here: 0 };

  /**
   * `entry`: the worker module (it calls serveJobs with the same function); `inThread`: that function,
   * for when there is no worker
   */
  constructor(
    private readonly entry: URL,
    readonly size: number,
    private readonly inThread: (job: J) => R,
  ) {}

  /** start the workers now rather than on the first job */
  warm(): void {
    if (this.slots.length || this.failed || this.size === 0) return;
    const api = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
    const boot = `import { register } from ${JSON.stringify(api)}; register(); await import(${JSON.stringify(this.entry.href)});`;
    for (let i = 0; i < this.size; i++) {
      // a profile of the server (--cpu-prof) profiles its workers too
      const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(boot)}`), { execArgv: process.execArgv.filter((a) => a.startsWith('--cpu-prof')) });
      let started!: () => void;
      const ready = new Promise<void>((r) => (started = r));
      const slot: Slot = { worker, busy: 0, ready, started };
      worker.on('message', (m: { ready?: true; job?: number; result?: R; error?: string }) => {
        if (m.ready) return slot.started();
        const p = this.pending.get(m.job!);
        if (!p) return;
        this.pending.delete(m.job!);
        slot.busy--;
        if (m.error !== undefined) p.reject(new Error(m.error));
        else p.resolve(m.result!);
      });
      worker.on('error', (e) => this.fail(slot, e));
      worker.on('exit', () => this.fail(slot, new Error('worker exited')));
      // after the listeners (adding one refs the worker again): an idle pool does not keep a process alive
      worker.unref();
      this.slots.push(slot);
    }
  }

  /** run a job on the least busy worker (on this thread if there is none) */
  async run(job: J): Promise<R> {
    this.warm();
    if (this.slots.length === 0) return this.here(job);
    let slot = this.slots[0];
    for (const s of this.slots) if (s.busy < slot.busy) slot = s;
    slot.busy++;
    await slot.ready;
    // the worker died while starting: the job runs elsewhere
    if (!this.slots.includes(slot)) return this.slots.length ? this.run(job) : this.here(job);
    const id = this.next++;
    this.stats.onWorkers++;
    return new Promise<R>((resolve, reject) => {
      this.pending.set(id, { resolve, reject, slot });
      slot.worker.postMessage({ job: id, work: job });
    });
  }

  private here(job: J): R {
    this.stats.here++;
    return this.inThread(job);
  }

  /** a worker that dies fails its jobs; the pool stops using it, and runs jobs here once none is left */
  private fail(slot: Slot, e: Error): void {
    const i = this.slots.indexOf(slot);
    if (i === -1) return;
    this.slots.splice(i, 1);
    slot.started();
    for (const [id, p] of this.pending) {
      if (p.slot !== slot) continue;
      this.pending.delete(id);
      p.reject(e);
    }
    if (this.slots.length === 0) this.failed = true;
  }
}

/** In a worker entry: answer the pool's jobs with `fn`, handing over (not copying) what `transfer` names. */
export function serveJobs<J, R>(fn: (job: J) => R, transfer: (result: R) => Transferable[] = () => []): void {
  const port = parentPort!;
  port.on('message', (msg: { job: number; work: J }) => {
    try {
      const result = fn(msg.work);
      port.postMessage({ job: msg.job, result }, transfer(result));
    } catch (e) {
      port.postMessage({ job: msg.job, error: e instanceof Error ? e.message : String(e) });
    }
  });
  port.postMessage({ ready: true });
}
