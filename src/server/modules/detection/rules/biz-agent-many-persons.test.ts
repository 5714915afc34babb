import { describe, expect, it } from 'vitest';
import { bizAgentManyPersons as rule } from './biz-agent-many-persons.ts';
import { at, ev, only } from './testing.ts';
import type { RuleEvent } from '../rule.ts';

const AGENT = '150102198505051236';
const p = rule.defaults;
const now = at('2026-12-31 12:00');
const input = (events: RuleEvent[]) => ({ agentIdNo: AGENT, events });

let n = 0;
/** a business for a new person (or the one given) through the agent */
function biz(time: string, person = `P${++n}`): RuleEvent {
  const kind = n % 3;
  if (kind === 0) return ev('driver.business', time, { bizNo: `B${n}`, bizType: 'renewal', idNo: person, agentIdNo: AGENT, windowId: 'W1' }, { actor: 'C1' });
  if (kind === 1) return ev('vehicle.business', time, { bizNo: `B${n}`, bizType: 'other', plate: '蒙A12345', vin: 'LSVAU2180N2183294', ownerIdNo: person, agentIdNo: AGENT, windowId: 'W1' }, { actor: 'C1' });
  return ev('violation.processed', time, { violationNo: `V${n}`, plate: '蒙A12345', licenseIdNo: person, pointsApplied: 3, agentIdNo: AGENT, windowId: 'W1', channel: 'window' }, { actor: 'C1' });
}
const sameDay = (k: number, date = '2026-11-03') => Array.from({ length: k }, (_, i) => biz(`${date} ${String(9 + i).padStart(2, '0')}:10`));

describe('BIZ_AGENT_MANY_PERSONS', () => {
  it('fires orange for three persons in one local day', () => {
    const f = only(rule.evaluate(input(sameDay(3)), p, now));
    expect(f.subject).toEqual({ kind: 'citizen', id: AGENT });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ personsInDay: 3, busiestDay: '2026-11-03', personsInWindow: 3 });
    expect(f.eventIds).toHaveLength(3);
  });

  it('does not fire for two persons a day, nor count one person twice or the agent himself', () => {
    expect(rule.evaluate(input(sameDay(2)), p, now)).toEqual([]);
    const [a, b] = sameDay(2);
    expect(rule.evaluate(input([a, b, biz('2026-11-03 15:00', String(a.data.idNo ?? a.data.ownerIdNo ?? a.data.licenseIdNo))]), p, now)).toEqual([]);
    expect(rule.evaluate(input([a, b, biz('2026-11-03 16:00', AGENT)]), p, now)).toEqual([]);
  });

  it('splits days at local midnight, not UTC midnight', () => {
    // 23:30 and 00:30 local are the same UTC day but two local days
    const evs = [biz('2026-11-03 22:00'), biz('2026-11-03 23:30'), biz('2026-11-04 00:30')];
    expect(rule.evaluate(input(evs), p, now)).toEqual([]);
    const f = only(rule.evaluate(input([...evs.slice(0, 2), biz('2026-11-03 23:59:59')]), p, now));
    expect(f.figures.busiestDay).toBe('2026-11-03');
  });

  it('fires for six persons in 30 days, not five, not six spread over 31 days', () => {
    const days = ['2026-11-01', '2026-11-06', '2026-11-11', '2026-11-16', '2026-11-21', '2026-11-30'];
    const six = days.map((d) => biz(`${d} 10:00`));
    const f = only(rule.evaluate(input(six), p, now));
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ personsInDay: 1, personsInWindow: 6, windowFrom: '2026-11-01', windowTo: '2026-11-30' });
    expect(rule.evaluate(input(six.slice(1)), p, now)).toEqual([]);
    const spread = [...six.slice(0, 5), biz('2026-12-01 10:00')];
    expect(rule.evaluate(input(spread), p, now)).toEqual([]);
  });

  it('turns red at twice a threshold: 6 in a day (not 5), 12 in 30 days (not 11)', () => {
    expect(only(rule.evaluate(input(sameDay(6)), p, now)).level).toBe('red');
    expect(only(rule.evaluate(input(sameDay(5)), p, now)).level).toBe('orange');
    const month = (k: number) => Array.from({ length: k }, (_, i) => biz(`2026-11-${String(1 + 2 * i).padStart(2, '0')} 10:00`));
    expect(only(rule.evaluate(input(month(12)), p, now)).level).toBe('red');
    const eleven = only(rule.evaluate(input(month(11)), p, now));
    expect(eleven.level).toBe('orange');
    expect(eleven.figures.personsInWindow).toBe(11);
  });

  it('gives the same finding in any arrival order', () => {
    const evs = sameDay(4);
    expect(rule.evaluate(input([...evs].reverse()), p, now)).toEqual(rule.evaluate(input(evs), p, now));
  });
});
