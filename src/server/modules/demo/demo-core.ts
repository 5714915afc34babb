// The event envelope the demo writes, the record of planted anomalies, and the sink that keeps a streaming
// run in time order: each local day is gathered, sorted and released before the next one starts, and steps
// that fall on later days (a lab report three days after the draw) wait in that day's bucket.
import type { Rng } from './demo-rng.ts';
import { isoLocal, localDay, sec } from './demo-time.ts';
import type { World } from './demo-world.ts';

export type DemoEventType =
  | 'ref.unit' | 'ref.person' | 'ref.lab' | 'ref.device' | 'ref.evidence_room' | 'ref.checkpoint' | 'ref.watchlist'
  | 'ref.violation_code' | 'ref.sensitive_subject'
  | 'alcohol.case_opened' | 'alcohol.breath_test' | 'alcohol.scene_evidence' | 'alcohol.blood_drawn'
  | 'alcohol.sample_stored' | 'alcohol.sample_retrieved' | 'alcohol.room_access' | 'alcohol.sample_sent'
  | 'alcohol.lab_report' | 'alcohol.case_closed'
  | 'device.status'
  | 'vehicle.business' | 'driver.business' | 'violation.recorded' | 'violation.processed'
  | 'exam.result' | 'inspection.result'
  | 'av.recorded' | 'av.deleted'
  | 'system.query' | 'system.grant'
  | 'checkpoint.pass'
  | 'conduct.deduction';

export const DEMO_EVENT_TYPES: readonly DemoEventType[] = [
  'ref.unit', 'ref.person', 'ref.lab', 'ref.device', 'ref.evidence_room', 'ref.checkpoint', 'ref.watchlist',
  'ref.violation_code', 'ref.sensitive_subject',
  'alcohol.case_opened', 'alcohol.breath_test', 'alcohol.scene_evidence', 'alcohol.blood_drawn',
  'alcohol.sample_stored', 'alcohol.sample_retrieved', 'alcohol.room_access', 'alcohol.sample_sent',
  'alcohol.lab_report', 'alcohol.case_closed', 'device.status', 'vehicle.business', 'driver.business',
  'violation.recorded', 'violation.processed', 'exam.result', 'inspection.result', 'av.recorded', 'av.deleted',
  'system.query', 'system.grant', 'checkpoint.pass', 'conduct.deduction',
];

/** short tags used in event ids */
const ID_TAG: Record<DemoEventType, string> = {
  'ref.unit': 'ru', 'ref.person': 'rp', 'ref.lab': 'rl', 'ref.device': 'rd', 'ref.evidence_room': 'rr',
  'ref.checkpoint': 'rc', 'ref.watchlist': 'rw', 'ref.violation_code': 'rv', 'ref.sensitive_subject': 'rs',
  'alcohol.case_opened': 'ao', 'alcohol.breath_test': 'ab', 'alcohol.scene_evidence': 'ae', 'alcohol.blood_drawn': 'ad',
  'alcohol.sample_stored': 'as', 'alcohol.sample_retrieved': 'ar', 'alcohol.room_access': 'aa',
  'alcohol.sample_sent': 'at', 'alcohol.lab_report': 'al', 'alcohol.case_closed': 'ac', 'device.status': 'ds',
  'vehicle.business': 'vb', 'driver.business': 'db', 'violation.recorded': 'vr', 'violation.processed': 'vp',
  'exam.result': 'ex', 'inspection.result': 'in', 'av.recorded': 'av', 'av.deleted': 'ax', 'system.query': 'sq',
  'system.grant': 'sg', 'checkpoint.pass': 'cp', 'conduct.deduction': 'cd',
};

export interface GeoPoint {
  lat: number;
  lng: number;
}

/** one event, exactly as events.md's envelope: plain data, ready for JSON.stringify */
export interface DemoEvent {
  id: string;
  type: DemoEventType;
  occurredAt: string;
  unit: string;
  actor?: string;
  location?: GeoPoint;
  data: Record<string, unknown>;
}

export type RuleCode =
  | 'ALC_BREATH_BLOOD_GAP' | 'ALC_NEAR_THRESHOLD' | 'ALC_REFUSED_BREATH' | 'ALC_KEY_PERSON' | 'ALC_MANUAL_BREATH'
  | 'ALC_CHAIN_GAP' | 'ALC_ROOM_ACCESS' | 'ALC_LAB_STATUS' | 'ALC_LAB_BIAS' | 'ALC_CHAIN_TAMPERED' | 'DEV_OFFLINE'
  | 'BIZ_ONE_LICENSE_MANY_VEHICLES' | 'BIZ_AGENT_MANY_PERSONS' | 'BIZ_POINTS_NOT_APPLIED' | 'BIZ_OUT_OF_ORDER'
  | 'BIZ_ONE_VEHICLE_MANY_CERTS' | 'BIZ_OFF_HOURS' | 'BIZ_AUXILIARY_ACTING' | 'BIZ_CORRECTION_SPIKE'
  | 'EXAM_PASS_RATE_OUTLIER' | 'EXAM_ASSIGNMENT_SKEW' | 'INSP_PASS_RATE_OUTLIER' | 'INSP_NONLOCAL_SHARE'
  | 'AV_EARLY_DELETE'
  | 'SEC_QUERY_VOLUME' | 'SEC_QUERY_OFF_HOURS' | 'SEC_QUERY_NO_BUSINESS' | 'SEC_SENSITIVE_SUBJECT' | 'SEC_PRIVILEGE_GRANT'
  | 'CKPT_WATCHLIST_HIT' | 'CKPT_CLONED_PLATE'
  | 'CONDUCT_LEVEL';

export type SubjectKind =
  | 'case' | 'staff' | 'citizen' | 'plate' | 'vin' | 'lab' | 'device' | 'violation' | 'exam_site' | 'station' | 'record' | 'unit';

/**
 * An alert the demo's data must raise. `planted` anomalies were put there on purpose; `natural` ones are
 * review flags that ordinary data trips by itself (a lab value of 83 is near the line whoever planted it).
 */
export interface PlantedAnomaly {
  rule: RuleCode;
  subject: { kind: SubjectKind; id: string };
  /** the unit the alert should be routed to */
  unit: string;
  /** when the decisive event happened */
  occurredAt: string;
  origin: 'planted' | 'natural';
  note: string;
}

interface Bucket {
  t: number[];
  e: DemoEvent[];
}

export class Sink {
  private seq = 0;
  private day = Number.NEGATIVE_INFINITY;
  private cur: Bucket = { t: [], e: [] };
  private readonly later = new Map<number, Bucket>();
  /** events kept, by type, for the run summary */
  readonly counts = new Map<DemoEventType, number>();

  constructor(
    private readonly tag: string,
    readonly startMs: number,
    readonly endMs: number,
  ) {}

  nextId(type: DemoEventType): string {
    return `${this.tag}-${ID_TAG[type]}-${(this.seq++).toString(36)}`;
  }

  /**
   * Queue an event. Returns false when it falls outside the window (after `end`, or before the start) and
   * was dropped: a case opened an hour before the end simply has no lab report yet.
   */
  emit(
    ms: number,
    type: DemoEventType,
    unit: string,
    actor: string | undefined,
    location: GeoPoint | undefined,
    data: Record<string, unknown>,
  ): boolean {
    const t = sec(ms);
    if (t > this.endMs || t < this.startMs) return false;
    const id = this.nextId(type);
    const occurredAt = isoLocal(t);
    // key order fixed by construction, so the JSON text is the same on every run
    let ev: DemoEvent;
    if (actor !== undefined) {
      ev = location !== undefined
        ? { id, type, occurredAt, unit, actor, location, data }
        : { id, type, occurredAt, unit, actor, data };
    } else {
      ev = location !== undefined ? { id, type, occurredAt, unit, location, data } : { id, type, occurredAt, unit, data };
    }
    const d = localDay(t);
    if (d === this.day) {
      this.cur.t.push(t);
      this.cur.e.push(ev);
    } else if (d > this.day) {
      let b = this.later.get(d);
      if (!b) {
        b = { t: [], e: [] };
        this.later.set(d, b);
      }
      b.t.push(t);
      b.e.push(ev);
    } else {
      throw new Error(`demo: event ${type} at ${occurredAt} is earlier than the day being generated`);
    }
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    return true;
  }

  /** start gathering a local day: whatever earlier days scheduled for it becomes the first content */
  openDay(day: number): void {
    this.day = day;
    this.cur = this.later.get(day) ?? { t: [], e: [] };
    this.later.delete(day);
  }

  /** the gathered day in time order; ties keep the order in which they were made */
  closeDay(): DemoEvent[] {
    const { t, e } = this.cur;
    const order = new Uint32Array(t.length);
    for (let i = 0; i < order.length; i++) order[i] = i;
    const idx = Array.from(order);
    idx.sort((a, b) => t[a] - t[b] || a - b);
    const out = new Array<DemoEvent>(idx.length);
    for (let i = 0; i < idx.length; i++) out[i] = e[idx[i]];
    this.cur = { t: [], e: [] };
    return out;
  }
}

/** everything a stream needs to write one day of events */
export interface Ctx {
  world: World;
  sink: Sink;
  rng: Rng;
  scale: number;
  /** local day being generated */
  day: number;
  /** roots (first events of a story) may start only in [lo, hi] */
  lo: number;
  hi: number;
  planted: PlantedAnomaly[];
  plantedKeys: Set<string>;
  state: RunState;
}

/** what the streams remember from day to day */
export interface RunState {
  /** per vehicle: when its last checkpoint trip ends, and where */
  tripEnd: Float64Array;
  tripCk: Int32Array;
  /** per vehicle: when its last violation is due to be processed; +Infinity once one is left unprocessed */
  procLast: Float64Array;
  /** VINs that already had a reissue: a second one would be an anomaly, so normal data never does it */
  reissued: Set<number>;
  /** per person: conduct points deducted so far */
  conductPoints: Map<string, number>;
  /** devices whose status the planted stories own */
  reservedDevices: Set<string>;
  /** people whose activity a planted story owns */
  reservedPeople: Set<string>;
  /** next VIN serial for new registrations */
  vinSerial: number;
  /** per-day counters for business numbers */
  counters: Map<string, number>;
  /** reports of the biased lab per calendar month (`labId|yyyymm`), for ALC_LAB_BIAS */
  labReports: Map<string, number>;
}

export function nextNo(state: RunState, key: string): number {
  const n = (state.counters.get(key) ?? 0) + 1;
  state.counters.set(key, n);
  return n;
}

export function record(ctx: Ctx, a: Omit<PlantedAnomaly, 'occurredAt'> & { at: number }): void {
  const key = `${a.rule}|${a.subject.kind}|${a.subject.id}`;
  if (ctx.plantedKeys.has(key)) return;
  ctx.plantedKeys.add(key);
  const { at, ...rest } = a;
  ctx.planted.push({ rule: rest.rule, subject: rest.subject, unit: rest.unit, occurredAt: isoLocal(at), origin: rest.origin, note: rest.note });
}
