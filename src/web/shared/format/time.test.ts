import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatDateTimeSeconds } from './time.ts';

describe('Shanghai time', () => {
  it('shows UTC instants in Asia/Shanghai whatever the machine zone', () => {
    expect(formatDateTime('2026-11-01T15:15:00Z')).toBe('2026-11-01 23:15');
    expect(formatDateTime('2026-11-01T16:15:00Z')).toBe('2026-11-02 00:15');
    expect(formatDateTimeSeconds('2026-11-01T15:15:07.5Z')).toBe('2026-11-01 23:15:07');
    expect(formatDate('2026-10-31T16:00:00Z')).toBe('2026-11-01');
    expect(formatDateTime('2026-11-01T23:15:00+08:00')).toBe('2026-11-01 23:15');
  });
  it('shows a dash for nothing or nonsense', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('')).toBe('—');
    expect(formatDateTime('not a date')).toBe('—');
  });
});
