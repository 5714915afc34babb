import { describe, expect, it } from 'vitest';
import { rankUnits, score } from './ranking.ts';

const fig = (group: string, total: number, closed: number, closedOnTime: number, overdue: number, medianHoursToClose: number | null = null) => ({
  group,
  total,
  closed,
  open: total - closed,
  overdue,
  closedOnTime,
  medianHoursToClose,
});

describe('assessment score', () => {
  it('weighs closure, closure in time and overdue alerts', () => {
    expect(score(fig('a', 10, 10, 10, 0)).score).toBe(100);
    expect(score(fig('a', 10, 0, 0, 10)).score).toBe(0);
    // half closed, all of those in time, 2 of 10 overdue: 100 × (0.25 + 0.3 + 0.16)
    expect(score(fig('a', 10, 5, 5, 2))).toEqual({ closureRate: 0.5, onTimeRate: 1, score: 71 });
  });

  it('has no score for a unit without alerts', () => {
    expect(score(fig('a', 0, 0, 0, 0))).toEqual({ closureRate: null, onTimeRate: null, score: null });
  });
});

describe('ranking', () => {
  it('orders by score, then overdue, then median time to close, and puts units without alerts last', () => {
    const ranked = rankUnits([fig('none', 0, 0, 0, 0), fig('slow', 4, 4, 4, 0, 30), fig('weak', 4, 1, 0, 3), fig('fast', 4, 4, 4, 0, 2)]);
    expect(ranked.map((r) => [r.group, r.rank])).toEqual([
      ['fast', 1],
      ['slow', 1],
      ['weak', 3],
      ['none', 4],
    ]);
  });
});
