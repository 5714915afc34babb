// Judging a batch of alcohol cases from their events as JSON text, with no I/O: the CPU-heavy half of a
// replay's chain-of-custody part. It runs on a worker thread (case.worker.ts), beside the replay's other
// parts on the main thread; what goes in and out is plain data (texts, parameters, findings).
import os from 'node:os';
import { WorkerPool } from '../../platform/workers.ts';
import type { FindingInput } from '../alerts/index.ts';
import { evaluateCase } from './engine.ts';
import { ruleCatalogue } from './rules/index.ts';
import type { AlcoholCaseInput } from './rules/alcohol-case.ts';
import type { RuleEvent } from './rule.ts';

export interface CaseJob {
  /** each case's events, as one JSON array text */
  cases: { caseNo: string; events: string }[];
  /** events after this instant are left out (epoch ms) */
  until: number;
  /** the rules' "now" (epoch ms) */
  now: number;
  /** the case rules to run, by code */
  rules: string[];
  /** the parameters in force of those rules and of ALC_KEY_PERSON, by code */
  params: Record<string, { params: Record<string, unknown>; version: number }>;
  labs: AlcoholCaseInput['labs'];
  devices: AlcoholCaseInput['devices'];
}

export function judgeCases(job: CaseJob): FindingInput[] {
  const rules = job.rules.map((code) => {
    const rule = ruleCatalogue.find((r) => r.code === code);
    if (!rule) throw new Error(`unknown rule ${code}`);
    return rule;
  });
  const paramsOf = (code: string) => {
    const p = job.params[code];
    if (!p) throw new Error(`no parameters for ${code}`);
    return p;
  };
  const now = new Date(job.now);
  const out: FindingInput[] = [];
  for (const c of job.cases) {
    const events = (JSON.parse(c.events) as RuleEvent[]).filter((e) => e.at <= job.until);
    if (events.length === 0) continue;
    for (const f of evaluateCase({ caseNo: c.caseNo, events, labs: job.labs, devices: job.devices }, rules as never, paramsOf, now)) out.push(f);
  }
  return out;
}

let shared: WorkerPool<CaseJob, FindingInput[]> | null = null;

/** the process's pool for judging cases: one worker per core beside the main thread's, one to four */
export function casePool(): WorkerPool<CaseJob, FindingInput[]> {
  return (shared ??= new WorkerPool(new URL('./case.worker.ts', import.meta.url), Math.max(1, Math.min(4, os.availableParallelism() - 1)), judgeCases));
}
