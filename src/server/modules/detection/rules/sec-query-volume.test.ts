import { describe, expect, it } from 'vitest';
import type { QueryDayInput, QueryUserDay } from './inputs.ts';
import { secQueryVolume as rule } from './sec-query-volume.ts';
import { at, only } from './testing.ts';

const p = rule.defaults;
const now = at('2026-11-10 00:30');
const user = (userNo: string, count: number, over: Partial<QueryUserDay> = {}): QueryUserDay => ({
  userNo, name: null, unit: '150200000000', roles: ['window_clerk'], count, history: Array(30).fill(40), eventIds: [`${userNo}-q`], ...over,
});
/** 50 window clerks with 100–149 queries */
const clerks = Array.from({ length: 50 }, (_, i) => user(`C${i}`, 100 + i));
const day = (...users: QueryUserDay[]): QueryDayInput => ({ day: '2026-11-09', users: [...clerks, ...users] });
const fires = (x: QueryUserDay, others = clerks) => rule.evaluate({ day: '2026-11-09', users: [...others, x] }, p, now).some((f) => f.subject.id === x.userNo);

describe('SEC_QUERY_VOLUME', () => {
  it('fires orange for 640 queries in a day against a usual 40', () => {
    const f = only(rule.evaluate(day(user('X', 640, { name: '周九' })), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'X' });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ day: '2026-11-09', queries: 640, threshold: 200, ownMedian: 40, ownBar: 200, peerRole: 'window_clerk', peers: 50 });
    expect(f.figures.peerBar).toBe(148.76);
    expect(f.eventIds).toEqual(['X-q']);
    expect(f.title).toMatch(/^周九（X）2026-11-09查询640次，超过阈值200（下限200、本人30日中位数40的5倍、同岗位（window_clerk）50人的99.5分位数148.8中的最高者）$/);
  });

  it('the floor: 200 does not fire, 201 does', () => {
    const low = { history: Array(30).fill(10) };
    expect(fires(user('X', 200, low))).toBe(false);
    expect(fires(user('X', 201, low))).toBe(true);
  });

  it('five times the own median: 250 against a median of 50 does not fire, 251 does', () => {
    const usual = { history: [...Array(15).fill(40), ...Array(15).fill(60)] };
    expect(fires(user('X', 250, usual))).toBe(false);
    expect(fires(user('X', 251, usual))).toBe(true);
  });

  it('the 99.5th percentile of same-role peers: equal does not fire, above does', () => {
    const busy = Array.from({ length: 50 }, (_, i) => user(`C${i}`, 300));
    expect(fires(user('X', 300), busy)).toBe(false);
    expect(fires(user('X', 301), busy)).toBe(true);
    // peers of another role do not count
    const others = busy.map((u) => ({ ...u, roles: ['investigator'] }));
    expect(fires(user('X', 250), others)).toBe(true);
  });

  it('holds a user with two roles to the higher peer bar, and works without history', () => {
    const mixed = [...clerks, ...Array.from({ length: 20 }, (_, i) => user(`S${i}`, 400, { roles: ['sysadmin'] }))];
    expect(fires(user('X', 350, { roles: ['window_clerk', 'sysadmin'] }), mixed)).toBe(false);
    expect(fires(user('X', 401, { roles: ['window_clerk', 'sysadmin'] }), mixed)).toBe(true);
    const f = only(rule.evaluate(day(user('X', 300, { history: [] })), p, now));
    expect(f.figures).toMatchObject({ ownMedian: null, threshold: 200 });
  });
});
