// What the engine hands each non-alcohol rule. A rule sees exactly what it needs: the events about one
// subject (on-arrival and time-dependent rules) or a window's aggregated counts (scheduled rules), plus the
// reference rows it reads. Each comment says how the engine builds the input: which event types, which
// window relative to `now`, keyed by what. Local days, weeks and months are Asia/Shanghai (UTC+8).
//
// Rules judge the whole input every time, sorting events themselves, so the engine may hand over a
// superset of the window named here (older events are harmless where the rule slides its own window) and
// the same stored events give the same findings whatever order they arrived in.
import type { RuleEvent } from '../rule.ts';

export type PersonKind = 'police' | 'auxiliary' | 'contractor';

// ── Reference rows, as the reference module stores them (the latest ref.* event wins) ──────────────────
// `eventId` is the ref.* event that set the row, quoted as evidence where the row matters.

export interface PersonRef {
  personNo: string;
  name: string;
  kind: PersonKind;
  unitCode: string;
  roles: string[];
  confidentialitySigned: boolean;
  eventId: string;
}

export interface CheckpointRef {
  checkpointId: string;
  name: string;
  lat: number;
  lng: number;
  eventId: string;
}

export interface WatchlistRef {
  plate: string;
  reason: string;
  active: boolean;
  eventId: string;
}

export interface SensitiveSubjectRef {
  subject: string;
  active: boolean;
  eventId: string;
}

// ── Devices ─────────────────────────────────────────────────────────────────────────────────────────────

/**
 * DEV_OFFLINE, keyed by deviceId. `events`: the device's `device.status` events from its last `online`
 * before the oldest episode still of interest (7 days back is plenty) up to `now`. Evaluate on every
 * `device.status` arrival and again at each offline/abnormal report's `at` + `offlineMinutes`, since an
 * episode that is never closed fires on the clock alone.
 */
export interface DeviceStatusInput {
  deviceId: string;
  /** ref.device kind; null when the device is not (yet) in the reference data */
  kind: 'breathalyzer' | 'camera' | 'exam_terminal' | null;
  /** a camera whose ref.device siteId is the roomId of a ref.evidence_room */
  evidenceRoomCamera: boolean;
  events: RuleEvent[];
}

// ── Licensing business and violations ──────────────────────────────────────────────────────────────────

/** a violation on record: its `violation.recorded` event, with the points of its code looked up */
export interface ViolationOnRecord {
  recorded: RuleEvent;
  /** ref.violation_code points of recorded.data.code; null when the code is unknown */
  codePoints: number | null;
  /** `at` of the earliest `violation.processed` of this violationNo; null while unprocessed */
  processedAt: number | null;
}

/**
 * BIZ_ONE_LICENSE_MANY_VEHICLES, keyed by data.licenseIdNo of `violation.processed`. `processings`: that
 * licence's `violation.processed` events of the 365 days up to `now` (a longer span is fine: the rule
 * slides its own 365-day window), each with the `violation.recorded` of the same violationNo (null
 * while it has not arrived: its owner is unknown, so the processing is not counted yet).
 */
export interface LicenceProcessingsInput {
  licenseIdNo: string;
  processings: Array<{ processed: RuleEvent; recorded: RuleEvent | null }>;
}

/**
 * BIZ_AGENT_MANY_PERSONS, keyed by the agent's idNo (data.agentIdNo). `events`: the `vehicle.business`,
 * `driver.business` and `violation.processed` events naming this agent, of the 30 local days up to and
 * including `now`'s (or more: the rule slides its own windows). The person served is ownerIdNo,
 * idNo and licenseIdNo respectively.
 */
export interface AgentInput {
  agentIdNo: string;
  events: RuleEvent[];
}

/**
 * BIZ_POINTS_NOT_APPLIED, keyed by violationNo, on each `violation.processed` arrival and on the arrival
 * of its `violation.recorded` (whichever comes last completes the picture).
 */
export interface PointsInput {
  processed: RuleEvent;
  /** `violation.recorded` of the same violationNo, with its code's points; null while unknown */
  violation: ViolationOnRecord | null;
}

/**
 * BIZ_OUT_OF_ORDER, keyed by the processed violationNo, on each `violation.processed` arrival (and on a
 * late `violation.recorded` of the same plate).
 */
export interface OutOfOrderInput {
  processed: RuleEvent;
  /** every violation recorded against the processed plate (this one included), of the last 3 years */
  violations: ViolationOnRecord[];
  /**
   * `violation.processed` events whose licenseIdNo is this processing's, of the 365 days before it: the
   * points the licence already carries in its scoring period
   */
  licenceProcessings: RuleEvent[];
}

/**
 * BIZ_ONE_VEHICLE_MANY_CERTS, keyed by data.vin. `events`: every `vehicle.business` of this VIN the engine
 * holds up to `now`: at least the last 365 days, and back to its latest `register` (a second plate is
 * judged against the plate in use before it).
 */
export interface VinInput {
  vin: string;
  events: RuleEvent[];
}

/**
 * BIZ_OFF_HOURS and BIZ_AUXILIARY_ACTING, keyed by the actor, on each `vehicle.business`,
 * `driver.business` and `violation.processed` arrival.
 */
export interface StaffEventInput {
  event: RuleEvent;
  /** ref.person of event.actor; null when the actor is absent or unknown */
  actor: PersonRef | null;
}

/**
 * BIZ_CORRECTION_SPIKE, scheduled weekly for the local week Monday 00:00 – next Monday 00:00.
 * `clerks`: every person with the `window_clerk` role (0 corrections when they made none) and every
 * other actor of a correction that week, with the count of `vehicle.business` events of bizType
 * `archive_correction` they performed and those events' ids.
 */
export interface CorrectionWeekInput {
  /** epoch ms of the local Monday 00:00 that opens the week */
  weekStart: number;
  clerks: Array<{ personNo: string; name: string | null; unit: string; corrections: number; eventIds: string[] }>;
}

// ── Exams, inspections, audio/video ────────────────────────────────────────────────────────────────────

/** `exam.result` events of one week counted per (examiner = actor, site, subject, school) */
export interface ExamCell {
  examiner: string;
  siteId: string;
  subject: number;
  school: string;
  exams: number;
  passed: number;
  /** the unit named on these events (the most frequent one if they differ) */
  unit: string;
  eventIds: string[];
}

/**
 * EXAM_PASS_RATE_OUTLIER and EXAM_ASSIGNMENT_SKEW, scheduled weekly for the local week Monday 00:00 –
 * next Monday 00:00. `cells`: all the province's `exam.result` events of the week, aggregated as ExamCell.
 */
export interface ExamWeekInput {
  weekStart: number;
  cells: ExamCell[];
  /** names for titles: examiner personNo → name (optional, missing names print the number) */
  examinerNames?: Record<string, string>;
}

/** `inspection.result` events of one month counted per (station, vehicleClass, registeredRegion) */
export interface InspectionCell {
  stationId: string;
  vehicleClass: string;
  registeredRegion: string;
  inspections: number;
  firstPassed: number;
  unit: string;
  eventIds: string[];
}

/**
 * INSP_PASS_RATE_OUTLIER and INSP_NONLOCAL_SHARE, scheduled monthly for the local calendar month.
 * `cells`: all the province's `inspection.result` events of the month, aggregated as InspectionCell.
 */
export interface InspectionMonthInput {
  /** `2026-11` */
  month: string;
  cells: InspectionCell[];
  /**
   * stationId → the plate prefixes (ref.unit platePrefixes) of the city above the unit named on the
   * station's inspections; a station missing here (city prefixes unknown) is not judged for non-local share
   */
  stationCityPrefixes: Record<string, string[]>;
}

/**
 * AV_EARLY_DELETE, keyed by recordId, on the arrival of `av.deleted` and of a late `av.recorded`.
 */
export interface AvDeleteInput {
  deleted: RuleEvent;
  /** `av.recorded` of the same recordId; null while unknown (nothing can be judged yet) */
  recorded: RuleEvent | null;
}

// ── Information security ───────────────────────────────────────────────────────────────────────────────

/** one user's `system.query` count on the judged local day, with the history the thresholds need */
export interface QueryUserDay {
  userNo: string;
  name: string | null;
  /** the unit named on most of the day's queries */
  unit: string;
  /** ref.person roles; [] when none or unknown */
  roles: string[];
  count: number;
  /**
   * the user's counts on each of the 30 local days before the judged day, 0 for days without queries
   * (a shorter list early in the data: the median is taken over what there is)
   */
  history: number[];
  /** the ids of the day's queries (the engine may cap the list; `count` stays the full count) */
  eventIds: string[];
}

/**
 * SEC_QUERY_VOLUME, scheduled daily for the local day just ended: the whole day is needed, since the
 * threshold compares the user with the busiest peers of that same day. `users`: every user with at least
 * one `system.query` that day (users without queries do not move a 99.5th percentile of busy days).
 */
export interface QueryDayInput {
  /** `2026-11-01` */
  day: string;
  users: QueryUserDay[];
}

/**
 * SEC_QUERY_OFF_HOURS and SEC_QUERY_NO_BUSINESS, keyed by the user (actor), on each `system.query`
 * arrival. `events`: that user's `system.query` events of the local day (and for off hours, the night
 * from the evening before) around the arriving one: from `now` − 1 day to `now` covers both.
 */
export interface UserQueriesInput {
  userNo: string;
  /** ref.person of the user; null when unknown */
  user: PersonRef | null;
  events: RuleEvent[];
}

/**
 * SEC_SENSITIVE_SUBJECT, keyed by the user (actor), on each `system.query` arrival.
 */
export interface SensitiveQueryInput {
  query: RuleEvent;
  /** the ref.sensitive_subject row whose subject equals query.data.subject; null when none */
  sensitive: SensitiveSubjectRef | null;
}

/**
 * SEC_PRIVILEGE_GRANT, keyed by the grantee (data.userNo), on each `system.grant` arrival.
 */
export interface GrantInput {
  grant: RuleEvent;
  /** ref.person of data.userNo; null when unknown (nothing can be judged) */
  grantee: PersonRef | null;
}

// ── Checkpoints ────────────────────────────────────────────────────────────────────────────────────────

/**
 * CKPT_WATCHLIST_HIT, keyed by plate, on each `checkpoint.pass` arrival (the hot path: one look-up of the
 * plate in the watchlist, nothing else).
 */
export interface WatchlistPassInput {
  pass: RuleEvent;
  /** the ref.watchlist row of pass.data.plate; null when the plate is not listed */
  watch: WatchlistRef | null;
  /** ref.checkpoint of pass.data.checkpointId, for the title; null when unknown */
  checkpoint: CheckpointRef | null;
}

/**
 * CKPT_CLONED_PLATE, keyed by plate + plateColor, on each `checkpoint.pass` arrival. `passes`: the
 * `checkpoint.pass` events of this plate and colour from `now` − 24 h to `now` (at least the arriving pass
 * and its neighbours in time), each with its checkpoint (null when not in the reference data: skipped).
 */
export interface PlatePassesInput {
  plate: string;
  plateColor: string;
  passes: Array<{ pass: RuleEvent; checkpoint: CheckpointRef | null }>;
}

// ── Conduct points ─────────────────────────────────────────────────────────────────────────────────────

/**
 * CONDUCT_LEVEL for a person, keyed by personNo, on each `conduct.deduction` arrival and daily (points
 * older than 12 months drop out). `deductions`: the person's `conduct.deduction` events of the 12 months
 * up to `now` (older ones are ignored by the rule).
 */
export interface StaffConductInput {
  kind: 'staff';
  personNo: string;
  name: string | null;
  /** the person's unit (ref.person unitCode), where the alert goes */
  unit: string;
  deductions: RuleEvent[];
}

/**
 * CONDUCT_LEVEL for a unit, keyed by unit code, whenever a member's deduction arrives and daily.
 * `deductions`: the `conduct.deduction` events of the unit's own members (ref.person unitCode equal to
 * the unit), 12 months up to `now`; `headcount`: how many persons the unit has.
 */
export interface UnitConductInput {
  kind: 'unit';
  unitCode: string;
  unitName: string | null;
  headcount: number;
  deductions: RuleEvent[];
}

export type ConductInput = StaffConductInput | UnitConductInput;
