import { describe, expect, it } from 'vitest';
import { bizCorrectionSpike as rule } from './biz-correction-spike.ts';
import type { CorrectionWeekInput } from './inputs.ts';
import { at, only, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-09 01:00');
const clerk = (personNo: string, corrections: number) => ({
  personNo, name: null, unit: '150602000000', corrections, eventIds: Array.from({ length: corrections }, (_, i) => `${personNo}-${i}`),
});
/** 60 ordinary clerks making 0–3 corrections a week, and one more */
function week(extra: number, peers = Array.from({ length: 60 }, (_, i) => i % 4)): CorrectionWeekInput {
  return { weekStart: t('2026-11-02 00:00'), clerks: [...peers.map((c, i) => clerk(`C${i}`, c)), { ...clerk('X', extra), name: '赵六' }] };
}

describe('BIZ_CORRECTION_SPIKE', () => {
  it('fires yellow for 14 corrections in a week among clerks doing 0–3', () => {
    const f = only(rule.evaluate(week(14), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'X' });
    expect(f.level).toBe('yellow');
    expect(f.figures).toMatchObject({ corrections: 14, peerPercentile: 3, peers: 60, weekFrom: '2026-11-02', weekTo: '2026-11-08' });
    expect(f.eventIds).toHaveLength(14);
    expect(f.title).toBe('赵六（X）2026-11-02至2026-11-08一周档案更正14笔，高于全省窗口人员第99百分位（3笔）');
  });

  it('needs at least 10: 9 does not fire however far above the others, 10 does', () => {
    expect(rule.evaluate(week(9), p, now)).toEqual([]);
    expect(rule.evaluate(week(10), p, now)).toHaveLength(1);
  });

  it('must be above the 99th percentile: equal does not fire, one more does', () => {
    const busy = Array.from({ length: 60 }, () => 12);
    expect(rule.evaluate(week(12, busy), p, now)).toEqual([]);
    expect(only(rule.evaluate(week(13, busy), p, now)).figures.peerPercentile).toBe(12);
  });

  it('does not judge a clerk with no peers', () => {
    expect(rule.evaluate(week(30, []), p, now)).toEqual([]);
  });
});
