import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../rule.ts';
import type { PersonRef } from './inputs.ts';
import { secQueryNoBusiness as rule } from './sec-query-no-business.ts';
import { MINUTE } from './common.ts';
import { at, ev, only, person, t } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-05 12:00');
const q = (ms: number, linkedBizNo?: string) =>
  ev('system.query', ms, { queryKind: 'person', subject: '150102198001011234', terminalIp: '10.1.1.1', resultCount: 1, ...(linkedBizNo ? { linkedBizNo } : {}) }, { actor: 'C7', unit: '150500000000' });
const day = (n: number, start = '2026-11-03 09:00', linked?: string): RuleEvent[] => Array.from({ length: n }, (_, i) => q(t(start) + i * 10 * MINUTE, linked));
const clerk = person('C7', 'police', { name: '郑一', roles: ['window_clerk'] });
const input = (events: RuleEvent[], user: PersonRef | null = clerk) => ({ userNo: 'C7', user, events });

describe('SEC_QUERY_NO_BUSINESS', () => {
  it('fires yellow for 38 unlinked queries in a day', () => {
    const f = only(rule.evaluate(input(day(38)), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'C7' });
    expect(f.level).toBe('yellow');
    expect(f.figures).toMatchObject({ day: '2026-11-03', queries: 38, roles: 'window_clerk' });
    expect(f.eventIds).toHaveLength(38);
    expect(f.title).toBe('民警郑一（C7）2026-11-03无业务关联查询38次');
  });

  it('needs 30: 29 unlinked (plus linked ones) does not fire, 30 does', () => {
    expect(rule.evaluate(input([...day(29), ...day(20, '2026-11-03 14:00', 'JC1')]), p, now)).toEqual([]);
    expect(rule.evaluate(input(day(30)), p, now)).toHaveLength(1);
  });

  it('counts local days: 23:59 and 00:00 are two days', () => {
    const evs = [...day(15, '2026-11-03 21:30'), ...day(15, '2026-11-04 00:00')];
    expect(evs[14].at).toBe(t('2026-11-03 23:50'));
    expect(rule.evaluate(input(evs), p, now)).toEqual([]);
  });

  it('spares roles allowed free queries, and judges an unknown user', () => {
    expect(rule.evaluate(input(day(40)), { ...p, freeQueryRoles: 'investigator, window_clerk' }, now)).toEqual([]);
    expect(rule.evaluate(input(day(40), null), p, now)).toHaveLength(1);
  });
});
