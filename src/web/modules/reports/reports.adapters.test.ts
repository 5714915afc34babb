import { describe, expect, it } from 'vitest';
import { percent, topRules, toSeries } from './reports.adapters.ts';

describe('trend series', () => {
  it('fill missing buckets with zero, in the order of the keys given', () => {
    const { buckets, series } = toSeries(
      [
        { bucket: '2026-11-02', key: 'red', n: 2 },
        { bucket: '2026-11-01', key: 'blue', n: 1 },
      ],
      ['red', 'blue'],
    );
    expect(buckets).toEqual(['2026-11-01', '2026-11-02']);
    expect(series).toEqual([
      { key: 'red', data: [0, 2] },
      { key: 'blue', data: [1, 0] },
    ]);
  });

  it('fold all but the top rules into one', () => {
    const rows = [
      { bucket: 'd', key: 'A', n: 5 },
      { bucket: 'd', key: 'B', n: 1 },
      { bucket: 'd', key: 'C', n: 3 },
    ];
    const { series } = toSeries(topRules(rows, 2, '其他'));
    expect(series).toEqual([
      { key: 'A', data: [5] },
      { key: '其他', data: [1] },
      { key: 'C', data: [3] },
    ]);
    expect(percent(0.4567)).toBe('45.7%');
    expect(percent(null)).toBe('—');
  });
});
