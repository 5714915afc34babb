import { describe, expect, it } from 'vitest';
import { bizOneLicenseManyVehicles as rule } from './biz-one-license-many-vehicles.ts';
import type { LicenceProcessingsInput } from './inputs.ts';
import { at, ev, only } from './testing.ts';

const BROKER = '150203198001011234';
const p = rule.defaults;
const now = at('2027-12-31 12:00');

let n = 0;
function processing(time: string, plate: string, owner: string, points = 3): LicenceProcessingsInput['processings'][number] {
  const violationNo = `V${++n}`;
  return {
    recorded: ev('violation.recorded', time, { violationNo, plate, ownerIdNo: owner, code: '1352', points: 3, fine: 200 }),
    processed: ev('violation.processed', time, { violationNo, plate, licenseIdNo: BROKER, pointsApplied: points, windowId: 'W1', channel: 'window' }, { actor: 'P1' }),
  };
}
const input = (processings: LicenceProcessingsInput['processings']): LicenceProcessingsInput => ({ licenseIdNo: BROKER, processings });

describe('BIZ_ONE_LICENSE_MANY_VEHICLES', () => {
  it('fires when one licence takes points for three strangers’ vehicles', () => {
    const ps = [
      processing('2026-11-05 10:05', '蒙B12345', 'O1'),
      processing('2026-11-05 10:17', '蒙B22345', 'O2', 3),
      processing('2026-11-05 10:29', '蒙B32345', 'O3', 1),
    ];
    const f = only(rule.evaluate(input(ps), p, now));
    expect(f.subject).toEqual({ kind: 'citizen', id: BROKER });
    expect(f.level).toBe('orange');
    expect(f.figures).toMatchObject({ vehicles: 3, points: 7, plates: '蒙B12345,蒙B22345,蒙B32345', processings: 3 });
    expect(f.eventIds).toHaveLength(6);
  });

  it('does not fire for two vehicles, nor count the holder’s own car, a repeat plate or a pointless processing', () => {
    const two = [processing('2026-11-05 10:05', '蒙B12345', 'O1'), processing('2026-11-05 10:17', '蒙B22345', 'O2')];
    expect(rule.evaluate(input(two), p, now)).toEqual([]);
    expect(rule.evaluate(input([...two, processing('2026-11-06 10:00', '蒙B32345', BROKER)]), p, now)).toEqual([]);
    expect(rule.evaluate(input([...two, processing('2026-11-06 10:00', '蒙B12345', 'O1')]), p, now)).toEqual([]);
    expect(rule.evaluate(input([...two, processing('2026-11-06 10:00', '蒙B32345', 'O3', 0)]), p, now)).toEqual([]);
  });

  it('counts within 365 days: exactly 365 days apart fires, a second more does not', () => {
    const a = processing('2026-01-01 10:00', '蒙B12345', 'O1');
    const b = processing('2026-06-01 10:00', '蒙B22345', 'O2');
    expect(rule.evaluate(input([a, b, processing('2027-01-01 10:00:00', '蒙B32345', 'O3')]), p, now)).toHaveLength(1);
    expect(rule.evaluate(input([a, b, processing('2027-01-01 10:00:01', '蒙B32345', 'O3')]), p, now)).toEqual([]);
  });

  it('waits for the violation record: an unknown owner is not counted', () => {
    const ps = [processing('2026-11-05 10:05', '蒙B12345', 'O1'), processing('2026-11-05 10:17', '蒙B22345', 'O2'), processing('2026-11-05 10:29', '蒙B32345', 'O3')];
    ps[2] = { ...ps[2], recorded: null };
    expect(rule.evaluate(input(ps), p, now)).toEqual([]);
  });
});
