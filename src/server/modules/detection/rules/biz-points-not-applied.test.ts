import { describe, expect, it } from 'vitest';
import { bizPointsNotApplied as rule } from './biz-points-not-applied.ts';
import type { PointsInput } from './inputs.ts';
import { at, ev, only } from './testing.ts';

const now = at('2026-12-01 12:00');
function input(codePoints: number | null, applied: number, recordedPoints = 6): PointsInput {
  const recorded = ev('violation.recorded', '2026-11-02 08:30', { violationNo: 'V1', plate: '蒙A12345', ownerIdNo: 'O1', code: '1625', points: recordedPoints, fine: 200 });
  const processed = ev('violation.processed', '2026-11-03 10:00', {
    violationNo: 'V1', plate: '蒙A12345', licenseIdNo: 'O1', pointsApplied: applied, windowId: 'W1', channel: 'window',
  }, { actor: 'P150102017', unit: '150102000000' });
  return { processed, violation: { recorded, codePoints, processedAt: processed.at } };
}

describe('BIZ_POINTS_NOT_APPLIED', () => {
  it('fires when fewer points are applied than the code carries', () => {
    const inp = input(6, 0);
    const f = only(rule.evaluate(inp, rule.defaults, now));
    expect(f.subject).toEqual({ kind: 'violation', id: 'V1' });
    expect(f.level).toBe('orange');
    expect(f.unit).toBe('150102000000');
    expect(f.figures).toMatchObject({ pointsDue: 6, pointsApplied: 0, pointsMissing: 6, code: '1625', clerk: 'P150102017' });
    expect(f.eventIds).toEqual([inp.violation!.recorded.id, inp.processed.id]);
    expect(f.title).toBe('违法V1（代码1625）应记6分，处理时实记0分');
  });

  it('one point short fires, the full points do not', () => {
    expect(only(rule.evaluate(input(6, 5), rule.defaults, now)).figures.pointsMissing).toBe(1);
    expect(rule.evaluate(input(6, 6), rule.defaults, now)).toEqual([]);
  });

  it('trusts the code catalogue over the record, and the record only while the code is unknown', () => {
    expect(rule.evaluate(input(3, 3, 6), rule.defaults, now)).toEqual([]);
    expect(only(rule.evaluate(input(null, 3, 6), rule.defaults, now)).figures).toMatchObject({ pointsDue: 6, codePointsKnown: false });
  });

  it('waits for the violation record', () => {
    expect(rule.evaluate({ ...input(6, 0), violation: null }, rule.defaults, now)).toEqual([]);
  });
});
