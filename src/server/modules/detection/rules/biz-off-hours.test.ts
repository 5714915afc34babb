import { describe, expect, it } from 'vitest';
import { bizOffHours as rule } from './biz-off-hours.ts';
import { at, ev, only, person } from './testing.ts';

const p = rule.defaults;
const now = at('2026-12-01 12:00');
const vehicle = (time: string) =>
  ev('vehicle.business', time, { bizNo: 'B1', bizType: 'transfer', plate: '蒙B12345', vin: 'LSVAU2180N2183294', ownerIdNo: 'O1', windowId: 'W3' }, { actor: 'P1', unit: '150203000000' });
const fires = (time: string) => rule.evaluate({ event: vehicle(time), actor: person('P1', 'police') }, p, now).length === 1;

describe('BIZ_OFF_HOURS', () => {
  it('fires blue for a window business at 21:35 local', () => {
    const e = vehicle('2026-11-03 21:35');
    const f = only(rule.evaluate({ event: e, actor: person('P1', 'police', { name: '李四' }) }, p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'P1' });
    expect(f.level).toBe('blue');
    expect(f.unit).toBe('150203000000');
    expect(f.figures).toMatchObject({ localTime: '21:35:00', bizType: 'transfer', windowId: 'W3' });
    expect(f.eventIds).toEqual([e.id]);
    expect(f.title).toBe('民警李四（P1）于2026-11-03 21:35（非工作时间）办理机动车业务（转移登记）');
  });

  it('starts at 20:00 and ends at 07:00 local time', () => {
    expect(fires('2026-11-03 19:59:59')).toBe(false);
    expect(fires('2026-11-03 20:00:00')).toBe(true);
    expect(fires('2026-11-04 06:59:59')).toBe(true);
    expect(fires('2026-11-04 07:00:00')).toBe(false);
    // 12:30 UTC is 20:30 local: judged in Asia/Shanghai whatever the machine's zone
    expect(rule.evaluate({ event: ev('driver.business', Date.parse('2026-11-03T12:30:00Z'), { bizNo: 'B', bizType: 'renewal', idNo: 'X', windowId: 'W' }, { actor: 'P2' }), actor: null }, p, now)).toHaveLength(1);
  });

  it('covers window violation processing but not online processing', () => {
    const data = { violationNo: 'V1', plate: '蒙A12345', licenseIdNo: 'L', pointsApplied: 3 };
    const win = ev('violation.processed', '2026-11-03 22:00', { ...data, channel: 'window', windowId: 'W' }, { actor: 'P3' });
    expect(only(rule.evaluate({ event: win, actor: null }, p, now)).title).toContain('违法处理（V1）');
    const online = ev('violation.processed', '2026-11-03 22:00', { ...data, channel: 'online' });
    expect(rule.evaluate({ event: online, actor: null }, p, now)).toEqual([]);
  });
});
