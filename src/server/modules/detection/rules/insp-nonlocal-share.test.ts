import { describe, expect, it } from 'vitest';
import type { InspectionCell, InspectionMonthInput } from './inputs.ts';
import { inspNonlocalShare as rule } from './insp-nonlocal-share.ts';
import { at, only } from './testing.ts';

const p = rule.defaults;
const now = at('2026-12-01 01:00');
const cell = (registeredRegion: string, inspections: number, vehicleClass = 'truck_heavy'): InspectionCell => ({
  stationId: 'WH1', vehicleClass, registeredRegion, inspections, firstPassed: inspections, unit: '150302000000', eventIds: [`WH1-${registeredRegion}-${vehicleClass}`],
});
const month = (cells: InspectionCell[], prefixes: string[] = ['蒙C']): InspectionMonthInput => ({ month: '2026-11', cells, stationCityPrefixes: { WH1: prefixes } });

describe('INSP_NONLOCAL_SHARE', () => {
  it('fires blue for a station inspecting 80 % non-local vehicles', () => {
    const f = only(rule.evaluate(month([cell('蒙C', 24), cell('蒙B', 40), cell('蒙A', 36), cell('蒙B', 20, 'small')]), p, now));
    expect(f.subject).toEqual({ kind: 'station', id: 'WH1' });
    expect(f.level).toBe('blue');
    expect(f.unit).toBe('150302000000');
    expect(f.figures).toMatchObject({ inspections: 120, nonLocal: 96, share: 0.8, localPrefixes: '蒙C', topRegions: '蒙B:60,蒙A:36' });
    expect(f.eventIds).toEqual(['WH1-蒙A-truck_heavy', 'WH1-蒙B-small', 'WH1-蒙B-truck_heavy']);
    expect(f.title).toBe('检验机构WH12026-11检验120辆，其中异地车辆96辆（80.0%），超过50.0%');
  });

  it('needs more than half: 50 of 100 does not fire, 51 does', () => {
    expect(rule.evaluate(month([cell('蒙C', 50), cell('蒙B', 50)]), p, now)).toEqual([]);
    expect(rule.evaluate(month([cell('蒙C', 49), cell('蒙B', 51)]), p, now)).toHaveLength(1);
  });

  it('needs 100 inspections: 99 does not fire', () => {
    expect(rule.evaluate(month([cell('蒙C', 30), cell('蒙B', 69)]), p, now)).toEqual([]);
  });

  it('counts every prefix of the city as local, and skips a station whose city is unknown', () => {
    expect(rule.evaluate(month([cell('蒙C', 30), cell('蒙X', 70)], ['蒙C', '蒙X']), p, now)).toEqual([]);
    expect(rule.evaluate({ ...month([cell('蒙B', 200)]), stationCityPrefixes: {} }, p, now)).toEqual([]);
  });
});
