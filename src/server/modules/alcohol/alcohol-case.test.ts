import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compare, foldCase, type CaseStep } from './alcohol-case.ts';

const CASE = 'JQ150102202611010042';
const T = (local: string) => Date.parse(`${local}+08:00`);
let n = 0;
const s = (type: string, at: string, data: Record<string, unknown>): CaseStep => ({
  caseNo: CASE,
  leafIndex: n++,
  eventId: `${type}-${at}`,
  type,
  occurredAt: `${at}+08:00`,
  unit: '150102000000',
  actor: 'P1',
  location: null,
  data,
  at: T(at),
});

const story = (breath: number | null, blood: number, drawAt = '2026-11-02T00:40:00') => [
  s('alcohol.case_opened', '2026-11-01T23:10:00', { caseNo: CASE, driverName: '张三', plate: '蒙A12345', tags: ['suspected_business_owner'] }),
  s('alcohol.breath_test', '2026-11-01T23:16:00', breath === null ? { caseNo: CASE, refused: true, source: 'device' } : { caseNo: CASE, valueMg100ml: breath, refused: false, source: 'manual', deviceId: 'BA-1' }),
  s('alcohol.blood_drawn', drawAt, { caseNo: CASE, sampleNo: 'XY-A', sealNo: 'S1' }),
  s('alcohol.blood_drawn', '2026-11-02T00:45:00', { caseNo: CASE, sampleNo: 'XY-B', sealNo: 'S2' }),
  s('alcohol.sample_stored', '2026-11-02T09:00:00', { sampleNo: 'XY-A', roomId: 'R1' }),
  s('alcohol.sample_stored', '2026-11-02T09:01:00', { sampleNo: 'XY-B', roomId: 'R1' }),
  s('alcohol.sample_retrieved', '2026-11-02T10:00:00', { sampleNo: 'XY-A', roomId: 'R1', purpose: 'send_to_lab' }),
  s('alcohol.sample_sent', '2026-11-02T11:00:00', { sampleNo: 'XY-A', labId: 'LAB-1' }),
  s('alcohol.lab_report', '2026-11-03T14:00:00', { caseNo: CASE, sampleNo: 'XY-A', labId: 'LAB-1', valueMg100ml: blood }),
];

const params = { eliminationMgPerHour: 25, toleranceFloorMg: 10, tolerancePercent: 15, excessMarginMg: 20, drunkMg: 80 };

describe('the case fold', () => {
  it('labels the samples A and B and tells where each is now', () => {
    const f = foldCase(CASE, story(196, 62));
    expect(f.samples.map((x) => [x.label, x.sampleNo, x.status, x.roomId, x.labId])).toEqual([
      ['A', 'XY-A', 'reported', 'R1', 'LAB-1'],
      ['B', 'XY-B', 'stored', 'R1', null],
    ]);
    expect(f).toMatchObject({ driverName: '张三', tags: ['suspected_business_owner'], labId: 'LAB-1', hasOpening: true, refused: false });
    expect(f.breath).toMatchObject({ value: 196, source: 'manual' });
  });

  it('depends only on the set of steps, not on their arrival order', () => {
    const steps = story(196, 62);
    const reference = foldCase(CASE, steps);
    fc.assert(
      fc.property(fc.shuffledSubarray(steps, { minLength: steps.length, maxLength: steps.length }), (shuffled) => {
        expect(foldCase(CASE, shuffled)).toEqual(reference);
      }),
      { numRuns: 200 },
    );
  });

  it('keeps a refusal as the breath step when no value was taken', () => {
    const f = foldCase(CASE, story(null, 150));
    expect(f.breath).toMatchObject({ value: null, refused: true });
    expect(f.refused).toBe(true);
    expect(compare(f, params)).toBeNull();
  });
});

describe('the breath/blood comparison (rules.md ALC_BREATH_BLOOD_GAP)', () => {
  // breath 200 at 23:16, draw 2 h later: lowest possible 150, tolerance 30 → below 120 is too low; above 250 too high
  const at = (blood: number) => compare(foldCase(CASE, story(200, blood, '2026-11-02T01:16:00')), params)!;

  it('computes elapsed hours, lowest possible value, tolerance, limits and ratio', () => {
    expect(at(150)).toMatchObject({ breath: 200, blood: 150, hours: 2, lowestPossible: 150, tolerance: 30, lowLimit: 120, highLimit: 250, ratio: 0.75, difference: -50, verdict: 'consistent' });
  });

  it('judges at the edges exactly where rules.md puts them', () => {
    expect(at(120).verdict).toBe('consistent');
    expect(at(119.9).verdict).toBe('too_low');
    expect(at(250).verdict).toBe('consistent');
    expect(at(250.1).verdict).toBe('too_high');
    expect(at(79).crossesDrunkLine).toBe(true);
    expect(at(80).crossesDrunkLine).toBe(false);
  });

  it('follows the parameters in force', () => {
    const f = foldCase(CASE, story(200, 100, '2026-11-02T01:16:00'));
    expect(compare(f, { ...params, eliminationMgPerHour: 40 })).toMatchObject({ lowestPossible: 120, lowLimit: 90, verdict: 'consistent' });
  });
});
