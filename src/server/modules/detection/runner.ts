// The clocked part of the detection engine: time-dependent rules (a deadline that passes without an event)
// judged every minute, scheduled rules judged on their calendar, both "as of" any time so a province's
// history can be replayed, and back-tests that run a rule with proposed parameters over stored history
// without writing anything. Rules still never read the wall clock: `now` is the asOf given.
import { sql } from 'drizzle-orm';
import type { Database, Tx } from '../../platform/db/client.ts';
import { asTx, inTransaction } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { UnitTree } from '../../platform/access/unit-tree.ts';
import { badRequest } from '../../platform/errors.ts';
import type { AlertService, FindingInput } from '../alerts/index.ts';
import { casesActiveSince, evaluateCase, loadCaseRun, loadCases, singleFindings } from './engine.ts';
import { keyedFamilies, singleEventEvaluations, singleEventRules, type Evaluation, type KeyedFamily } from './families.ts';
import { keysActiveBetween, type KeyCount } from './keyed.ts';
import type { RuleParamsService } from './params.service.ts';
import type { Rule, RuleEvent } from './rule.ts';
import { DAY } from './rules/common.ts';
import { alcChainGap } from './rules/alc-chain-gap.ts';
import { alcKeyPerson } from './rules/alc-key-person.ts';
import { alcBreathBloodGap } from './rules/alc-breath-blood-gap.ts';
import { alcNearThreshold } from './rules/alc-near-threshold.ts';
import { alcRefusedBreath } from './rules/alc-refused-breath.ts';
import { alcManualBreath } from './rules/alc-manual-breath.ts';
import { alcLabStatus } from './rules/alc-lab-status.ts';
import { conductLevel } from './rules/conduct-level.ts';
import { devOffline } from './rules/dev-offline.ts';
import { alcRoomAccess } from './rules/alc-room-access.ts';
import { ckptWatchlistHit } from './rules/ckpt-watchlist-hit.ts';
import { ruleCatalogue } from './rules/index.ts';
import { scheduledFamilies, windowsEndedBetween, type Calendar } from './scheduled.ts';

type ParamsOf = (code: string) => { params: Record<string, unknown>; version: number };

/** the keyed families whose rules also fall due with time, and how far back their keys stay of interest */
const TIME_LOOKBACK: Partial<Record<string, number>> = { device: 8 * DAY, roomperson: 8 * DAY };
/** cases whose chain can still fall short: the longest deadline (report within days) and then some */
const CASE_LOOKBACK = 10 * DAY;
const CONDUCT_LOOKBACK = 366 * DAY;

const caseRules = [alcBreathBloodGap, alcNearThreshold, alcRefusedBreath, alcManualBreath, alcLabStatus, alcKeyPerson, alcChainGap];

export interface RunSummary {
  asOf: string;
  rules: string[];
  opened: number;
  updated: number;
  /** per rule: alerts opened and updated */
  byRule: Record<string, { opened: number; updated: number }>;
  /** the calendar windows judged, e.g. daily 2026-11-09 */
  windows: string[];
}

export interface BacktestResult {
  rule: string;
  from: string;
  to: string;
  params: Record<string, unknown>;
  /** subjects found with the proposed parameters (over the period) */
  found: number;
  /** would be opened: found with the proposed parameters, no alert of the rule on the subject in the period */
  wouldOpen: Array<{ subject: { kind: string; id: string }; level: string; title: string; unit: string }>;
  /** would not be: alerts of the rule opened in the period whose subject the proposed parameters do not find */
  wouldNotOpen: Array<{ id: string; subject: { kind: string; id: string }; level: string; title: string }>;
  /** found either way, at another level */
  levelChanges: Array<{ id: string; subject: { kind: string; id: string }; from: string; to: string }>;
}

export class DetectionRunner {
  constructor(
    private readonly database: Database,
    private readonly params: RuleParamsService,
    private readonly alerts: AlertService,
    private readonly units: UnitTree,
    private readonly clock: Clock,
  ) {}

  now(): Date {
    return this.clock.now();
  }

  /** every rule the runner can judge (time-dependent and scheduled) */
  clockedRules(): string[] {
    return [alcChainGap.code, ...keyedFamilies.filter((f) => TIME_LOOKBACK[f.kind]).flatMap((f) => f.rules.map((r) => r.code)), conductLevel.code, ...scheduledFamilies.flatMap((f) => f.rules.map((r) => r.code))];
  }

  private checkRules(rules: readonly string[] | undefined): Set<string> {
    const known = new Set(this.clockedRules());
    const catalogue = new Set(this.params.rules().map((r) => r.code));
    for (const r of rules ?? []) {
      if (!catalogue.has(r)) throw badRequest(`rules: 未知规则 ${r} (unknown rule)`, { field: 'rules' });
    }
    return rules?.length ? new Set(rules.filter((r) => known.has(r))) : known;
  }

  /**
   * The minute tick: the keys whose deadline has come (wake-ups written on arrival), judged as of `asOf`.
   * Taking the wake-ups and recording what they find is one transaction: a crash leaves them to the next tick.
   */
  async runTimeDependent(asOf: Date): Promise<RunSummary> {
    const summary: RunSummary = { asOf: asOf.toISOString(), rules: [alcChainGap.code, alcRoomAccess.code, devOffline.code].sort(), opened: 0, updated: 0, byRule: {}, windows: [] };
    const paramsOf: ParamsOf = (c) => this.params.params(c);
    const now = asOf.getTime();
    for (;;) {
      const more = await inTransaction(this.database, async (tx) => {
        const due = await tx.execute<{ rule: string; key: string }>(sql`
          DELETE FROM detection_wakeups w USING (
            SELECT rule, key, due_at FROM detection_wakeups WHERE due_at <= ${asOf.toISOString()}::timestamptz ORDER BY due_at LIMIT 2000
          ) d WHERE w.rule = d.rule AND w.key = d.key AND w.due_at = d.due_at
          RETURNING w.rule, w.key`);
        if (due.rows.length === 0) return false;
        const keys = (rule: string) => [...new Set(due.rows.filter((r) => r.rule === rule).map((r) => r.key))];
        const findings: FindingInput[] = [];
        const cases = keys(alcChainGap.code);
        if (cases.length) for (const input of await loadCases(tx, cases, now)) findings.push(...evaluateCase(input, [alcChainGap], paramsOf, asOf));
        for (const [family, rule] of [
          [keyedFamilies.find((f) => f.kind === 'device')!, devOffline.code],
          [keyedFamilies.find((f) => f.kind === 'roomperson')!, alcRoomAccess.code],
        ] as const) {
          const k = keys(rule);
          if (k.length) findings.push(...singleFindings(await family.assemble(tx, k, { now, until: now }), paramsOf, asOf));
        }
        if (findings.length) tally(summary, await this.alerts.recordFindings(tx, findings, asOf));
        return due.rows.length === 2000;
      });
      if (!more) break;
    }
    return summary;
  }

  /**
   * After midnight: the calendar windows that ended in the last day (weeks on Mondays, months on the 1st),
   * and every recent key of the time-dependent rules scanned again, whatever its wake-ups said.
   */
  async runCalendar(asOf: Date): Promise<RunSummary> {
    return this.run({ asOf, since: new Date(asOf.getTime() - DAY) });
  }

  /**
   * Judge the clocked rules as of `asOf`: the time-dependent ones over the keys still of interest, the
   * scheduled ones over each calendar window that ended after `since` (default: the latest window of each
   * calendar). Findings are recorded like any other, so running twice changes nothing the second time.
   */
  async run(opts: { asOf: Date; rules?: readonly string[]; since?: Date; calendars?: readonly Calendar[] }): Promise<RunSummary> {
    const chosen = this.checkRules(opts.rules);
    const asOf = opts.asOf.getTime();
    const summary: RunSummary = { asOf: opts.asOf.toISOString(), rules: [...chosen].sort(), opened: 0, updated: 0, byRule: {}, windows: [] };
    const paramsOf: ParamsOf = (c) => this.params.params(c);
    const record = async (findings: FindingInput[]) => {
      if (findings.length === 0) return;
      await inTransaction(this.database, async (tx) => tally(summary, await this.alerts.recordFindings(tx, findings, opts.asOf)));
    };

    // The families read apart and record apart (no two share a rule, so none touches another's alerts):
    // they run side by side, each on a connection of its own where the database has more than one.
    const tasks: Array<() => Promise<void>> = [];
    // time-dependent: the chain of custody, devices, evidence-room follow-ups; conduct points age out
    for (const part of this.timeEvaluations(chosen, asOf, asOf, paramsOf, opts.since?.getTime())) {
      tasks.push(async () => {
        for (const batch of await part()) await record(batch);
      });
    }
    // scheduled: each calendar window that ended
    for (const family of scheduledFamilies) {
      const rules = family.rules.filter((r) => chosen.has(r.code));
      if (rules.length === 0 || (opts.calendars && !opts.calendars.includes(family.calendar))) continue;
      const since = opts.since?.getTime() ?? latestWindowStart(family.calendar, asOf);
      const windows = windowsEndedBetween(family.calendar, since, asOf);
      for (const w of windows) summary.windows.push(`${family.calendar} ${w.label}`);
      tasks.push(async () => {
        for (const { window: w, evals } of await family.assemble(asTx(this.database.db), windows, { units: this.units })) {
          await record(singleFindings(evals.filter((e) => rules.includes(e.rule)), paramsOf, new Date(Math.min(w.end, asOf))));
        }
      });
    }
    await Promise.all(tasks.map((t) => t()));
    summary.windows = [...new Set(summary.windows)];
    return summary;
  }

  /** the time-dependent (and conduct) rules at `asOf`, over keys active in their look-back: one part per family */
  private timeEvaluations(chosen: Set<string>, asOf: number, until: number, paramsOf: ParamsOf, since?: number): Array<() => Promise<FindingInput[][]>> {
    const tx = asTx(this.database.db);
    const parts: Array<() => Promise<FindingInput[][]>> = [];
    const now = new Date(asOf);
    if (chosen.has(alcChainGap.code)) {
      parts.push(async () => {
        const out: FindingInput[][] = [];
        const cases = await casesActiveSince(tx, (since ?? asOf) - CASE_LOOKBACK, until);
        // the longest part of a replay: while one batch is judged here, the next ones are being read
        const batches: string[][] = [];
        for (let i = 0; i < cases.length; i += 500) batches.push(cases.slice(i, i + 500));
        await inTurns(batches, this.database.kind === 'postgres' ? 3 : 1, async (batch, i) => {
          out[i] = (await loadCaseRun(tx, batch, until)).flatMap((input) => evaluateCase(input, [alcChainGap], paramsOf, now));
        });
        return out;
      });
    }
    for (const family of keyedFamilies) {
      const lookback = family.rules.some((r) => r.code === conductLevel.code) ? CONDUCT_LOOKBACK : TIME_LOOKBACK[family.kind];
      if (lookback === undefined || !family.rules.some((r) => chosen.has(r.code))) continue;
      parts.push(() => this.familyFindings(tx, family, (since ?? asOf) - lookback, asOf, until, paramsOf, chosen));
    }
    return parts;
  }

  private async familyFindings(tx: Tx, family: KeyedFamily, from: number, asOf: number, until: number, paramsOf: ParamsOf, chosen: Set<string>): Promise<FindingInput[][]> {
    const out: FindingInput[][] = [];
    for (const keys of keyBatches(await keysActiveBetween(tx, family.kind, from, until))) {
      const evals = await family.assemble(tx, keys, { now: asOf, until, earliest: from });
      out.push(singleFindings(evals.filter((e) => chosen.has(e.rule.code)), paramsOf, new Date(asOf)));
    }
    return out;
  }

  /**
   * What a rule with other parameters would have found over [from, to], against the alerts of that rule
   * opened in the period. Reads only: nothing is recorded.
   */
  async backtest(code: string, proposed: Record<string, unknown>, from: Date, to: Date): Promise<BacktestResult> {
    const rule = ruleCatalogue.find((r) => r.code === code);
    if (!rule) throw badRequest(`code: 未知规则 ${code} (unknown rule)`, { field: 'code' });
    if (!(to.getTime() > from.getTime())) throw badRequest('to: 结束时间须晚于开始时间 (to must be after from)', { field: 'to' });
    if (to.getTime() - from.getTime() > 366 * DAY) throw badRequest('to: 回测区间不超过一年 (a back-test covers at most one year)', { field: 'to' });
    const params = this.params.validate(code, proposed);
    const paramsOf: ParamsOf = (c) => (c === code ? { params, version: 0 } : this.params.params(c));
    const found = await this.findingsOver(rule, from.getTime(), to.getTime(), paramsOf);

    const bySubject = new Map<string, FindingInput>();
    for (const f of found) {
      const k = `${f.subjectKind}|${f.subjectId}`;
      const prev = bySubject.get(k);
      if (!prev || rank(f.level) > rank(prev.level)) bySubject.set(k, f);
    }
    // a calendar rule opens its alerts after the window closes: those count for the period too
    const slack = rule.schedule === 'monthly' ? 32 * DAY : rule.schedule === 'weekly' ? 8 * DAY : DAY;
    const existing = await asTx(this.database.db).execute<{ id: string; subject_kind: string; subject_id: string; level: string; title: string }>(sql`
      SELECT id, subject_kind, subject_id, level, title FROM alerts
       WHERE rule = ${code} AND created_at >= ${from.toISOString()}::timestamptz AND created_at <= ${new Date(to.getTime() + slack).toISOString()}::timestamptz`);
    const have = new Map(existing.rows.map((a) => [`${a.subject_kind}|${a.subject_id}`, a]));
    const result: BacktestResult = { rule: code, from: from.toISOString(), to: to.toISOString(), params, found: bySubject.size, wouldOpen: [], wouldNotOpen: [], levelChanges: [] };
    for (const [k, f] of bySubject) {
      const a = have.get(k);
      if (!a) result.wouldOpen.push({ subject: { kind: f.subjectKind, id: f.subjectId }, level: f.level, title: f.title, unit: f.unitCode });
      else if (a.level !== f.level) result.levelChanges.push({ id: a.id, subject: { kind: a.subject_kind, id: a.subject_id }, from: a.level, to: f.level });
    }
    for (const [k, a] of have) if (!bySubject.has(k)) result.wouldNotOpen.push({ id: a.id, subject: { kind: a.subject_kind, id: a.subject_id }, level: a.level, title: a.title });
    return result;
  }

  /** every finding of one rule over a period of stored history, judged as of the period's end */
  private async findingsOver(rule: Rule<any, any>, from: number, to: number, paramsOf: ParamsOf): Promise<FindingInput[]> {
    const tx = asTx(this.database.db);
    const now = new Date(to);
    const chosen = new Set([rule.code]);
    const out: FindingInput[] = [];
    if (caseRules.some((r) => r.code === rule.code)) {
      const cases = await casesActiveSince(tx, from, to);
      for (let i = 0; i < cases.length; i += 500) {
        for (const input of await loadCaseRun(tx, cases.slice(i, i + 500), to)) out.push(...evaluateCase(input, [rule], paramsOf, now).filter((f) => f.rule === rule.code));
      }
      return out;
    }
    if (rule.code === ckptWatchlistHit.code) throw badRequest('code: 布控命中规则没有可回测的参数 (the watchlist rule has nothing to back-test)', { field: 'code' });
    for (const family of keyedFamilies) {
      if (!family.rules.includes(rule)) continue;
      for (const batch of await this.familyFindings(tx, family, from, to, to, paramsOf, chosen)) out.push(...batch);
    }
    if (singleEventRules.includes(rule)) {
      const events = await eventsOfTypes(tx, from, to);
      for (let i = 0; i < events.length; i += 2000) {
        const evals: Evaluation[] = (await singleEventEvaluations(tx, events.slice(i, i + 2000))).filter((e) => e.rule === rule);
        out.push(...singleFindings(evals, paramsOf, now));
      }
    }
    for (const family of scheduledFamilies) {
      if (!family.rules.includes(rule)) continue;
      const windows = windowsEndedBetween(family.calendar, from, to).filter((w) => w.start >= from);
      for (const { window: w, evals } of await family.assemble(tx, windows, { units: this.units })) {
        out.push(...singleFindings(evals.filter((e) => e.rule === rule), paramsOf, new Date(w.end)));
      }
    }
    return out;
  }
}

const BATCH_KEYS = 1000;
const BATCH_EVENTS = 100_000;
/** a replay's keys in batches of at most 1,000 keys and, unless one key alone has more, 100,000 events: a
 *  family holds a batch's events at once, and an evidence-room custodian has thousands a month where a VIN
 *  has a few (one read of every custodian held 458,000 events at 10 million; batches much smaller than
 *  this read the kind's pages once per batch and were slower) */
export function keyBatches(keys: readonly KeyCount[]): string[][] {
  const out: string[][] = [];
  let batch: string[] = [];
  let events = 0;
  for (const k of keys) {
    if (batch.length && (batch.length === BATCH_KEYS || events + k.events > BATCH_EVENTS)) {
      out.push(batch);
      batch = [];
      events = 0;
    }
    batch.push(k.key);
    events += k.events;
  }
  if (batch.length) out.push(batch);
  return out;
}

function tally(summary: RunSummary, r: { opened: Array<{ rule: string }>; updated: Array<{ rule: string }> }): void {
  for (const [rows, k] of [
    [r.opened, 'opened'],
    [r.updated, 'updated'],
  ] as const) {
    for (const row of rows) {
      const b = (summary.byRule[row.rule] ??= { opened: 0, updated: 0 });
      b[k]++;
      summary[k]++;
    }
  }
}

const rank = (l: string) => ['blue', 'yellow', 'orange', 'red'].indexOf(l);

/** the windows of one calendar period back from asOf: the latest one ended */
function latestWindowStart(calendar: Calendar, asOf: number): number {
  const w = windowsEndedBetween(calendar, asOf - 32 * DAY, asOf);
  const last = w[w.length - 1];
  return last ? last.end - 1 : asOf;
}

async function eventsOfTypes(tx: Tx, from: number, to: number): Promise<RuleEvent[]> {
  const r = await tx.execute<{ id: string; type: string; occurred_at: string; unit_code: string; actor: string | null; body: { location?: { lat: number; lng: number }; data?: Record<string, unknown> } }>(sql`
    SELECT id, type, occurred_at, unit_code, actor, body FROM events
     WHERE type = ANY(${sql.param(['vehicle.business', 'driver.business', 'violation.processed', 'system.query', 'system.grant'])}::text[])
       AND occurred_at >= ${new Date(from).toISOString()}::timestamptz AND occurred_at <= ${new Date(to).toISOString()}::timestamptz
     ORDER BY occurred_at, id`);
  return r.rows.map((x) => {
    const at = new Date(x.occurred_at).getTime();
    return { id: x.id, type: x.type, occurredAt: new Date(at).toISOString(), at, unit: x.unit_code, actor: x.actor, location: x.body.location ?? null, data: x.body.data ?? {} };
  });
}

/** fn over every item, at most `limit` at a time (each item's index passed along for its result's place) */
async function inTurns<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
}
