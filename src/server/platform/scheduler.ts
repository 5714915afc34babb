// The in-process scheduler: named jobs on a calendar (cron patterns in Asia/Shanghai), run with "now" from
// the injected clock. A job never overlaps itself; a failure is logged and the next tick runs as usual.
// Jobs must be safe to run twice (a restart, or a second server in the future, may repeat one), so the
// scheduler keeps no state of its own. Tests call `runNow` with a held clock instead of waiting.
import { Cron } from 'croner';
import type { Clock } from './clock.ts';

export type Job = (now: Date) => Promise<unknown>;

export interface ScheduledJob {
  name: string;
  /** cron pattern, seconds optional, read in Asia/Shanghai */
  pattern: string;
  job: Job;
}

export const TIME_ZONE = 'Asia/Shanghai';

/** every minute, on the minute */
export const EVERY_MINUTE = '0 * * * * *';

export class Scheduler {
  private readonly jobs = new Map<string, ScheduledJob>();
  private readonly running = new Map<string, Promise<unknown>>();
  private crons: Cron[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
  ) {}

  /** register a job; names are unique (a second registration under one name is a wiring mistake) */
  add(name: string, pattern: string, job: Job): void {
    if (this.jobs.has(name)) throw new Error(`scheduler: job ${name} registered twice`);
    // validate the pattern now, not at start
    new Cron(pattern, { timezone: TIME_ZONE, paused: true }).stop();
    this.jobs.set(name, { name, pattern, job });
  }

  list(): ScheduledJob[] {
    return [...this.jobs.values()];
  }

  /** run one job now (waiting for a run in progress instead of overlapping it) */
  async runNow(name: string): Promise<unknown> {
    const j = this.jobs.get(name);
    if (!j) throw new Error(`scheduler: no job ${name}`);
    const inFlight = this.running.get(name);
    if (inFlight) await inFlight.catch(() => undefined);
    const run = j.job(this.clock.now());
    this.running.set(name, run);
    try {
      return await run;
    } finally {
      if (this.running.get(name) === run) this.running.delete(name);
    }
  }

  start(): void {
    if (this.crons.length) return;
    for (const j of this.jobs.values()) {
      this.crons.push(
        new Cron(j.pattern, { timezone: TIME_ZONE, protect: true }, async () => {
          if (this.running.has(j.name)) return; // still busy with the previous tick
          try {
            await this.runNow(j.name);
          } catch (e) {
            this.log(`scheduler: job ${j.name} failed: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
          }
        }),
      );
    }
  }

  /** stop ticking and wait for the runs in progress */
  async stop(): Promise<void> {
    for (const c of this.crons) c.stop();
    this.crons = [];
    await Promise.allSettled([...this.running.values()]);
  }
}
