// One alcohol case as the case rules see it: the case's events folded into its steps (opened, breath test,
// blood draw, storage, hand-over to the lab, lab report, closing), with the reference data the rules judge
// them against. The fold depends only on the *set* of events: they are de-duplicated by id and sorted by
// (occurredAt, id) first, and every "the" step is the earliest of its kind, so arrival order never matters.
import type { Figure, Finding, Level, RuleEvent } from '../rule.ts';

export type LabStatus = 'filed' | 'suspended' | 'blacklisted';

export interface AlcoholCaseInput {
  caseNo: string;
  /**
   * every alcohol.* event of the case, sample events (stored, retrieved, sent) linked by sampleNo;
   * alcohol.room_access is not here (it is about a room and a person, not a case)
   */
  events: RuleEvent[];
  /** current registry status of every known lab, by labId */
  labs: Record<string, { status: LabStatus; internal: boolean; name: string }>;
  /** every known device, by deviceId; calibratedUntil is a calendar date YYYY-MM-DD (inclusive) */
  devices: Record<string, { kind: string; calibratedUntil: string | null }>;
}

/** what every step keeps: which event, when, where, by whom */
export interface Step {
  eventId: string;
  type: string;
  /** epoch milliseconds */
  at: number;
  unit: string;
  actor: string | null;
  located: boolean;
}

export interface OpenedStep extends Step {
  driverIdNo: string | null;
  driverName: string | null;
  plate: string | null;
  tags: string[];
}

export interface BreathStep extends Step {
  /** mg/100mL; null when refused (or when a device sent nothing) */
  value: number | null;
  refused: boolean;
  source: 'device' | 'manual' | null;
  deviceId: string | null;
}

export interface DrawStep extends Step {
  sampleNo: string;
  sealNo: string | null;
  institution: string | null;
}

export interface SampleStep extends Step {
  sampleNo: string;
  roomId: string | null;
}

export interface RetrievalStep extends SampleStep {
  purpose: string | null;
}

export interface SentStep extends Step {
  sampleNo: string;
  labId: string | null;
}

export interface ReportStep extends Step {
  sampleNo: string | null;
  labId: string | null;
  value: number | null;
}

export interface CaseView {
  caseNo: string;
  /** the unit that owns the case (the opening event's), where its alerts go */
  unit: string | null;
  opened: OpenedStep | null;
  /** every breath test, in time order (a retest or a refusal followed by a test both count) */
  breathTests: BreathStep[];
  /** the first breath test with a value; else the first test (a refusal) */
  breath: BreathStep | null;
  /** the first refused breath test */
  refusal: BreathStep | null;
  sceneEvidence: Step[];
  /** every blood draw, in time order */
  draws: DrawStep[];
  /** the first draw: its sample is the case's sample, the one the custody chain follows */
  draw: DrawStep | null;
  sampleNo: string | null;
  /** first storage / retrieval list / first hand-over of the case's sample */
  stored: SampleStep | null;
  retrievals: RetrievalStep[];
  sent: SentStep | null;
  /** every hand-over of any sample of the case (a recheck may go to another lab) */
  sendings: SentStep[];
  /** the first lab report: the chain's last step */
  report: ReportStep | null;
  /** every lab report of the case, in time order (a recheck adds one) */
  reports: ReportStep[];
  closed: (Step & { finding: string | null }) | null;
  /** the case's events, de-duplicated and in (occurredAt, id) order */
  events: RuleEvent[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/** the total order the whole fold rests on */
export const byTimeThenId = (a: { at: number; id: string }, b: { at: number; id: string }): number =>
  a.at - b.at || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function step(e: RuleEvent): Step {
  return { eventId: e.id, type: e.type, at: e.at, unit: e.unit, actor: e.actor, located: e.location !== null };
}

const sampleTypes = new Set(['alcohol.sample_stored', 'alcohol.sample_retrieved', 'alcohol.sample_sent']);

/**
 * Every case rule reads the same fold of the same input: it is made once per input, and made again if the
 * input's events, labs or devices have been replaced or grown since (the view itself is never changed by
 * the rules).
 */
const folded = new WeakMap<AlcoholCaseInput, { events: RuleEvent[]; n: number; labs: unknown; devices: unknown; view: CaseView }>();
export function foldCase(input: AlcoholCaseInput): CaseView {
  const hit = folded.get(input);
  if (hit && hit.events === input.events && hit.n === input.events.length && hit.labs === input.labs && hit.devices === input.devices) return hit.view;
  const view = fold(input);
  folded.set(input, { events: input.events, n: input.events.length, labs: input.labs, devices: input.devices, view });
  return view;
}

function fold(input: AlcoholCaseInput): CaseView {
  const { caseNo } = input;
  // de-duplicate by id (a replayed event is the same fact), keeping the copy first in the total order
  const unique = new Map<string, RuleEvent>();
  for (const e of [...input.events].sort(byTimeThenId)) if (!unique.has(e.id)) unique.set(e.id, e);
  const sorted = [...unique.values()];

  // an event naming another case does not belong here; sample events belong when their sample is one of
  // the case's (drawn or reported), which is how the engine linked them
  const ofCase = sorted.filter((e) => !sampleTypes.has(e.type) && e.type.startsWith('alcohol.') && e.type !== 'alcohol.room_access' && str(e.data.caseNo) === caseNo);
  const samples = new Set<string>();
  for (const e of ofCase) {
    const s = str(e.data.sampleNo);
    if (s && (e.type === 'alcohol.blood_drawn' || e.type === 'alcohol.lab_report')) samples.add(s);
  }
  const ofSamples = sorted.filter((e) => sampleTypes.has(e.type) && samples.has(str(e.data.sampleNo) ?? ''));
  const events = [...ofCase, ...ofSamples].sort(byTimeThenId);

  const view: CaseView = {
    caseNo,
    unit: null,
    opened: null,
    breathTests: [],
    breath: null,
    refusal: null,
    sceneEvidence: [],
    draws: [],
    draw: null,
    sampleNo: null,
    stored: null,
    retrievals: [],
    sent: null,
    sendings: [],
    report: null,
    reports: [],
    closed: null,
    events,
  };
  const storedBySample = new Map<string, SampleStep>();
  const retrievedBySample = new Map<string, RetrievalStep[]>();
  const sentBySample = new Map<string, SentStep>();

  for (const e of events) {
    const d = e.data;
    switch (e.type) {
      case 'alcohol.case_opened':
        view.opened ??= {
          ...step(e),
          driverIdNo: str(d.driverIdNo),
          driverName: str(d.driverName),
          plate: str(d.plate),
          tags: Array.isArray(d.tags) ? d.tags.filter((t): t is string => typeof t === 'string') : [],
        };
        break;
      case 'alcohol.breath_test': {
        const value = num(d.valueMg100ml);
        const source = d.source === 'device' || d.source === 'manual' ? d.source : null;
        // a refusal is a refusal even if a device sent a 0 along with it (the contract tolerates that)
        const refused = d.refused === true;
        view.breathTests.push({ ...step(e), value: refused ? null : value, refused, source, deviceId: str(d.deviceId) });
        break;
      }
      case 'alcohol.scene_evidence':
        view.sceneEvidence.push(step(e));
        break;
      case 'alcohol.blood_drawn': {
        const sampleNo = str(d.sampleNo);
        if (sampleNo) view.draws.push({ ...step(e), sampleNo, sealNo: str(d.sealNo), institution: str(d.institution) });
        break;
      }
      case 'alcohol.sample_stored': {
        const sampleNo = str(d.sampleNo)!;
        if (!storedBySample.has(sampleNo)) storedBySample.set(sampleNo, { ...step(e), sampleNo, roomId: str(d.roomId) });
        break;
      }
      case 'alcohol.sample_retrieved': {
        const sampleNo = str(d.sampleNo)!;
        const list = retrievedBySample.get(sampleNo) ?? [];
        list.push({ ...step(e), sampleNo, roomId: str(d.roomId), purpose: str(d.purpose) });
        retrievedBySample.set(sampleNo, list);
        break;
      }
      case 'alcohol.sample_sent': {
        const sent: SentStep = { ...step(e), sampleNo: str(d.sampleNo)!, labId: str(d.labId) };
        view.sendings.push(sent);
        if (!sentBySample.has(sent.sampleNo)) sentBySample.set(sent.sampleNo, sent);
        break;
      }
      case 'alcohol.lab_report':
        view.reports.push({ ...step(e), sampleNo: str(d.sampleNo), labId: str(d.labId), value: num(d.valueMg100ml) });
        break;
      case 'alcohol.case_closed':
        view.closed ??= { ...step(e), finding: str(d.finding) };
        break;
      default:
        break;
    }
  }

  view.breath = view.breathTests.find((b) => b.value !== null) ?? view.breathTests[0] ?? null;
  view.refusal = view.breathTests.find((b) => b.refused) ?? null;
  view.draw = view.draws[0] ?? null;
  view.sampleNo = view.draw?.sampleNo ?? null;
  if (view.sampleNo !== null) {
    view.stored = storedBySample.get(view.sampleNo) ?? null;
    view.retrievals = retrievedBySample.get(view.sampleNo) ?? [];
    view.sent = sentBySample.get(view.sampleNo) ?? null;
  }
  // the report on the case's own sample; a case whose draw record is missing still has its report
  view.report = view.reports.find((r) => r.sampleNo === view.sampleNo) ?? view.reports[0] ?? null;
  view.unit = view.opened?.unit ?? ofCase[0]?.unit ?? events[0]?.unit ?? null;
  return view;
}

// ---------------------------------------------------------------------------------------------------
// Small helpers the case rules share

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** China has one time zone and no daylight saving: dates are UTC+8 */
const SHANGHAI_OFFSET_MS = 8 * HOUR_MS;

/** the calendar date (YYYY-MM-DD) of an instant in Asia/Shanghai */
export function shanghaiDate(at: number): string {
  return new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 10);
}

/** an instant as Asia/Shanghai wall time with its offset, e.g. 2026-11-01T01:04:00+08:00 */
export function shanghaiIso(at: number): string {
  return `${new Date(at + SHANGHAI_OFFSET_MS).toISOString().slice(0, 19)}+08:00`;
}

/** round for display: one decimal, and no "-0" */
export function round1(x: number): number {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r;
}

/** the ids of the steps behind a finding, in the fold's order, each once */
export function idsOf(...steps: (Step | null | undefined)[]): string[] {
  const seen = new Set<string>();
  return steps
    .filter((s): s is Step => s !== null && s !== undefined)
    .sort((a, b) => byTimeThenId({ at: a.at, id: a.eventId }, { at: b.at, id: b.eventId }))
    .map((s) => s.eventId)
    .filter((id) => (seen.has(id) ? false : (seen.add(id), true)));
}

/** a comma-separated list parameter (parameters are scalars so that they can be edited and versioned) */
export function listParam(value: string): string[] {
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** a finding about the case: subject {case, caseNo}, routed to the case's unit */
export function caseFinding(
  rule: string,
  view: CaseView,
  f: { level: Level; title: string; figures: Record<string, Figure>; eventIds: string[] },
): Finding {
  return {
    rule,
    subject: { kind: 'case', id: view.caseNo },
    level: f.level,
    unit: view.unit ?? view.events[0]?.unit ?? '',
    title: f.title,
    figures: f.figures,
    eventIds: f.eventIds,
  };
}
