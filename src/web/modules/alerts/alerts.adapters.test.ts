import { describe, expect, it } from 'vitest';
import { attachmentsOf, compareLevels, emptyFilters, filtersFromSearch, filtersToQuery, filtersToSearch, formatFigure } from './alerts.adapters.ts';

describe('board filters in the URL', () => {
  it('round-trip through the query string', () => {
    const f = { rules: ['ALC_BREATH_BLOOD_GAP'], levels: ['red' as const, 'orange' as const], statuses: ['new' as const], unit: '150102000000', from: '2026-11-01', to: '2026-11-03', overdue: true };
    const s = filtersToSearch(f);
    expect(s).toBe('?rule=ALC_BREATH_BLOOD_GAP&level=red%2Corange&status=new&unit=150102000000&from=2026-11-01&to=2026-11-03&overdue=1');
    expect(filtersFromSearch(new URLSearchParams(s))).toEqual(f);
  });

  it('drop values that are not levels, states, unit codes or dates', () => {
    const f = filtersFromSearch(new URLSearchParams('level=red,purple&status=lost&unit=abc&from=yesterday&rule=x;drop'));
    expect(f).toEqual({ ...emptyFilters, levels: ['red'] });
  });

  it('turn dates into whole Beijing days for the API', () => {
    const q = filtersToQuery({ ...emptyFilters, from: '2026-11-01', to: '2026-11-01' });
    expect(q.from).toBe('2026-10-31T16:00:00.000Z');
    expect(q.to).toBe('2026-11-01T15:59:59.999Z');
    expect(q.level).toBeUndefined();
  });
});

describe('alert helpers', () => {
  it('order levels from the most severe', () => {
    expect(['blue', 'red', 'yellow', 'orange'].sort(compareLevels)).toEqual(['red', 'orange', 'yellow', 'blue']);
  });
  it('find attachments in a history entry and format figures', () => {
    expect(attachmentsOf({ attachments: ['ab', 3] })).toEqual(['ab']);
    expect(attachmentsOf(null)).toEqual([]);
    expect(formatFigure(153.8765, '是', '否')).toBe('153.88');
    expect(formatFigure(false, '是', '否')).toBe('否');
  });
});
