import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { residentIdCheckChar, vinCheckDigit } from '../ingest/identity.ts';
import { validateEvent } from '../ingest/validate.ts';
import { ORACLE_RULES, oracleFindings } from './demo-oracle.ts';
import {
  DEMO_EVENT_TYPES, DEMO_ROOT_UNIT, createDemo, demoUsers, generateDemo, idCheckChar, plantedAnomalies,
  type DemoEvent, type PlantedAnomaly, type RuleCode,
} from './index.ts';

const END = new Date('2026-11-30T21:37:12.345+08:00');
const END_MS = Date.parse('2026-11-30T21:37:12+08:00');

/** every rule of rules.md; ALC_CHAIN_TAMPERED needs a stored row altered behind the platform's back */
const ALL_RULES: RuleCode[] = [
  'ALC_BREATH_BLOOD_GAP', 'ALC_NEAR_THRESHOLD', 'ALC_REFUSED_BREATH', 'ALC_KEY_PERSON', 'ALC_MANUAL_BREATH',
  'ALC_CHAIN_GAP', 'ALC_ROOM_ACCESS', 'ALC_LAB_STATUS', 'ALC_LAB_BIAS', 'DEV_OFFLINE', 'BIZ_ONE_LICENSE_MANY_VEHICLES',
  'BIZ_AGENT_MANY_PERSONS', 'BIZ_POINTS_NOT_APPLIED', 'BIZ_OUT_OF_ORDER', 'BIZ_ONE_VEHICLE_MANY_CERTS', 'BIZ_OFF_HOURS',
  'BIZ_AUXILIARY_ACTING', 'BIZ_CORRECTION_SPIKE', 'EXAM_PASS_RATE_OUTLIER', 'EXAM_ASSIGNMENT_SKEW',
  'INSP_PASS_RATE_OUTLIER', 'INSP_NONLOCAL_SHARE', 'AV_EARLY_DELETE', 'SEC_QUERY_VOLUME', 'SEC_QUERY_OFF_HOURS',
  'SEC_QUERY_NO_BUSINESS', 'SEC_SENSITIVE_SUBJECT', 'SEC_PRIVILEGE_GRANT', 'CKPT_WATCHLIST_HIT', 'CKPT_CLONED_PLATE',
  'CONDUCT_LEVEL',
];

const ID_FIELDS = ['driverIdNo', 'ownerIdNo', 'idNo', 'agentIdNo', 'licenseIdNo', 'candidateIdNo'];

/** GB 11643 written out again, independently of both implementations under test */
function expectedCheckChar(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, ch, i) => s + Number(ch) * w[i], 0);
  return '10X98765432'[sum % 11];
}

function idNoProblem(idNo: string): string | null {
  if (!/^\d{17}[\dX]$/.test(idNo)) return 'shape';
  if (!/^(1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5])/.test(idNo)) return 'area';
  const y = Number(idNo.slice(6, 10));
  const m = Number(idNo.slice(10, 12));
  const d = Number(idNo.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return 'date';
  if (date.getTime() > END_MS) return 'future';
  if (idNo[17] !== expectedCheckChar(idNo.slice(0, 17))) return 'check';
  return null;
}

const PLATE = /^[京津冀晋蒙辽吉黑沪苏浙皖闽赣鲁豫鄂湘粤桂琼渝川贵云藏陕甘青宁新][A-HJ-NP-Z](?:[DF][A-HJ-NP-Z0-9]\d{4}|\d{5}[DF]|[A-HJ-NP-Z0-9]{5}|[A-HJ-NP-Z0-9]{4}[学警挂港澳领])$/;

describe('demo province, 30 days at scale 1', () => {
  let events: DemoEvent[];
  let planted: PlantedAnomaly[];
  let perSecond = 0;

  beforeAll(() => {
    const t0 = performance.now();
    const run = createDemo({ seed: 20261101, end: END });
    events = [...run.events()];
    const ms = performance.now() - t0;
    perSecond = events.length / (ms / 1000);
    planted = run.planted;
    console.log(`demo: ${events.length} events in ${ms.toFixed(0)} ms — ${Math.round(perSecond).toLocaleString('en')} events/s`);
  });

  it('has the volume of a province month, checkpoint passes being the largest share', () => {
    expect(events.length).toBeGreaterThan(120_000);
    expect(events.length).toBeLessThan(200_000);
    const passes = events.filter((e) => e.type === 'checkpoint.pass').length;
    const transactional = events.filter((e) => !e.type.startsWith('ref.')).length;
    expect(passes / transactional).toBeGreaterThan(0.5);
    expect(passes / transactional).toBeLessThan(0.6);
    // generous floor for a shared test machine; the logged figure is the real one
    expect(perSecond).toBeGreaterThan(50_000);
  });

  it('contains every event type of the contract', () => {
    const seen = new Set(events.map((e) => e.type));
    for (const t of DEMO_EVENT_TYPES) expect(seen, t).toContain(t);
  });

  it('yields reference data first, parents before children', () => {
    const firstTx = events.findIndex((e) => !e.type.startsWith('ref.'));
    expect(events.slice(firstTx).some((e) => e.type.startsWith('ref.'))).toBe(false);
    const units = events.filter((e) => e.type === 'ref.unit').map((e) => e.data as { code: string; level: string; parentCode: string | null });
    const known = new Set<string>();
    for (const u of units) {
      if (u.parentCode !== null) expect(known, u.code).toContain(u.parentCode);
      known.add(u.code);
    }
    expect(units[0].code).toBe(DEMO_ROOT_UNIT);
    const count = (level: string) => units.filter((u) => u.level === level).length;
    expect(count('province')).toBe(1);
    expect(count('city')).toBeGreaterThanOrEqual(12);
    expect(count('county')).toBeGreaterThanOrEqual(100);
    expect(count('squad')).toBeGreaterThan(0);
    for (const u of units) expect(u.code).toMatch(/^15\d{10}$/);
    // plain checks in the 160k-event loops: an expect() per event costs seconds
    expect(events.filter((e) => !known.has(e.unit)).map((e) => e.id)).toEqual([]);
  });

  it('has the reference data the rules need', () => {
    const data = (type: string) => events.filter((e) => e.type === type).map((e) => e.data as Record<string, unknown>);
    const labs = data('ref.lab');
    expect(labs.some((l) => l.status === 'blacklisted')).toBe(true);
    expect(labs.some((l) => l.status === 'suspended')).toBe(true);
    expect(labs.some((l) => l.internal === true)).toBe(true);
    const persons = data('ref.person');
    for (const kind of ['police', 'auxiliary', 'contractor']) expect(persons.some((p) => p.kind === kind)).toBe(true);
    for (const role of ['custodian', 'examiner', 'window_clerk', 'reviewer', 'sysadmin']) {
      expect(persons.some((p) => (p.roles as string[]).includes(role)), role).toBe(true);
    }
    expect(persons.filter((p) => p.confidentialitySigned === false).length).toBeGreaterThan(0);
    const devices = data('ref.device');
    for (const kind of ['breathalyzer', 'camera', 'exam_terminal']) expect(devices.some((d) => d.kind === kind)).toBe(true);
    expect(devices.some((d) => typeof d.calibratedUntil === 'string' && d.calibratedUntil < '2026-11-01')).toBe(true);
    for (const r of data('ref.evidence_room')) {
      expect(r.openHours).toMatch(/^\d\d:\d\d-\d\d:\d\d$/);
      expect((r.custodians as string[]).length).toBeGreaterThan(0);
    }
    const checkpoints = data('ref.checkpoint');
    expect(checkpoints.length).toBeGreaterThan(100);
    for (const c of checkpoints) {
      // inside Inner Mongolia's bounding box
      expect(c.lat as number).toBeGreaterThan(37);
      expect(c.lat as number).toBeLessThan(53.5);
      expect(c.lng as number).toBeGreaterThan(97);
      expect(c.lng as number).toBeLessThan(126.5);
    }
    expect(data('ref.watchlist').length).toBeGreaterThan(0);
    expect(data('ref.sensitive_subject').length).toBeGreaterThan(0);
    expect(data('ref.violation_code').length).toBeGreaterThan(5);
  });

  it('keeps every event inside the window, in time order, with unique valid ids', () => {
    const ids = new Set<string>();
    const bad: string[] = [];
    let last = -Infinity;
    for (const e of events) {
      if (!/^[A-Za-z0-9._:-]{1,64}$/.test(e.id)) bad.push(`id ${e.id}`);
      ids.add(e.id);
      if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+08:00$/.test(e.occurredAt)) bad.push(`time ${e.id}`);
      const t = Date.parse(e.occurredAt);
      if (t > END_MS) bad.push(`after end ${e.id}`);
      if (!e.type.startsWith('ref.')) {
        if (t < last) bad.push(`out of order ${e.id}`);
        last = t;
      }
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(ids.size).toBe(events.length);
  });

  it('writes only valid resident ID numbers, plates and VINs', () => {
    let idNos = 0;
    const bad: string[] = [];
    const checkId = (what: string, v: string): void => {
      idNos++;
      const problem = idNoProblem(v);
      if (problem) bad.push(`${what} ${v}: ${problem}`);
      if (idCheckChar(v.slice(0, 17)) !== residentIdCheckChar(v.slice(0, 17))) bad.push(`${what} ${v}: implementations differ`);
    };
    for (const e of events) {
      const d = e.data;
      for (const f of ID_FIELDS) if (typeof d[f] === 'string') checkId(`${e.type}.${f}`, d[f] as string);
      if (e.type === 'system.query' && /^\d{17}/.test(String(d.subject))) checkId('system.query.subject', String(d.subject));
      if (typeof d.plate === 'string' && !PLATE.test(d.plate)) bad.push(`${e.type} plate ${d.plate}`);
      if (typeof d.vin === 'string' && (!/^[A-HJ-NPR-Z0-9]{17}$/.test(d.vin) || d.vin[8] !== vinCheckDigit(d.vin))) bad.push(`vin ${d.vin}`);
    }
    expect(bad.slice(0, 10)).toEqual([]);
    expect(idNos).toBeGreaterThan(10_000);
  });

  it('keeps alcohol cases consistent: lab value against breath, finding against lab value', () => {
    const breath = new Map<string, number>();
    const lab = new Map<string, number>();
    for (const e of events) {
      const d = e.data;
      if (e.type === 'alcohol.breath_test' && typeof d.valueMg100ml === 'number') breath.set(String(d.caseNo), d.valueMg100ml);
      if (e.type === 'alcohol.lab_report') lab.set(String(d.caseNo), d.valueMg100ml as number);
      if (e.type === 'alcohol.case_closed') {
        const v = lab.get(String(d.caseNo))!;
        expect(d.finding).toBe(v >= 80 ? 'drunk' : v >= 20 ? 'drink' : 'none');
      }
    }
    let below = 0;
    let pairs = 0;
    for (const [caseNo, b] of breath) {
      const v = lab.get(caseNo);
      if (v === undefined) continue;
      pairs++;
      if (v <= b) below++;
    }
    // blood drawn later than the breath test is nearly always lower
    expect(below / pairs).toBeGreaterThan(0.95);
  });

  it('plants an anomaly for every rule that events can trigger', () => {
    const rules = new Set(planted.map((p) => p.rule));
    for (const r of ALL_RULES) expect(rules, r).toContain(r);
    for (const p of planted) {
      expect(p.subject.id.length).toBeGreaterThan(0);
      expect(Date.parse(p.occurredAt)).toBeLessThanOrEqual(END_MS);
      expect(p.note.length).toBeGreaterThan(0);
    }
    // natural findings are review flags of single events only, never misconduct patterns
    const natural = new Set(planted.filter((p) => p.origin === 'natural').map((p) => p.rule));
    for (const r of natural) expect(['ALC_NEAR_THRESHOLD', 'ALC_REFUSED_BREATH', 'ALC_KEY_PERSON', 'ALC_MANUAL_BREATH', 'CONDUCT_LEVEL']).toContain(r);
  });

  it('raises exactly the listed alerts under a naive reading of the event-driven rules', () => {
    const expected = new Set(
      planted
        .filter((p) => ORACLE_RULES.includes(p.rule) && !(p.rule === 'CONDUCT_LEVEL' && p.subject.kind === 'unit'))
        .map((p) => `${p.rule}|${p.subject.kind}|${p.subject.id}`),
    );
    const found = oracleFindings(events, END_MS);
    expect([...expected].filter((k) => !found.has(k)), 'planted but not raised').toEqual([]);
    expect([...found].filter((k) => !expected.has(k)), 'raised but not planted').toEqual([]);
  });
});

describe('determinism', () => {
  /** hash of the whole stream, and the number of transactional events */
  const digest = (opts: Parameters<typeof generateDemo>[0]): { hash: string; n: number } => {
    const h = createHash('sha256');
    let n = 0;
    for (const e of generateDemo(opts)) {
      h.update(JSON.stringify(e));
      h.update('\n');
      if (!e.type.startsWith('ref.')) n++;
    }
    return { hash: h.digest('hex'), n };
  };

  it('gives byte-identical output for the same options', () => {
    const a = digest({ seed: 7, end: END, days: 4 });
    const b = digest({ seed: 7, end: END, days: 4 });
    expect(a).toEqual(b);
  });

  it('gives different output for another seed', () => {
    expect(digest({ seed: 7, end: END, days: 2 }).hash).not.toBe(digest({ seed: 8, end: END, days: 2 }).hash);
  });

  it('lists the same planted anomalies through plantedAnomalies() as through a run', () => {
    const opts = { seed: 5, end: END, days: 10 };
    const run = createDemo(opts);
    for (const _ of run.events()) {
      // drain
    }
    expect(plantedAnomalies(opts)).toEqual(run.planted);
    expect(run.planted.length).toBeGreaterThan(20);
  });

  it('scales the volume of events', () => {
    const small = digest({ seed: 7, end: END, days: 2, scale: 1 }).n;
    const big = digest({ seed: 7, end: END, days: 2, scale: 3 }).n;
    expect(big / small).toBeGreaterThan(2.5);
  });

  it('refuses nonsense options', () => {
    expect(() => generateDemo({ seed: 1.5, end: END }).next()).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1, end: new Date('x') }).next()).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1, end: END, days: 0 }).next()).toThrow(RangeError);
    expect(() => generateDemo({ seed: 1, end: END, scale: -1 }).next()).toThrow(RangeError);
  });
});

describe('ingest contract', () => {
  it('passes every event of a short run through validateEvent with no rejection', () => {
    const rejected: string[] = [];
    let n = 0;
    for (const e of generateDemo({ seed: 99, end: END, days: 3 })) {
      n++;
      const r = validateEvent(JSON.parse(JSON.stringify(e)), END.getTime());
      if (!r.ok) rejected.push(`${e.type} ${e.id}: ${r.error}`);
    }
    expect(n).toBeGreaterThan(10_000);
    expect(rejected.slice(0, 10)).toEqual([]);
  });
});

describe('demoUsers', () => {
  it('gives supervisors and handlers at province, city and counties, and a province administrator', () => {
    const users = demoUsers();
    const names = new Set(users.map((u) => u.username));
    expect(names.size).toBe(users.length);
    for (const u of users) {
      expect(u.username).toMatch(/^[a-z][a-z0-9_]+$/);
      expect(u.displayName).toMatch(/[\u4e00-\u9fff]/);
      expect(u.unitCode).toMatch(/^15\d{10}$/);
    }
    const at = (unit: string, role: string) => users.some((u) => u.unitCode === unit && u.roles.includes(role));
    for (const unit of ['150000000000', '150100000000', '150102000000', '150105000000', '150402000000']) {
      expect(at(unit, 'supervisor'), unit).toBe(true);
      expect(at(unit, 'handler'), unit).toBe(true);
    }
    expect(users.find((u) => u.username === 'prov_admin')?.roles).toEqual(['admin', 'supervisor']);
  });
});
