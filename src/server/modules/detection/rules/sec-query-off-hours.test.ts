import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../rule.ts';
import { secQueryOffHours as rule } from './sec-query-off-hours.ts';
import { HOUR, MINUTE } from './common.ts';
import { at, ev, only, person, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-05 12:00');
const q = (ms: number, actor = 'P3') => ev('system.query', ms, { queryKind: 'vehicle', subject: '蒙D12345', terminalIp: '10.1.1.1', resultCount: 1 }, { actor, unit: '150402000000' });
/** n queries spread evenly from `start` over `spanMin` minutes */
const spread = (n: number, start: string, spanMin: number): RuleEvent[] => Array.from({ length: n }, (_, i) => q(t(start) + Math.floor((i * spanMin * MINUTE) / Math.max(n - 1, 1))));
const input = (events: RuleEvent[]) => ({ userNo: 'P3', user: person('P3', 'police', { name: '吴十' }), events });

describe('SEC_QUERY_OFF_HOURS', () => {
  it('fires yellow for 26 queries from 22:35 to 02:10, one night across midnight', () => {
    const evs = spread(26, '2026-11-03 22:35', 215);
    const f = only(rule.evaluate(input(evs), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'P3' });
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe('150402000000');
    expect(f.figures).toMatchObject({ night: '2026-11-03', queries: 26, firstAt: '2026-11-03 22:35', lastAt: '2026-11-04 02:10' });
    expect(f.eventIds).toHaveLength(26);
    expect(f.title).toBe('民警吴十（P3）在2026-11-03夜间（22:00至06:00）查询26次，时间2026-11-03 22:35至2026-11-04 02:10');
  });

  it('needs 20: 19 in the night does not fire, 20 does', () => {
    expect(rule.evaluate(input(spread(19, '2026-11-03 23:00', 60)), p, now)).toEqual([]);
    expect(rule.evaluate(input(spread(20, '2026-11-03 23:00', 60)), p, now)).toHaveLength(1);
  });

  it('counts from 22:00 to before 06:00 local: 21:59:59 and 06:00:00 are outside', () => {
    const core = spread(19, '2026-11-03 23:00', 60);
    expect(rule.evaluate(input([...core, q(t('2026-11-03 21:59:59'))]), p, now)).toEqual([]);
    expect(rule.evaluate(input([...core, q(t('2026-11-04 06:00:00'))]), p, now)).toEqual([]);
    expect(rule.evaluate(input([...core, q(t('2026-11-03 22:00:00'))]), p, now)).toHaveLength(1);
    expect(rule.evaluate(input([...core, q(t('2026-11-04 05:59:59'))]), p, now)).toHaveLength(1);
  });

  it('does not add up two nights, nor other users’ queries', () => {
    const two = [...spread(10, '2026-11-03 23:00', 60), ...spread(10, '2026-11-04 23:00', 60)];
    expect(rule.evaluate(input(two), p, now)).toEqual([]);
    const mixed = [...spread(19, '2026-11-03 23:00', 60), q(t('2026-11-04 01:00'), 'P9')];
    expect(rule.evaluate(input(mixed), p, now)).toEqual([]);
    // a day-time burst is not a night one
    expect(rule.evaluate(input(spread(50, '2026-11-04 09:00', 8 * HOUR / MINUTE)), p, now)).toEqual([]);
  });
});
