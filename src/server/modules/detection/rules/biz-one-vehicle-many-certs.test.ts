import { describe, expect, it } from 'vitest';
import { bizOneVehicleManyCerts as rule } from './biz-one-vehicle-many-certs.ts';
import { at, ev, only } from './testing.ts';

const VIN = 'LSVAU2180N2183294';
const p = rule.defaults;
const now = at('2027-12-31 12:00');
const biz = (time: string, bizType: string, plate = '蒙D12345') =>
  ev('vehicle.business', time, { bizNo: `B-${time}`, bizType, plate, vin: VIN, ownerIdNo: 'O1', windowId: 'W1' }, { actor: 'C1' });
const input = (events: ReturnType<typeof biz>[]) => ({ vin: VIN, events });

describe('BIZ_ONE_VEHICLE_MANY_CERTS', () => {
  it('fires for a plate and a certificate reissue within a year', () => {
    const a = biz('2026-11-02 09:30', 'plate_reissue');
    const b = biz('2026-11-08 10:00', 'certificate_reissue');
    const f = only(rule.evaluate(input([biz('2026-01-05 09:00', 'register'), b, a]), p, now));
    expect(f.subject).toEqual({ kind: 'vin', id: VIN });
    expect(f.level).toBe('yellow');
    expect(f.figures).toMatchObject({ reissues: 2, reissueTypes: 'plate_reissue,certificate_reissue', twoPlates: false });
    expect(f.eventIds).toEqual([a.id, b.id]);
  });

  it('does not fire for one reissue, nor for two more than 365 days apart (exactly 365 still counts)', () => {
    expect(rule.evaluate(input([biz('2026-11-02 09:30', 'plate_reissue')]), p, now)).toEqual([]);
    const a = biz('2026-01-10 09:30', 'plate_reissue');
    expect(rule.evaluate(input([a, biz('2027-01-10 09:30:01', 'certificate_reissue')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([a, biz('2027-01-10 09:30:00', 'certificate_reissue')]), p, now)).toHaveLength(1);
  });

  it('fires for a second registration under another plate while the first is in use', () => {
    const first = biz('2026-11-02 09:30', 'transfer', '蒙B11111');
    const second = biz('2026-11-04 10:00', 'register', '蒙B22222');
    const f = only(rule.evaluate(input([second, first]), p, now));
    expect(f.figures).toMatchObject({ twoPlates: true, plates: '蒙B11111,蒙B22222', reissues: 0 });
    expect(f.eventIds).toEqual([first.id, second.id]);
    expect(f.title).toBe(`车辆${VIN}同时登记蒙B11111、蒙B22222两副号牌`);
  });

  it('does not fire after a deregistration, for the same plate, or for a plate changed by transfer', () => {
    const old = biz('2026-03-02 09:30', 'register', '蒙B11111');
    expect(rule.evaluate(input([old, biz('2026-05-01 09:00', 'deregister', '蒙B11111'), biz('2026-11-04 10:00', 'register', '蒙B22222')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([old, biz('2026-11-04 10:00', 'register', '蒙B11111')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([old, biz('2026-06-01 10:00', 'transfer', '蒙K33333'), biz('2026-07-01 10:00', 'other', '蒙K33333')]), p, now)).toEqual([]);
  });
});
