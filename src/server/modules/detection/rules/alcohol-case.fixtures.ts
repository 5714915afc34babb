// Test support for the alcohol case rules: a realistic case built step by step (ids, units, locations,
// reference data shaped like the demo province's), with every delay adjustable, and a fast-check
// generator of arbitrary cases for the "arrival order never matters" properties. Not used in production.
import fc from 'fast-check';
import { expect } from 'vitest';
import type { Finding, Rule, RuleEvent } from '../rule.ts';
import type { AlcoholCaseInput } from './alcohol-case.ts';

export const HOUR = 3_600_000;
export const MINUTE = 60_000;
/** a Saturday night roadside stop, 23:00 Hohhot time */
export const T0 = Date.parse('2026-10-31T23:00:00+08:00');
export const UNIT = '150102000000';
export const ROOM_UNIT = '150102000000';
export const CASE_NO = 'JQ15010220261031000042';
export const SAMPLE_NO = 'XY15010220261031000042';
const ROADSIDE = { lat: 40.8424, lng: 111.749 };
const HOSPITAL = { lat: 40.8152, lng: 111.6701 };
const LAB_SITE = { lat: 40.8301, lng: 111.7102 };
const ROOM = { lat: 40.8201, lng: 111.6655 };
const sha = (c: string): string => c.repeat(64);

export const labs: AlcoholCaseInput['labs'] = {
  'LAB-150100-01': { status: 'filed', internal: true, name: '呼和浩特市公安局物证鉴定所' },
  'LAB-150100-02': { status: 'filed', internal: false, name: '内蒙古正信司法鉴定中心' },
  'LAB-150100-03': { status: 'suspended', internal: false, name: '呼和浩特衡平司法鉴定所' },
  'LAB-150100-04': { status: 'blacklisted', internal: false, name: '塞北法医物证鉴定所' },
};

export const devices: AlcoholCaseInput['devices'] = {
  'BA-150102-01': { kind: 'breathalyzer', calibratedUntil: '2027-03-31' },
  // valid through Saturday 2026-10-31 (Asia/Shanghai), expired from Sunday
  'BA-150102-02': { kind: 'breathalyzer', calibratedUntil: '2026-10-31' },
  'BA-150102-03': { kind: 'breathalyzer', calibratedUntil: null },
  'CAM-150102-01': { kind: 'camera', calibratedUntil: null },
};

export function ev(
  type: string,
  at: number,
  data: Record<string, unknown>,
  o: { id?: string; unit?: string; actor?: string | null; location?: { lat: number; lng: number } | null } = {},
): RuleEvent {
  return {
    id: o.id ?? `${type.split('.')[1]}-${at}`,
    type,
    occurredAt: new Date(at).toISOString(),
    at,
    unit: o.unit ?? UNIT,
    actor: o.actor === undefined ? 'P150102017' : o.actor,
    location: o.location === undefined ? ROADSIDE : o.location,
    data,
  };
}

export interface CaseSpec {
  tags?: string[];
  /** mg/100mL, or 'refused'; null: no breath test at all */
  breath?: number | 'refused' | null;
  source?: 'device' | 'manual';
  deviceId?: string;
  /** minutes from opening to the breath test */
  breathAfterMin?: number;
  /** hours from the breath test to the draw; null: never drawn */
  drawAfterH?: number | null;
  /** hours from the draw to storage; null: never stored */
  storeAfterH?: number | null;
  /** hours from the draw to the hand-over; null: never sent */
  sendAfterH?: number | null;
  /** hours from the hand-over to the report; null: no report */
  reportAfterH?: number | null;
  blood?: number;
  labId?: string;
  /** event types recorded without a location */
  unlocated?: string[];
  closed?: boolean;
  extra?: RuleEvent[];
}

/** the defaults are an honest case: breath 196, drawn 1 h later, blood 172, every step in time */
export function buildCase(spec: CaseSpec = {}): AlcoholCaseInput {
  const s = {
    tags: [] as string[],
    breath: 196 as number | 'refused' | null,
    source: 'device' as const,
    deviceId: 'BA-150102-01',
    breathAfterMin: 4,
    drawAfterH: 1 as number | null,
    storeAfterH: 1.5 as number | null,
    sendAfterH: 14 as number | null,
    reportAfterH: 40 as number | null,
    blood: 172,
    labId: 'LAB-150100-01',
    unlocated: [] as string[],
    closed: true,
    extra: [] as RuleEvent[],
    ...spec,
  };
  const where = (type: string, place: { lat: number; lng: number } | null) => (s.unlocated.includes(type) ? null : place);
  const events: RuleEvent[] = [];
  events.push(
    ev('alcohol.case_opened', T0, {
      caseNo: CASE_NO, driverIdNo: '150102198805170033', driverName: '张伟', plate: '蒙A3K921', tags: s.tags,
    }, { location: where('alcohol.case_opened', ROADSIDE) }),
  );
  const breathT = T0 + s.breathAfterMin * MINUTE;
  if (s.breath !== null) {
    const data = s.breath === 'refused'
      ? { caseNo: CASE_NO, deviceId: s.deviceId, refused: true, source: s.source }
      : { caseNo: CASE_NO, deviceId: s.deviceId, valueMg100ml: s.breath, refused: false, source: s.source };
    events.push(ev('alcohol.breath_test', breathT, data, { location: where('alcohol.breath_test', ROADSIDE) }));
    events.push(
      ev('alcohol.scene_evidence', breathT + 3 * MINUTE, { caseNo: CASE_NO, fileSha256: sha('a'), kind: 'photo' }, {
        location: where('alcohol.scene_evidence', ROADSIDE),
      }),
    );
  }
  const drawT = s.drawAfterH === null ? null : breathT + s.drawAfterH * HOUR;
  if (drawT !== null) {
    events.push(
      ev('alcohol.blood_drawn', drawT, {
        caseNo: CASE_NO, sampleNo: SAMPLE_NO, sealNo: 'FT40211937', institution: '内蒙古医科大学附属医院', photoSha256: sha('b'),
      }, { location: where('alcohol.blood_drawn', HOSPITAL) }),
    );
    if (s.storeAfterH !== null) {
      events.push(
        ev('alcohol.sample_stored', drawT + s.storeAfterH * HOUR, { sampleNo: SAMPLE_NO, roomId: 'ROOM-150102' }, {
          unit: ROOM_UNIT, actor: 'P150102201', location: where('alcohol.sample_stored', ROOM),
        }),
      );
    }
    if (s.sendAfterH !== null) {
      const sentT = drawT + s.sendAfterH * HOUR;
      if (s.storeAfterH !== null && s.storeAfterH < s.sendAfterH) {
        events.push(
          ev('alcohol.sample_retrieved', sentT - 0.5 * HOUR, { sampleNo: SAMPLE_NO, roomId: 'ROOM-150102', purpose: 'send_to_lab' }, {
            unit: ROOM_UNIT, actor: 'P150102201', location: where('alcohol.sample_retrieved', ROOM),
          }),
        );
      }
      events.push(
        ev('alcohol.sample_sent', sentT, { sampleNo: SAMPLE_NO, labId: s.labId, handoverPhotoSha256: sha('c') }, {
          location: where('alcohol.sample_sent', LAB_SITE),
        }),
      );
      if (s.reportAfterH !== null) {
        const reportT = sentT + s.reportAfterH * HOUR;
        events.push(
          ev('alcohol.lab_report', reportT, {
            caseNo: CASE_NO, sampleNo: SAMPLE_NO, labId: s.labId, valueMg100ml: s.blood, reportPhotoSha256: sha('d'),
          }, { actor: null, location: where('alcohol.lab_report', null) }),
        );
        if (s.closed) {
          const finding = s.blood >= 80 ? 'drunk' : s.blood >= 20 ? 'drink' : 'none';
          events.push(ev('alcohol.case_closed', reportT + 20 * HOUR, { caseNo: CASE_NO, finding }, { location: null }));
        }
      }
    }
  }
  events.push(...s.extra);
  return { caseNo: CASE_NO, events, labs, devices };
}

/** a moment well after every step of a default case */
export const LATER = new Date(T0 + 30 * 24 * HOUR);

/** arbitrary cases: every value, delay and missing step the rules distinguish, plus noise */
export const arbCase: fc.Arbitrary<AlcoholCaseInput> = fc
  .record({
    tags: fc.subarray(['suspected_official', 'suspected_business_owner', 'repeat_offender']),
    breath: fc.oneof(fc.constant<'refused'>('refused'), fc.constant(null), fc.integer({ min: 0, max: 3000 }).map((v) => v / 10)),
    source: fc.constantFrom<'device' | 'manual'>('device', 'manual'),
    deviceId: fc.constantFrom('BA-150102-01', 'BA-150102-02', 'BA-150102-03', 'BA-UNKNOWN'),
    breathAfterMin: fc.integer({ min: 0, max: 30 }),
    drawAfterH: fc.option(fc.integer({ min: -5, max: 60 }).map((h) => h / 10), { nil: null }),
    storeAfterH: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    sendAfterH: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }),
    reportAfterH: fc.option(fc.integer({ min: -2, max: 150 }), { nil: null }),
    blood: fc.integer({ min: 0, max: 3000 }).map((v) => v / 10),
    labId: fc.constantFrom('LAB-150100-01', 'LAB-150100-02', 'LAB-150100-03', 'LAB-150100-04', 'LAB-UNKNOWN'),
    unlocated: fc.subarray(['alcohol.case_opened', 'alcohol.breath_test', 'alcohol.scene_evidence', 'alcohol.blood_drawn', 'alcohol.sample_sent']),
    closed: fc.boolean(),
    recheck: fc.option(fc.integer({ min: 0, max: 3000 }).map((v) => v / 10), { nil: null }),
    retest: fc.option(fc.integer({ min: 0, max: 3000 }).map((v) => v / 10), { nil: null }),
    sameTime: fc.boolean(),
  })
  .map(({ recheck, retest, sameTime, ...spec }) => {
    const extra: RuleEvent[] = [];
    // a second report (a recheck), a second breath test, and a second test at the very same instant as
    // the first, so that ties on occurredAt must be broken by id
    if (recheck !== null) {
      extra.push(ev('alcohol.lab_report', T0 + 200 * HOUR, {
        caseNo: CASE_NO, sampleNo: SAMPLE_NO, labId: 'LAB-150100-02', valueMg100ml: recheck, reportPhotoSha256: sha('e'),
      }, { id: 'report-recheck', actor: null, location: null }));
    }
    if (retest !== null) {
      const at = sameTime ? T0 + spec.breathAfterMin * MINUTE : T0 + (spec.breathAfterMin + 10) * MINUTE;
      extra.push(ev('alcohol.breath_test', at, { caseNo: CASE_NO, deviceId: 'BA-150102-02', valueMg100ml: retest, refused: false, source: 'device' }, { id: 'breath-retest' }));
    }
    return buildCase({ ...spec, extra });
  });

/** now: anywhere from before the case to long after it */
export const arbNow: fc.Arbitrary<Date> = fc.integer({ min: -2, max: 400 }).map((h) => new Date(T0 + h * HOUR));

/** the same events in another order, with some of them repeated (a replayed event is the same fact) */
export function arbReordered(input: AlcoholCaseInput): fc.Arbitrary<AlcoholCaseInput> {
  return fc
    .tuple(
      fc.shuffledSubarray(input.events, { minLength: input.events.length, maxLength: input.events.length }),
      fc.subarray(input.events),
    )
    .map(([shuffled, repeated]) => ({ ...input, events: [...shuffled, ...repeated.map((e) => ({ ...e }))] }));
}

/** the findings as plain data, for deep equality */
export const plain = (fs: Finding[]): unknown => JSON.parse(JSON.stringify(fs));

/**
 * The property every case rule must have: the same set of events, in any order and with replays, gives
 * the same findings. Returns how many generated cases fired, so a test can check the property was not
 * vacuous.
 */
export function checkOrderIndependence<P extends Record<string, number | string | boolean>>(
  rule: Rule<AlcoholCaseInput, P>,
  numRuns = 300,
): number {
  let fired = 0;
  fc.assert(
    fc.property(arbCase.chain((input) => fc.tuple(fc.constant(input), arbReordered(input))), arbNow, ([input, reordered], now) => {
      const expected = rule.evaluate(input, rule.defaults, now);
      if (expected.length > 0) fired++;
      expect(plain(rule.evaluate(reordered, rule.defaults, now))).toEqual(plain(expected));
    }),
    { numRuns, seed: 20261101 },
  );
  return fired;
}
