// Request and response schemas of the alcohol-case API (cases, custody chain, labs, evidence rooms,
// high-risk rate, re-test draws). Times are ISO 8601 UTC; values in mg/100mL.
import { Type, type TSchema } from '@sinclair/typebox';
import { AlertSchema } from '../alerts/index.ts';

const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);
const Time = Type.String({ format: 'date-time' });
const Level = Type.Union(['blue', 'yellow', 'orange', 'red'].map((l) => Type.Literal(l)));
const Location = Type.Object({ lat: Type.Number(), lng: Type.Number() });

export const CaseNoParams = Type.Object({ caseNo: Type.String({ minLength: 1, maxLength: 64 }) });

export const ChainSchema = Type.Object(
  {
    size: Type.Integer({ description: 'number of steps (leaves)' }),
    root: Type.String({ description: 'base64 RFC 6962 root over the leaves as received' }),
    verified: Type.Boolean({ description: 'recomputed from the stored steps, it matches the stored root and the root in the audit log' }),
    auditSeq: Nullable(Type.Integer({ description: 'audit-log entry that recorded this root' })),
    problems: Type.Array(Type.Object({ leafIndex: Type.Optional(Type.Integer()), problem: Type.String() })),
  },
  { description: 'custody chain 证据链' },
);

export const StepSchema = Type.Object({
  leafIndex: Type.Integer({ description: 'position in the custody chain (order received)' }),
  eventId: Type.String(),
  type: Type.String({ description: 'alcohol.* event type' }),
  occurredAt: Type.String({ description: 'as sent, with its offset' }),
  actor: Nullable(Type.String()),
  actorName: Nullable(Type.String()),
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  location: Nullable(Location),
  sampleNo: Nullable(Type.String()),
  files: Type.Array(Type.Object({ field: Type.String(), sha256: Type.String(), kind: Nullable(Type.String()) })),
  data: Type.Record(Type.String(), Type.Unknown()),
});

export const SampleSchema = Type.Object({
  sampleNo: Type.String(),
  label: Type.String({ description: 'A, B, … in draw order' }),
  sealNo: Nullable(Type.String()),
  institution: Nullable(Type.String()),
  drawnAt: Nullable(Time),
  status: Type.Union(['drawn', 'stored', 'retrieved', 'sent', 'reported'].map((s) => Type.Literal(s)), { description: 'where it is now' }),
  roomId: Nullable(Type.String()),
  labId: Nullable(Type.String()),
  labName: Nullable(Type.String()),
  since: Nullable(Time),
  overdue: Type.Boolean({ description: 'not handed to a lab within 24 h of the draw' }),
});

export const ComparisonSchema = Type.Object({
  breath: Type.Number(),
  blood: Type.Number(),
  hours: Type.Number({ description: 'breath test → draw' }),
  eliminationMgPerHour: Type.Number({ description: 'β, fastest elimination' }),
  lowestPossible: Type.Number({ description: 'breath − β·Δt, the lowest physiologically possible value' }),
  tolerance: Type.Number(),
  lowLimit: Type.Number(),
  highLimit: Type.Number(),
  ratio: Nullable(Type.Number({ description: 'blood / breath' })),
  difference: Type.Number({ description: 'blood − breath' }),
  verdict: Type.Union([Type.Literal('consistent'), Type.Literal('too_low'), Type.Literal('too_high')]),
  crossesDrunkLine: Type.Boolean(),
  paramVersion: Type.Integer({ description: 'version of ALC_BREATH_BLOOD_GAP parameters used' }),
});

export const CaseSchema = Type.Object({
  caseNo: Type.String(),
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  openedAt: Time,
  closedAt: Nullable(Time),
  finding: Nullable(Type.String({ description: 'drunk / drink / none' })),
  driver: Type.Object({ name: Nullable(Type.String()), idNo: Nullable(Type.String()), plate: Nullable(Type.String()) }),
  tags: Type.Array(Type.String()),
  steps: Type.Array(StepSchema, { description: 'in time order (occurredAt, then event id); leafIndex gives the order received' }),
  samples: Type.Array(SampleSchema),
  breath: Nullable(
    Type.Object({ value: Nullable(Type.Number()), refused: Type.Boolean(), source: Nullable(Type.String()), deviceId: Nullable(Type.String()), at: Time }),
  ),
  blood: Nullable(Type.Object({ value: Nullable(Type.Number()), labId: Nullable(Type.String()), labName: Nullable(Type.String()), sampleNo: Nullable(Type.String()), at: Time })),
  reports: Type.Array(Type.Object({ value: Nullable(Type.Number()), labId: Nullable(Type.String()), labName: Nullable(Type.String()), sampleNo: Nullable(Type.String()), at: Time })),
  comparison: Nullable(ComparisonSchema),
  alerts: Type.Array(AlertSchema),
  chain: ChainSchema,
});

export const ProofQuery = Type.Object({ step: Type.Integer({ minimum: 0, description: 'leaf index of the step' }) });
export const ProofSchema = Type.Object({
  caseNo: Type.String(),
  leafIndex: Type.Integer(),
  treeSize: Type.Integer(),
  leafHash: Type.String({ description: 'base64 SHA-256(0x00 ‖ leafData)' }),
  root: Type.String({ description: 'base64 RFC 6962 root of the chain' }),
  proof: Type.Array(Type.String(), { description: 'base64 sibling hashes, lowest first (RFC 6962 audit path)' }),
  leafData: Type.String({ description: 'the canonical JSON of the stored step that was hashed' }),
});

export const CaseListQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'opened at or after' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'opened before' })),
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'this unit and the units below it' })),
  finding: Type.Optional(Type.String({ pattern: '^(drunk|drink|none|open)(,(drunk|drink|none|open))*$', description: 'drunk, drink, none; open: not closed yet' })),
  tag: Type.Optional(Type.String({ description: 'a tag (suspected_official …), or several separated by commas (any)' })),
  level: Type.Optional(Type.String({ pattern: '^(blue|yellow|orange|red|none)(,(blue|yellow|orange|red|none))*$', description: 'highest alcohol alert level of the case; none: no alert' })),
  labId: Type.Optional(Type.String()),
  q: Type.Optional(Type.String({ maxLength: 64, description: 'case number, plate or driver name (prefix)' })),
  limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50 }),
  cursor: Type.Optional(Type.String({ maxLength: 300 })),
});

export const CaseSummarySchema = Type.Object({
  caseNo: Type.String(),
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  openedAt: Time,
  closedAt: Nullable(Time),
  status: Type.Union([Type.Literal('open'), Type.Literal('closed')]),
  finding: Nullable(Type.String()),
  plate: Nullable(Type.String()),
  driverName: Nullable(Type.String()),
  tags: Type.Array(Type.String()),
  breath: Nullable(Type.Number()),
  refused: Type.Boolean(),
  blood: Nullable(Type.Number()),
  ratio: Nullable(Type.Number()),
  labId: Nullable(Type.String()),
  alertLevel: Nullable(Level),
  alertCount: Type.Integer(),
  steps: Type.Integer(),
});

export const CaseListSchema = Type.Object({ items: Type.Array(CaseSummarySchema), nextCursor: Nullable(Type.String()), total: Type.Integer() });

// ── Labs ────────────────────────────────────────────────────────────────────────────────────────────────

const LabStatus = Type.Union([Type.Literal('filed'), Type.Literal('suspended'), Type.Literal('blacklisted')]);

export const LabStatsSchema = Type.Object({
  cases: Type.Integer({ description: 'cases of your units whose sample this lab reported on (or was sent to)' }),
  reported: Type.Integer(),
  withRatio: Type.Integer({ description: 'cases with both a breath and a blood value' }),
  meanRatio: Nullable(Type.Number({ description: 'mean blood/breath ratio' })),
  otherLabsMeanRatio: Nullable(Type.Number()),
  meanTurnaroundHours: Nullable(Type.Number({ description: 'hand-over → report' })),
  medianTurnaroundHours: Nullable(Type.Number()),
});

export const LabSummarySchema = Type.Object({
  labId: Type.String(),
  name: Type.String(),
  status: LabStatus,
  internal: Type.Boolean(),
  statusSince: Nullable(Time),
  stats: LabStatsSchema,
  biasAlert: Nullable(Type.Object({ id: Type.String(), level: Level, status: Type.String() })),
});

export const LabListSchema = Type.Object({ items: Type.Array(LabSummarySchema) });

export const LabSchema = Type.Intersect([
  LabSummarySchema,
  Type.Object({
    statusHistory: Type.Array(
      Type.Object({
        at: Time,
        status: LabStatus,
        previous: Nullable(LabStatus),
        reason: Nullable(Type.String()),
        actor: Nullable(Type.String()),
        unit: Type.String(),
        eventId: Type.String(),
      }),
      { description: 'every status change, oldest first (the first entry is the filing)' },
    ),
    monthly: Type.Array(Type.Object({ month: Type.String({ description: 'YYYY-MM, Asia/Shanghai' }), cases: Type.Integer(), meanRatio: Nullable(Type.Number()), meanTurnaroundHours: Nullable(Type.Number()) })),
    recentCases: Type.Array(
      Type.Object({ caseNo: Type.String(), unit: Type.String(), sentAt: Nullable(Time), reportAt: Nullable(Time), breath: Nullable(Type.Number()), blood: Nullable(Type.Number()), ratio: Nullable(Type.Number()) }),
    ),
    alerts: Type.Array(AlertSchema),
  }),
]);

export const LabIdParams = Type.Object({ labId: Type.String({ minLength: 1, maxLength: 64 }) });

// ── Evidence rooms ──────────────────────────────────────────────────────────────────────────────────────

const CameraSchema = Type.Object({
  deviceId: Type.String(),
  status: Type.Union([Type.Literal('online'), Type.Literal('offline'), Type.Literal('abnormal_image'), Type.Literal('unknown')]),
  since: Nullable(Time),
});

export const RoomSummarySchema = Type.Object({
  roomId: Type.String(),
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  openHours: Type.String(),
  custodians: Type.Array(Type.Object({ personNo: Type.String(), name: Nullable(Type.String()) })),
  inventory: Type.Integer({ description: 'samples in the room now' }),
  overdue: Type.Integer({ description: 'samples of the room not handed to a lab within 24 h of the draw' }),
  cameras: Type.Array(CameraSchema),
  lastAccessAt: Nullable(Time),
});

export const RoomListSchema = Type.Object({ items: Type.Array(RoomSummarySchema) });

const RoomSampleSchema = Type.Object({
  sampleNo: Type.String(),
  caseNo: Type.String(),
  label: Type.String(),
  status: Type.String(),
  drawnAt: Nullable(Time),
  storedAt: Nullable(Time),
  since: Nullable(Time),
  hoursSinceDraw: Nullable(Type.Number()),
  overdue: Type.Boolean(),
});

export const RoomSchema = Type.Intersect([
  RoomSummarySchema,
  Type.Object({
    samples: Type.Array(RoomSampleSchema, { description: 'samples in the room now' }),
    overdueSamples: Type.Array(RoomSampleSchema, { description: 'samples of the room (in it or taken out) not yet handed to a lab, more than 24 h after the draw' }),
    register: Type.Array(
      Type.Object({
        at: Time,
        kind: Type.Union([Type.Literal('enter'), Type.Literal('exit'), Type.Literal('sample_stored'), Type.Literal('sample_retrieved')]),
        personNo: Nullable(Type.String()),
        personName: Nullable(Type.String()),
        custodian: Type.Boolean(),
        withinOpenHours: Type.Boolean(),
        sampleNo: Nullable(Type.String()),
        caseNo: Nullable(Type.String()),
        purpose: Nullable(Type.String()),
        eventId: Type.String(),
      }),
      { description: 'entries, exits, storage and retrieval, newest first' },
    ),
    alerts: Type.Array(AlertSchema, { description: 'open and past alerts of the room’s cameras (DEV_OFFLINE)' }),
  }),
]);

export const RoomIdParams = Type.Object({ roomId: Type.String({ minLength: 1, maxLength: 64 }) });
export const RoomQuery = Type.Object({
  from: Type.Optional(Type.String({ format: 'date-time', description: 'register from' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'register to' })),
  limit: Type.Integer({ minimum: 1, maximum: 2000, default: 200, description: 'register entries' }),
});

export const OverdueQuery = Type.Object({
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'this unit and the units below it' })),
  limit: Type.Integer({ minimum: 1, maximum: 2000, default: 500 }),
});

export const OverdueSchema = Type.Object({
  sendWithinHours: Type.Number({ description: 'rules.md: a sample goes to the lab within this many hours of the draw' }),
  items: Type.Array(
    Type.Object({
      sampleNo: Type.String(),
      caseNo: Type.String(),
      unit: Type.String(),
      unitName: Nullable(Type.String()),
      label: Type.String(),
      status: Type.String({ description: 'drawn (never stored), stored, retrieved' }),
      roomId: Nullable(Type.String()),
      drawnAt: Nullable(Time),
      since: Nullable(Time),
      hoursSinceDraw: Nullable(Type.Number()),
    }),
    { description: 'samples of your units not handed to a lab in time, oldest draw first, including samples never stored' },
  ),
});

// ── High-risk rate ──────────────────────────────────────────────────────────────────────────────────────

export const HighRiskQuery = Type.Object({
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'default: your unit' })),
  period: Type.Union([Type.Literal('week'), Type.Literal('month'), Type.Literal('quarter'), Type.Literal('year'), Type.Literal('custom')], { default: 'month' }),
  at: Type.Optional(Type.String({ format: 'date-time', description: 'a moment inside the period (default: now); for week/month/quarter/year' })),
  from: Type.Optional(Type.String({ format: 'date-time', description: 'custom period start' })),
  to: Type.Optional(Type.String({ format: 'date-time', description: 'custom period end (exclusive)' })),
  baseFrom: Type.Optional(Type.String({ format: 'date-time', description: 'compare with this period instead of the one before (e.g. the trial run)' })),
  baseTo: Type.Optional(Type.String({ format: 'date-time' })),
});

const Figures = Type.Object({ cases: Type.Integer(), highRisk: Type.Integer(), red: Type.Integer(), orange: Type.Integer(), rate: Nullable(Type.Number({ description: 'highRisk / cases' })) });
const Change = Type.Object({
  highRiskPct: Nullable(Type.Number({ description: 'relative change of the number of high-risk cases, % (−48.6 = down 48.6 %)' })),
  ratePoints: Nullable(Type.Number({ description: 'change of the rate in percentage points' })),
  ratePct: Nullable(Type.Number({ description: 'relative change of the rate, %' })),
});

export const HighRiskSchema = Type.Object({
  unit: Type.String(),
  unitName: Nullable(Type.String()),
  levels: Type.Array(Level, { description: 'alert levels that make a case high-risk' }),
  period: Type.Object({ from: Time, to: Time }),
  previousPeriod: Type.Object({ from: Time, to: Time }),
  current: Figures,
  previous: Figures,
  change: Change,
  byUnit: Type.Array(Type.Object({ unit: Type.String(), unitName: Nullable(Type.String()), current: Figures, previous: Figures, change: Change }), {
    description: 'the units directly below, each with its subtree',
  }),
  highRiskCases: Type.Array(Type.Object({ caseNo: Type.String(), unit: Type.String(), openedAt: Time, level: Level }), { description: 'the current period’s high-risk cases' }),
  previousHighRiskCases: Type.Array(Type.Object({ caseNo: Type.String(), unit: Type.String(), openedAt: Time, level: Level }), { description: 'the previous (or base) period’s high-risk cases' }),
});

export const SweepSchema = Type.Object({
  checked: Type.Integer({ description: 'chains recomputed from their stored steps' }),
  tampered: Type.Array(Type.String(), { description: 'case numbers whose chain failed (each has a red ALC_CHAIN_TAMPERED alert)' }),
});

// ── Re-test draws ───────────────────────────────────────────────────────────────────────────────────────

export const DrawRequest = Type.Object({
  from: Type.String({ format: 'date-time', description: 'cases opened at or after' }),
  to: Type.String({ format: 'date-time', description: 'cases opened before' }),
  count: Type.Integer({ minimum: 1, maximum: 10000 }),
  labId: Type.String({ description: 'the internal lab that re-tests' }),
  unit: Type.Optional(Type.String({ pattern: '^[0-9]{12}$', description: 'draw from this subtree (default: all)' })),
  levels: Type.Optional(Type.Array(Level, { minItems: 1, description: 'default red and orange' })),
  seed: Type.Optional(Type.Integer({ minimum: 0, maximum: 4294967295, description: 'default: a fresh random seed, recorded' })),
  note: Type.Optional(Type.String({ maxLength: 500 })),
});

export const DrawSchema = Type.Object({
  id: Type.String(),
  drawnAt: Time,
  drawnBy: Type.String(),
  unit: Type.String(),
  period: Type.Object({ from: Time, to: Time }),
  levels: Type.Array(Level),
  labId: Type.String(),
  labName: Nullable(Type.String()),
  seed: Type.Integer(),
  requested: Type.Integer(),
  population: Type.Array(Type.String(), { description: 'the high-risk case numbers drawn from, sorted' }),
  populationSha256: Type.String(),
  algorithm: Type.String(),
  selected: Type.Array(Type.String()),
  note: Nullable(Type.String()),
  auditSeq: Nullable(Type.Integer()),
  reproduced: Type.Boolean({ description: 'drawing again from the stored population and seed gives the stored selection' }),
  cases: Type.Array(
    Type.Object({
      caseNo: Type.String(),
      unit: Type.String(),
      firstBlood: Nullable(Type.Number()),
      firstLabId: Nullable(Type.String()),
      retest: Nullable(Type.Object({ value: Nullable(Type.Number()), at: Time })),
    }),
    { description: 'the selected cases, with the internal lab’s re-test once reported' },
  ),
});

export const DrawListSchema = Type.Object({
  items: Type.Array(Type.Omit(DrawSchema, ['population', 'cases', 'reproduced'])),
});

export const DrawIdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 64 }) });
