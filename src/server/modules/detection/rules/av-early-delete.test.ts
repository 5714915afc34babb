import { describe, expect, it } from 'vitest';
import { avEarlyDelete as rule } from './av-early-delete.ts';
import { at, ev, only } from './testing.ts';

const p = rule.defaults;
const now = at('2030-01-01 00:00');
const recorded = (kind: string, time: string) =>
  ev('av.recorded', time, { recordId: 'AV1', kind, siteId: 'KC1', durationSec: 900, subjectRef: 'KS20261103001', storageRef: 'nvr://x' });
const deleted = (time: string) => ev('av.deleted', time, { recordId: 'AV1' }, { unit: '150200000000' });

describe('AV_EARLY_DELETE', () => {
  it('fires red for an exam video deleted two days after recording', () => {
    const r = recorded('exam', '2026-11-03 10:40');
    const d = deleted('2026-11-05 16:05');
    const f = only(rule.evaluate({ deleted: d, recorded: r }, p, now));
    expect(f.subject).toEqual({ kind: 'record', id: 'AV1' });
    expect(f.level).toBe('red');
    expect(f.unit).toBe('150200000000');
    expect(f.figures).toMatchObject({ recordKind: 'exam', daysKept: 2, retention: '3年', keepUntil: '2029-11-03 10:40' });
    expect(f.eventIds).toEqual([r.id, d.id]);
    expect(f.title).toBe('考试音视频AV1（KS20261103001）录制2天5小时25分后被删除，保存期3年，应保存至2029-11-03');
  });

  it('keeps exam, inspection and education records 3 calendar years: a second early fires, on time does not', () => {
    for (const kind of ['exam', 'inspection', 'education']) {
      const r = recorded(kind, '2026-11-03 10:40:00');
      expect(rule.evaluate({ deleted: deleted('2029-11-03 10:39:59'), recorded: r }, p, now)).toHaveLength(1);
      expect(rule.evaluate({ deleted: deleted('2029-11-03 10:40:00'), recorded: r }, p, now)).toEqual([]);
    }
  });

  it('keeps body-camera records 3 calendar months, to the end of a shorter month', () => {
    const r = recorded('bodycam', '2026-11-30 23:10');
    // 30 November + 3 months = 28 February (2027 is not a leap year)
    expect(rule.evaluate({ deleted: deleted('2027-02-28 23:09'), recorded: r }, p, now)).toHaveLength(1);
    expect(rule.evaluate({ deleted: deleted('2027-02-28 23:10'), recorded: r }, p, now)).toEqual([]);
    expect(only(rule.evaluate({ deleted: deleted('2026-12-09 11:30'), recorded: r }, p, now)).figures.retention).toBe('3个月');
  });

  it('cannot judge a deletion whose recording is unknown', () => {
    expect(rule.evaluate({ deleted: deleted('2026-11-05 16:05'), recorded: null }, p, now)).toEqual([]);
  });
});
