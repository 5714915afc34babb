// The on-arrival part of the detection engine. It runs inside the ingest transaction: it keeps the case
// projection (every alcohol event of a case, sample events linked through the draw's sampleNo, whatever
// order they arrive in), re-evaluates the arrival rules of every case a chunk touched over everything now
// known of it, checks checkpoint passes against the watchlist, and hands the findings to the alerts
// module. Rules never see the wall clock: `now` comes from the injected clock.
import { inArray, sql } from 'drizzle-orm';
import type { Tx } from '../../platform/db/client.ts';
import type { Clock } from '../../platform/clock.ts';
import type { AcceptedEvent } from '../ingest/index.ts';
import type { AlertService, FindingInput } from '../alerts/index.ts';
import { activeWatchlist, allLabs, checkpointsByIds, devicesByIds, personsByNos } from '../reference/index.ts';
import { eventsByKeys, keysOf, writeKeyed, type KeyedRow, type KeyKind } from './keyed.ts';
import { keyedFamilies, retrieversOfSamples, singleEventEvaluations, type Evaluation } from './families.ts';
import { caseEvents, caseSamples, pendingSampleEvents, wakeups } from './detection.tables.ts';
import type { RuleParamsService } from './params.service.ts';
import { raiseLevel, type Finding, type Rule, type RuleEvent } from './rule.ts';
import type { AlcoholCaseInput, LabStatus } from './rules/alcohol-case.ts';
import { alcBreathBloodGap } from './rules/alc-breath-blood-gap.ts';
import { alcKeyPerson } from './rules/alc-key-person.ts';
import { alcLabStatus } from './rules/alc-lab-status.ts';
import { alcManualBreath } from './rules/alc-manual-breath.ts';
import { alcNearThreshold } from './rules/alc-near-threshold.ts';
import { alcRefusedBreath } from './rules/alc-refused-breath.ts';
import { ckptWatchlistHit } from './rules/ckpt-watchlist-hit.ts';
import { alcChainGap } from './rules/alc-chain-gap.ts';
import { alcRoomAccess } from './rules/alc-room-access.ts';
import { devOffline } from './rules/dev-offline.ts';

/** the case rules that fire as soon as their events are in (time-dependent ones run on the scheduler) */
const caseArrivalRules: Rule<AlcoholCaseInput, any>[] = [alcBreathBloodGap, alcNearThreshold, alcRefusedBreath, alcManualBreath, alcLabStatus, alcKeyPerson];

/** the advisory lock detection holds from a chunk's judging to its commit (a fixed key of its own) */
const DETECTION_LOCK = '7091326488081526116';
/**
 * Checkpoint passes are judged per plate (the watchlist, a cloned plate): a chunk of passes alone takes the
 * pass gate shared and a lock per plate, so the passes of a province flow past each other and past the
 * chunk-wide lock. A chunk with more plates than PASS_PLATE_LOCKS (a bulk load) takes the gate alone,
 * exclusively, instead of thousands of locks. Order everywhere: detection lock, gate, plates. A group of
 * single passes (up to 1,000) stays under the limit; a pool's few transactions at this many locks each fit
 * PostgreSQL's shared lock table (64 × max_connections by default).
 */
const PASS_GATE = '7091326488081526117';
const PASS_PLATE_LOCKS = 1000;

const SAMPLE_TYPES = new Set(['alcohol.sample_stored', 'alcohol.sample_retrieved', 'alcohol.sample_sent']);

const ruleEvent = (e: AcceptedEvent): RuleEvent => ({
  id: e.id,
  type: e.type,
  occurredAt: e.occurredAt,
  at: e.occurredAtMs,
  unit: e.unit,
  actor: e.actor,
  location: e.location,
  data: e.data,
});

export class DetectionEngine {
  constructor(
    private readonly params: RuleParamsService,
    private readonly alerts: AlertService,
    private readonly clock: Clock,
  ) {}

  /** the ingest hook: called with each chunk's new events, inside its transaction */
  readonly onArrival = async (tx: Tx, events: readonly AcceptedEvent[]): Promise<void> => {
    // Chunks commit side by side on PostgreSQL. A rule judges everything known of a key, so a chunk must judge
    // after every chunk that committed before it and see their events: detection takes one lock for that,
    // held to commit, and chunks judge one at a time, in the order they reached detection (a deadline judged
    // on arrival needs the events before it judged first). Filing the chunk in the keyed projection is
    // done before the lock, side by side with the others: those rows never collide with another chunk's,
    // and of two chunks touching a key the later judges with both in hand. Everything detection locks after
    // the lock (case samples, alerts, the audit log) is then taken in one order only. Checkpoint passes alone
    // are judged by plate only, and lock their plates instead (see PASS_GATE).
    const passes = events.filter((e) => e.type === 'checkpoint.pass');
    const mixed = passes.length < events.length;
    const turn = mixed ? this.takeTurn() : null;
    let filed: Filed;
    try {
      filed = await this.fileKeyed(tx, events);
      if (turn) {
        await turn.after;
        await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock(${DETECTION_LOCK})`));
      }
    } finally {
      turn?.release();
    }
    if (passes.length) await lockPlates(tx, passes);
    const findings: FindingInput[] = [];
    const cases = await this.projectCases(tx, events);
    // a lab's registry status changed: every case that sent a sample there is judged again
    const labIds = events.filter((e) => e.type === 'ref.lab').map((e) => String(e.data.labId ?? ''));
    if (labIds.length) for (const c of await casesNamingLabs(tx, labIds)) cases.add(c);
    if (cases.size) findings.push(...(await this.evaluateCases(tx, [...cases])));
    if (passes.length) findings.push(...(await this.evaluateWatchlist(tx, passes)));
    findings.push(...(await this.judgeKeyed(tx, filed)));
    if (findings.length) await this.alerts.recordFindings(tx, findings, this.clock.now());
  };

  /**
   * File stored events in the detection projections without judging them (cases, keyed events, passes,
   * wake-ups): rebuilding the projections from the event store, after which a replay
   * (`DetectionRunner.run`) judges the time-dependent and calendar rules over them.
   */
  readonly file = async (tx: Tx, events: readonly AcceptedEvent[]): Promise<void> => {
    await this.projectCases(tx, events);
    await this.fileKeyed(tx, events);
  };

  /** the chunk before this one asked for the detection lock (or failed) when `after` settles */
  private lastTurn: Promise<void> = Promise.resolve();
  private takeTurn(): { after: Promise<void>; release: () => void } {
    const after = this.lastTurn;
    let release!: () => void;
    this.lastTurn = new Promise<void>((r) => (release = r));
    return { after, release };
  }

  /** write the chunk's alcohol events into the case projection; returns the cases touched */
  private async projectCases(tx: Tx, events: readonly AcceptedEvent[]): Promise<Set<string>> {
    const touched = new Set<string>();
    const direct: { caseNo: string; eventId: string; event: RuleEvent }[] = [];
    const bySample: { sampleNo: string; eventId: string; event: RuleEvent }[] = [];
    const draws: { sampleNo: string; caseNo: string }[] = [];
    for (const e of events) {
      if (!e.type.startsWith('alcohol.') || e.type === 'alcohol.room_access') continue;
      const caseNo = typeof e.data.caseNo === 'string' ? e.data.caseNo : null;
      if (caseNo) {
        direct.push({ caseNo, eventId: e.id, event: ruleEvent(e) });
        touched.add(caseNo);
        if (e.type === 'alcohol.blood_drawn' && typeof e.data.sampleNo === 'string') draws.push({ sampleNo: e.data.sampleNo, caseNo });
      } else if (SAMPLE_TYPES.has(e.type) && typeof e.data.sampleNo === 'string') {
        bySample.push({ sampleNo: e.data.sampleNo, eventId: e.id, event: ruleEvent(e) });
      }
    }
    // two chunks committing at once, one with a draw and one with its sample's events, must not each miss
    // the other's uncommitted row: the samples are locked, in order, for the rest of the transaction
    const samples = [...new Set([...draws.map((d) => d.sampleNo), ...bySample.map((b) => b.sampleNo)])].sort();
    if (samples.length) {
      await tx.execute(sql`SELECT count(pg_advisory_xact_lock(hashtextextended('detection-sample:' || s, 0))) FROM (SELECT unnest(${sql.param(samples)}::text[]) AS s ORDER BY 1) x`);
    }
    if (draws.length) {
      // the first draw naming a sample owns it; a later conflicting claim does not move it
      await tx.insert(caseSamples).values(draws).onConflictDoNothing();
      // sample events that came before their draw join the case now
      const adopted = await tx.execute<{ case_no: string; event_id: string; event: RuleEvent }>(sql`
        DELETE FROM detection_pending_sample_events p USING detection_case_samples s
         WHERE p.sample_no = s.sample_no AND s.sample_no = ANY(${sql.param(draws.map((d) => d.sampleNo))}::text[])
        RETURNING s.case_no, p.event_id, p.event`);
      for (const a of adopted.rows) {
        direct.push({ caseNo: a.case_no, eventId: a.event_id, event: a.event });
        touched.add(a.case_no);
      }
    }
    if (bySample.length) {
      const owners = await tx.select().from(caseSamples).where(inArray(caseSamples.sampleNo, [...new Set(bySample.map((b) => b.sampleNo))]));
      const caseOf = new Map(owners.map((o) => [o.sampleNo, o.caseNo]));
      const pending: typeof bySample = [];
      for (const b of bySample) {
        const caseNo = caseOf.get(b.sampleNo);
        if (caseNo) {
          direct.push({ caseNo, eventId: b.eventId, event: b.event });
          touched.add(caseNo);
        } else pending.push(b);
      }
      if (pending.length) await tx.insert(pendingSampleEvents).values(pending).onConflictDoNothing();
    }
    if (direct.length) await tx.insert(caseEvents).values(direct).onConflictDoNothing();
    await this.scheduleWakeups(tx, direct, events);
    return touched;
  }

  /**
   * The deadlines this chunk starts: a case's next custody step, a device's return, a retrieved sample's
   * hand-over. Each becomes a wake-up just after it passes (deadlines are inclusive), under the parameters
   * in force now; the nightly scan covers a parameter changed in between.
   */
  private async scheduleWakeups(tx: Tx, caseRows: ReadonlyArray<{ caseNo: string; event: RuleEvent }>, events: readonly AcceptedEvent[]): Promise<void> {
    const H = 3_600_000;
    const out: { rule: string; key: string; dueAt: string }[] = [];
    // a deadline that is inclusive ("within 24 h") is overdue 1 ms after it; one that is not, at it
    const add = (rule: string, key: string, at: number) => out.push({ rule, key, dueAt: new Date(at).toISOString() });
    const gap = this.params.params(alcChainGap.code).params as { drawWithinHours: number; storeWithinHours: number; sendWithinHours: number; reportWithinDays: number; severeAfterHours: number };
    for (const { caseNo, event: e } of caseRows) {
      if (e.type === 'alcohol.breath_test' || e.type === 'alcohol.case_opened') add(alcChainGap.code, caseNo, e.at + gap.drawWithinHours * H + 1);
      if (e.type === 'alcohol.blood_drawn') {
        for (const h of new Set([gap.storeWithinHours, gap.sendWithinHours, gap.severeAfterHours])) add(alcChainGap.code, caseNo, e.at + h * H + 1);
      }
      if (e.type === 'alcohol.sample_sent') add(alcChainGap.code, caseNo, e.at + gap.reportWithinDays * 24 * H + 1);
    }
    const offline = (this.params.params(devOffline.code).params as { offlineMinutes: number }).offlineMinutes;
    const followUp = (this.params.params(alcRoomAccess.code).params as { followUpHours: number }).followUpHours;
    for (const e of events) {
      if (e.type === 'device.status' && e.data.status !== 'online' && typeof e.data.deviceId === 'string') add(devOffline.code, e.data.deviceId, e.occurredAtMs + offline * 60_000); // exactly the limit is too late
      if (e.type === 'alcohol.sample_retrieved' && e.actor) add(alcRoomAccess.code, e.actor, e.occurredAtMs + followUp * H + 1);
    }
    // in one order, so two chunks filing the same wake-up side by side wait for each other, never deadlock
    out.sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : 0));
    for (let i = 0; i < out.length; i += 5000) await tx.insert(wakeups).values(out.slice(i, i + 5000)).onConflictDoNothing();
  }

  /** the arrival rules over everything known of each case; ALC_KEY_PERSON raises the case's others */
  private async evaluateCases(tx: Tx, caseNos: string[]): Promise<FindingInput[]> {
    const now = this.clock.now();
    const out: FindingInput[] = [];
    for (const input of await loadCases(tx, caseNos)) out.push(...evaluateCase(input, caseArrivalRules, (code) => this.params.params(code), now));
    return out;
  }

  /** file the chunk's events in the keyed projection, under every key the rules look them up by */
  private async fileKeyed(tx: Tx, accepted: readonly AcceptedEvent[]): Promise<Filed> {
    const events = accepted.filter((e) => !e.type.startsWith('ref.')).map(ruleEvent);
    const refs = accepted.filter((e) => e.type.startsWith('ref.'));
    const deductionPersons = events.filter((e) => e.type === 'conduct.deduction').map((e) => String(e.data.personNo ?? ''));
    const unitOf = new Map((await personsByNos(tx, deductionPersons)).map((p) => [p.personNo, p.unitCode]));
    const rows: KeyedRow[] = [];
    const touched = new Map<KeyKind, Set<string>>();
    let earliest = Infinity;
    for (const e of events) {
      for (const [kind, key] of keysOf(e, (p) => unitOf.get(p) ?? null)) {
        rows.push({ kind, key, event: e });
        let set = touched.get(kind);
        if (!set) touched.set(kind, (set = new Set()));
        set.add(key);
        earliest = Math.min(earliest, e.at);
      }
    }
    if (rows.length) await writeKeyed(tx, rows);
    return { events, refs, touched, earliest };
  }

  /** judge every key the chunk touched, over everything known of it, and every single-event rule */
  private async judgeKeyed(tx: Tx, { events, refs, touched, earliest: first }: Filed): Promise<FindingInput[]> {
    const again = refs.length ? await this.judgedAgain(tx, refs) : { events: [] as RuleEvent[], touched: new Map<KeyKind, Set<string>>() };
    if (events.length === 0 && again.events.length === 0 && again.touched.size === 0) return [];
    for (const [kind, keys] of again.touched) {
      let set = touched.get(kind);
      if (!set) touched.set(kind, (set = new Set()));
      for (const k of keys) set.add(k);
    }
    const earliest = first === Infinity ? this.clock.now().getTime() : first;
    // a sample handed over completes the retrieval of whoever took it out of the room
    const sent = touched.get('sample');
    if (sent) {
      const who = await retrieversOfSamples(tx, [...sent]);
      if (who.length) {
        const set = touched.get('roomperson') ?? new Set<string>();
        for (const w of who) set.add(w);
        touched.set('roomperson', set);
      }
    }
    const now = this.clock.now();
    const paramsOf = (c: string) => this.params.params(c);
    const out = singleFindings(await singleEventEvaluations(tx, [...events, ...again.events]), paramsOf, now);
    // a deadline ("not back within 15 minutes", "not sent within 24 h") is the minute tick's to judge: on
    // arrival a time-dependent rule is told it is no later than the newest event in hand, so history loaded
    // in bulk is not judged before the events that complete it have arrived
    for (const family of keyedFamilies) {
      const keys = touched.get(family.kind);
      if (!keys?.size) continue;
      const evals = await family.assemble(tx, [...keys], { now: now.getTime(), earliest });
      if (!family.rules.some((r) => r.trigger === 'time')) {
        out.push(...singleFindings(evals, paramsOf, now));
        continue;
      }
      // each key is judged as of its own newest event (or now, if that is earlier)
      for (const ev of evals) {
        const latest = latestAt(ev.input);
        out.push(...singleFindings([ev], paramsOf, Number.isFinite(latest) ? new Date(Math.min(now.getTime(), latest)) : now));
      }
    }
    return out;
  }

  /**
   * Reference data that arrives or changes after the events it explains (a person's kind and roles, a
   * sensitive subject, an evidence room's hours and custodians) has the events it bears on judged again,
   * so the outcome does not depend on which came first.
   */
  private async judgedAgain(tx: Tx, refs: readonly AcceptedEvent[]): Promise<{ events: RuleEvent[]; touched: Map<KeyKind, Set<string>> }> {
    const of = (type: string, field: string) => [...new Set(refs.filter((r) => r.type === type).map((r) => String(r.data[field] ?? '')).filter(Boolean))];
    const persons = of('ref.person', 'personNo');
    const subjects = of('ref.sensitive_subject', 'subject');
    const rooms = of('ref.evidence_room', 'roomId');
    const events: RuleEvent[] = [];
    const touched = new Map<KeyKind, Set<string>>();
    const since = this.clock.now().getTime() - 400 * 86_400_000;
    if (persons.length) {
      for (const list of (await eventsByKeys(tx, 'actor', persons, { from: since })).values()) events.push(...list);
      for (const list of (await eventsByKeys(tx, 'grantee', persons, { from: since })).values()) events.push(...list);
      for (const kind of ['user', 'roomperson', 'person'] as const) touched.set(kind, new Set(persons));
    }
    if (subjects.length) for (const list of (await eventsByKeys(tx, 'subject', subjects, { from: since })).values()) events.push(...list);
    if (rooms.length) {
      const actors = [...(await eventsByKeys(tx, 'room', rooms, { from: since })).values()].flat().map((e) => e.actor).filter((a): a is string => !!a);
      const set = touched.get('roomperson') ?? new Set<string>();
      for (const a of actors) set.add(a);
      if (set.size) touched.set('roomperson', set);
    }
    return { events, touched };
  }

  private async evaluateWatchlist(tx: Tx, passes: readonly AcceptedEvent[]): Promise<FindingInput[]> {
    const plates = [...new Set(passes.map((p) => String(p.data.plate)))];
    const listed = await activeWatchlist(tx, plates);
    if (listed.length === 0) return [];
    const watch = new Map(listed.map((w) => [w.plate, w]));
    const hits = passes.filter((p) => watch.has(String(p.data.plate)));
    const cps = new Map((await checkpointsByIds(tx, [...new Set(hits.map((h) => String(h.data.checkpointId)))])).map((c) => [c.checkpointId, c]));
    const pv = this.params.params(ckptWatchlistHit.code);
    const out: FindingInput[] = [];
    for (const pass of hits) {
      const w = watch.get(String(pass.data.plate))!;
      const cp = cps.get(String(pass.data.checkpointId));
      const findings = ckptWatchlistHit.evaluate(
        {
          pass: ruleEvent(pass),
          watch: { plate: w.plate, reason: w.reason, active: w.active, eventId: w.eventId },
          checkpoint: cp ? { checkpointId: cp.checkpointId, name: cp.name, lat: cp.lat, lng: cp.lng, eventId: cp.eventId } : null,
        },
        pv.params as { redReasons: string },
        this.clock.now(),
      );
      for (const f of findings) out.push(toInput(f, pv.version));
    }
    return out;
  }
}

/** the pass gate and the chunk's plates (in order), or the gate alone for many plates */
async function lockPlates(tx: Tx, passes: readonly AcceptedEvent[]): Promise<void> {
  const plates = [...new Set(passes.map((p) => String(p.data.plate)))].sort();
  if (plates.length > PASS_PLATE_LOCKS) {
    await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock(${PASS_GATE})`));
    return;
  }
  await tx.execute(sql.raw(`SELECT pg_advisory_xact_lock_shared(${PASS_GATE})`));
  await tx.execute(sql`SELECT count(pg_advisory_xact_lock(hashtextextended('detection-plate:' || p, 0))) FROM (SELECT unnest(${sql.param(plates)}::text[]) AS p ORDER BY 1) x`);
}

/** a chunk as filed in the keyed projection, waiting to be judged */
interface Filed {
  events: RuleEvent[];
  refs: AcceptedEvent[];
  touched: Map<KeyKind, Set<string>>;
  /** the earliest event time filed, or Infinity */
  earliest: number;
}

type ParamsOf = (code: string) => { params: Record<string, unknown>; version: number };

/** everything known of these cases (events up to `until` when given), with the labs and devices they name */
export async function loadCases(tx: Tx, caseNos: readonly string[], until?: number): Promise<AlcoholCaseInput[]> {
  if (caseNos.length === 0) return [];
  // one row per case, its events as one JSON text: one parse per case costs less than a driver row and a
  // parse per event
  const rows = await tx.execute<{ case_no: string; events: string }>(sql`
    SELECT case_no, json_agg(event)::text AS events FROM ${caseEvents} WHERE case_no = ANY(${sql.param([...caseNos])}::text[]) GROUP BY case_no`);
  return caseInputs(tx, rows.rows, until);
}

/**
 * The cases of `caseNos` (in the database's order of case numbers, as casesActiveSince gives them) read
 * by one range of the primary key, first to last: a replay's batches walk the index once between them,
 * where a list of case numbers is answered with a scan of the whole table per batch once it is large.
 */
export async function loadCaseRun(tx: Tx, caseNos: readonly string[], until?: number): Promise<AlcoholCaseInput[]> {
  if (caseNos.length === 0) return [];
  const wanted = new Set(caseNos);
  const rows = await tx.execute<{ case_no: string; events: string }>(sql`
    SELECT case_no, json_agg(event)::text AS events FROM ${caseEvents}
     WHERE case_no >= ${caseNos[0]} AND case_no <= ${caseNos[caseNos.length - 1]} GROUP BY case_no`);
  return caseInputs(
    tx,
    rows.rows.filter((r) => wanted.has(r.case_no)),
    until,
  );
}

async function caseInputs(tx: Tx, rows: readonly { case_no: string; events: string }[], until: number | undefined): Promise<AlcoholCaseInput[]> {
  const byCase = new Map<string, RuleEvent[]>();
  for (const r of rows) {
    let events = JSON.parse(r.events) as RuleEvent[];
    if (until !== undefined) events = events.filter((e) => e.at <= until);
    if (events.length) byCase.set(r.case_no, events);
  }
  const labs: AlcoholCaseInput['labs'] = {};
  for (const l of await allLabs(tx)) labs[l.labId] = { status: l.status as LabStatus, internal: l.internal, name: l.name };
  const deviceIds = new Set<string>();
  for (const list of byCase.values()) for (const e of list) if (typeof e.data.deviceId === 'string') deviceIds.add(e.data.deviceId);
  const devices: AlcoholCaseInput['devices'] = {};
  for (const d of await devicesByIds(tx, [...deviceIds])) devices[d.deviceId] = { kind: d.kind, calibratedUntil: d.calibratedUntil };
  return [...byCase].map(([caseNo, events]) => ({ caseNo, events, labs, devices }));
}

/** the newest event time in a rule input (its event lists), or -Infinity */
function latestAt(input: unknown): number {
  let latest = -Infinity;
  for (const v of Object.values(input as Record<string, unknown>)) {
    if (!Array.isArray(v)) continue;
    for (const e of v) if (e && typeof (e as RuleEvent).at === 'number') latest = Math.max(latest, (e as RuleEvent).at);
  }
  return latest;
}

/** the cases that sent a sample to, or had a report from, one of these labs */
async function casesNamingLabs(tx: Tx, labIds: readonly string[]): Promise<string[]> {
  const r = await tx.execute<{ case_no: string }>(sql`
    SELECT DISTINCT coalesce(k.event->'data'->>'caseNo', s.case_no) AS case_no
      FROM detection_keyed_events k LEFT JOIN detection_case_samples s ON s.sample_no = k.event->'data'->>'sampleNo'
     WHERE k.kind = 'lab' AND k.key = ANY(${sql.param([...labIds])}::text[])`);
  return r.rows.map((x) => x.case_no).filter(Boolean);
}

/** the cases with an event at or after `since` (candidates for the time-dependent chain rule), in the
 *  database's order of case numbers (loadCaseRun reads them by ranges of it) */
export async function casesActiveSince(tx: Tx, since: number, until: number): Promise<string[]> {
  const r = await tx.execute<{ case_no: string }>(sql`
    SELECT DISTINCT case_no FROM detection_case_events WHERE (event->>'at')::bigint BETWEEN ${since} AND ${until} ORDER BY case_no`);
  return r.rows.map((x) => x.case_no);
}

/**
 * Evaluate case rules on one case. ALC_KEY_PERSON raises every other alert of the case by one level, so
 * when it is among the rules (or `keyPerson` says the case is one), the others come out raised.
 */
export function evaluateCase(input: AlcoholCaseInput, rules: readonly Rule<AlcoholCaseInput, any>[], paramsOf: ParamsOf, now: Date): FindingInput[] {
  const found: { finding: Finding; version: number }[] = [];
  for (const rule of rules) {
    const pv = paramsOf(rule.code);
    for (const f of rule.evaluate(input, pv.params as any, now)) found.push({ finding: f, version: pv.version });
  }
  // whether the case is a key person's matters only to what was found (most cases: nothing)
  if (found.length === 0) return [];
  const kp = rules.includes(alcKeyPerson) ? found.some((x) => x.finding.rule === alcKeyPerson.code) : alcKeyPerson.evaluate(input, paramsOf(alcKeyPerson.code).params as any, now).length > 0;
  return found.map(({ finding, version }) => {
    const raised = kp && finding.rule !== alcKeyPerson.code;
    return toInput(raised ? { ...finding, level: raiseLevel(finding.level), figures: { ...finding.figures, raisedBy: alcKeyPerson.code } } : finding, version);
  });
}

/** run each evaluation's rule with the parameters in force (or the ones a back-test proposes) */
export function singleFindings(evals: readonly Evaluation[], paramsOf: ParamsOf, now: Date): FindingInput[] {
  const out: FindingInput[] = [];
  for (const { rule, input } of evals) {
    const pv = paramsOf(rule.code);
    for (const f of rule.evaluate(input, pv.params as any, now)) out.push(toInput(f, pv.version));
  }
  return out;
}

export function toInput(f: Finding, paramVersion: number): FindingInput {
  return {
    rule: f.rule,
    subjectKind: f.subject.kind,
    subjectId: f.subject.id,
    level: f.level,
    unitCode: f.unit,
    title: f.title,
    figures: f.figures,
    eventIds: f.eventIds,
    paramVersion,
  };
}
