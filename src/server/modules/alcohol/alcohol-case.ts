// One alcohol case folded from its steps: who, when, where, the A/B samples and where each is now, the
// breath and blood values and their comparison as rules.md's ALC_BREATH_BLOOD_GAP defines it. The fold
// depends only on the set of steps (sorted by occurredAt then event id), never on their arrival order.
// Pure: no I/O, no clock.
import type { ChainStep } from './custody-chain.ts';

export interface CaseStep extends ChainStep {
  /** epoch ms of occurredAt */
  at: number;
}

export type SampleStatus = 'drawn' | 'stored' | 'retrieved' | 'sent' | 'reported';

export interface SampleFacts {
  sampleNo: string;
  /** A, B, … in draw order */
  label: string;
  sealNo: string | null;
  institution: string | null;
  drawnAt: number | null;
  status: SampleStatus;
  /** the room it is in (stored) or was last taken from (retrieved) */
  roomId: string | null;
  /** the lab it was handed to */
  labId: string | null;
  /** since when it is where it is */
  since: number | null;
  storedAt: number | null;
  sentAt: number | null;
  unit: string;
}

export interface ReportFacts {
  labId: string | null;
  sampleNo: string | null;
  value: number | null;
  at: number;
  eventId: string;
}

export interface BreathFacts {
  value: number | null;
  refused: boolean;
  source: string | null;
  deviceId: string | null;
  at: number;
  eventId: string;
}

export interface CaseFacts {
  caseNo: string;
  unit: string;
  openedAt: number;
  hasOpening: boolean;
  closedAt: number | null;
  finding: string | null;
  driverName: string | null;
  driverIdNo: string | null;
  plate: string | null;
  tags: string[];
  /** the first breath test with a value; else the first test (a refusal) */
  breath: BreathFacts | null;
  refused: boolean;
  samples: SampleFacts[];
  /** the first draw: the case's own sample */
  drawnAt: number | null;
  sentAt: number | null;
  /** the report on the case's own sample, else the first report */
  report: ReportFacts | null;
  reports: ReportFacts[];
  /** the lab of the case: the report's, else where the sample was sent */
  labId: string | null;
  steps: CaseStep[];
}

const str = (v: unknown): string | null => (typeof v === 'string' && v.length > 0 ? v : null);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

export const byTimeThenId = (a: { at: number; eventId: string }, b: { at: number; eventId: string }): number =>
  a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

const LABELS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export function foldCase(caseNo: string, input: readonly CaseStep[]): CaseFacts {
  const steps = [...input].sort(byTimeThenId);
  const opened = steps.find((s) => s.type === 'alcohol.case_opened') ?? null;
  const closed = steps.find((s) => s.type === 'alcohol.case_closed') ?? null;
  const od = opened?.data ?? {};
  const tests = steps.filter((s) => s.type === 'alcohol.breath_test');
  const breathStep = tests.find((s) => s.data.refused !== true && num(s.data.valueMg100ml) !== null) ?? tests[0] ?? null;
  const breath: BreathFacts | null = breathStep && {
    value: breathStep.data.refused === true ? null : num(breathStep.data.valueMg100ml),
    refused: breathStep.data.refused === true,
    source: str(breathStep.data.source),
    deviceId: str(breathStep.data.deviceId),
    at: breathStep.at,
    eventId: breathStep.eventId,
  };

  const samples = new Map<string, SampleFacts>();
  for (const s of steps) {
    if (s.type !== 'alcohol.blood_drawn') continue;
    const sampleNo = str(s.data.sampleNo);
    if (!sampleNo || samples.has(sampleNo)) continue;
    samples.set(sampleNo, {
      sampleNo,
      label: LABELS[samples.size] ?? String(samples.size + 1),
      sealNo: str(s.data.sealNo),
      institution: str(s.data.institution),
      drawnAt: s.at,
      status: 'drawn',
      roomId: null,
      labId: null,
      since: s.at,
      storedAt: null,
      sentAt: null,
      unit: s.unit,
    });
  }
  const reports: ReportFacts[] = [];
  for (const s of steps) {
    const sampleNo = str(s.data.sampleNo);
    if (s.type === 'alcohol.lab_report') {
      reports.push({ labId: str(s.data.labId), sampleNo, value: num(s.data.valueMg100ml), at: s.at, eventId: s.eventId });
    }
    const sample = sampleNo ? samples.get(sampleNo) : undefined;
    if (!sample) continue;
    switch (s.type) {
      case 'alcohol.sample_stored':
        Object.assign(sample, { status: 'stored', roomId: str(s.data.roomId), since: s.at });
        sample.storedAt ??= s.at;
        break;
      case 'alcohol.sample_retrieved':
        Object.assign(sample, { status: 'retrieved', roomId: str(s.data.roomId), since: s.at });
        break;
      case 'alcohol.sample_sent':
        Object.assign(sample, { status: 'sent', labId: str(s.data.labId), since: s.at });
        sample.sentAt ??= s.at;
        break;
      case 'alcohol.lab_report':
        Object.assign(sample, { status: 'reported', labId: str(s.data.labId) ?? sample.labId, since: s.at });
        break;
      default:
        break;
    }
  }
  const list = [...samples.values()];
  const own = list[0] ?? null;
  const report = reports.find((r) => own !== null && r.sampleNo === own.sampleNo) ?? reports[0] ?? null;
  const tags = Array.isArray(od.tags) ? od.tags.filter((t): t is string => typeof t === 'string') : [];
  return {
    caseNo,
    unit: opened?.unit ?? steps.find((s) => str(s.data.caseNo) === caseNo)?.unit ?? steps[0]?.unit ?? '',
    openedAt: opened?.at ?? steps[0]?.at ?? 0,
    hasOpening: opened !== null,
    closedAt: closed?.at ?? null,
    finding: closed ? str(closed.data.finding) : null,
    driverName: str(od.driverName),
    driverIdNo: str(od.driverIdNo),
    plate: str(od.plate),
    tags,
    breath,
    refused: tests.some((t) => t.data.refused === true),
    samples: list,
    drawnAt: own?.drawnAt ?? null,
    sentAt: own?.sentAt ?? null,
    report,
    reports,
    labId: report?.labId ?? own?.labId ?? null,
    steps,
  };
}

/** the parameters of ALC_BREATH_BLOOD_GAP the comparison uses (the rule's parameters in force) */
export interface ComparisonParams {
  eliminationMgPerHour: number;
  toleranceFloorMg: number;
  tolerancePercent: number;
  excessMarginMg: number;
  drunkMg: number;
}

export interface Comparison {
  breath: number;
  blood: number;
  /** hours from the breath test to the draw of the reported sample */
  hours: number;
  eliminationMgPerHour: number;
  /** breath − β·Δt: the lowest blood value the body can reach by the draw (≥ 0) */
  lowestPossible: number;
  tolerance: number;
  /** below this the blood value is lower than the breath value can explain */
  lowLimit: number;
  /** above this the blood value is higher than the breath value can explain */
  highLimit: number;
  /** blood / breath; null when breath is 0 */
  ratio: number | null;
  difference: number;
  verdict: 'consistent' | 'too_low' | 'too_high';
  /** breath at or above the drunk line, blood below it (醉驾 turned into 非醉) */
  crossesDrunkLine: boolean;
}

const round1 = (x: number) => {
  const r = Math.round(x * 10) / 10;
  return r === 0 ? 0 : r;
};
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** rules.md: blood < breath − β·Δt − tol, tol = max(10, 15 % of breath); or blood > breath + tol + 20 */
export function compare(facts: CaseFacts, p: ComparisonParams): Comparison | null {
  const b = facts.breath?.value ?? null;
  const blood = facts.report?.value ?? null;
  if (b === null || blood === null || facts.breath === null) return null;
  const draw = facts.samples.find((s) => s.sampleNo === facts.report?.sampleNo) ?? facts.samples[0];
  const hours = draw?.drawnAt != null ? (draw.drawnAt - facts.breath.at) / 3_600_000 : 0;
  const tolerance = Math.max(p.toleranceFloorMg, (p.tolerancePercent * b) / 100);
  const lowest = b - p.eliminationMgPerHour * Math.max(0, hours);
  const lowLimit = lowest - tolerance;
  const highLimit = b + tolerance + p.excessMarginMg;
  return {
    breath: b,
    blood,
    hours: round1(hours),
    eliminationMgPerHour: p.eliminationMgPerHour,
    lowestPossible: round1(Math.max(0, lowest)),
    tolerance: round1(tolerance),
    lowLimit: round1(lowLimit),
    highLimit: round1(highLimit),
    ratio: b > 0 ? round3(blood / b) : null,
    difference: round1(blood - b),
    verdict: blood < lowLimit ? 'too_low' : blood > highLimit ? 'too_high' : 'consistent',
    crossesDrunkLine: b >= p.drunkMg && blood < p.drunkMg,
  };
}

/** the file hashes a step carries, by field */
export function filesOf(step: { type: string; data: Record<string, unknown> }): { field: string; sha256: string; kind: string | null }[] {
  const out: { field: string; sha256: string; kind: string | null }[] = [];
  for (const field of ['fileSha256', 'photoSha256', 'handoverPhotoSha256', 'reportPhotoSha256']) {
    const v = step.data[field];
    if (typeof v === 'string' && v.length > 0) out.push({ field, sha256: v, kind: field === 'fileSha256' ? str(step.data.kind) : 'photo' });
  }
  return out;
}
