import { describe, expect, it } from 'vitest';
import { maskSubject, secSensitiveSubject as rule } from './sec-sensitive-subject.ts';
import { at, ev, only } from './testing.ts';

const VIP = '150102196505051238';
const now = at('2026-11-05 12:00');
const query = (subject: string, linkedBizNo?: string) =>
  ev('system.query', '2026-11-03 15:22', { queryKind: 'person', subject, terminalIp: '10.2.3.4', resultCount: 1, ...(linkedBizNo ? { linkedBizNo } : {}) }, { actor: 'F2', unit: '150102000000' });
const listed = (active = true) => ({ subject: VIP, active, eventId: 'ref-sensitive-1' });

describe('SEC_SENSITIVE_SUBJECT', () => {
  it('fires orange for a look-up of a listed subject, masked in the title', () => {
    const q = query(VIP);
    const f = only(rule.evaluate({ query: q, sensitive: listed() }, rule.defaults, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'F2' });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ queriedSubject: VIP, queryKind: 'person', linkedBizNo: null, terminalIp: '10.2.3.4' });
    expect(f.eventIds).toEqual([q.id, 'ref-sensitive-1']);
    expect(f.title).toBe('F2于2026-11-03 15:22查询敏感对象150102********1238（人员查询，无关联业务）');
    expect(f.title).not.toContain(VIP);
  });

  it('fires even with a linked business; not for an inactive entry or another subject', () => {
    expect(rule.evaluate({ query: query(VIP, 'CL1'), sensitive: listed() }, rule.defaults, now)).toHaveLength(1);
    expect(rule.evaluate({ query: query(VIP), sensitive: listed(false) }, rule.defaults, now)).toEqual([]);
    expect(rule.evaluate({ query: query('150102196505051246'), sensitive: listed() }, rule.defaults, now)).toEqual([]);
    expect(rule.evaluate({ query: query(VIP), sensitive: null }, rule.defaults, now)).toEqual([]);
  });

  it('masks plates too', () => {
    expect(maskSubject('蒙A12345')).toBe('蒙A***45');
  });
});
