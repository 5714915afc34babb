import { describe, expect, it } from 'vitest';
import { binomialUpperTail } from '../stats.ts';
import type { InspectionCell, InspectionMonthInput } from './inputs.ts';
import { inspPassRateOutlier as rule } from './insp-pass-rate-outlier.ts';
import { at } from './testing.ts';

const p = rule.defaults;
const now = at('2026-12-01 01:00');
const cell = (stationId: string, vehicleClass: string, inspections: number, firstPassed: number, unit = '150300000000'): InspectionCell => ({
  stationId, vehicleClass, registeredRegion: '蒙C', inspections, firstPassed, unit, eventIds: [`${stationId}-${vehicleClass}`],
});
/** ten ordinary stations: 200 heavy trucks each at 80 % first pass, and 200 small cars at 95 % */
const ordinary = Array.from({ length: 10 }, (_, i) => [cell(`ST${i}`, 'truck_heavy', 200, 160), cell(`ST${i}`, 'small', 200, 190)]).flat();
const month = (...extra: InspectionCell[]): InspectionMonthInput => ({ month: '2026-11', cells: [...ordinary, ...extra], stationCityPrefixes: {} });

describe('INSP_PASS_RATE_OUTLIER', () => {
  it('fires yellow for a station passing 119 of 120 heavy trucks where the rest pass 80 %', () => {
    const [f, ...rest] = rule.evaluate(month(cell('WH1', 'truck_heavy', 120, 119, '150302000000')), p, now);
    expect(rest).toEqual([]);
    expect(f.subject).toEqual({ kind: 'station', id: 'WH1' });
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe('150302000000');
    expect(f.figures).toMatchObject({ vehicleClass: 'truck_heavy', inspections: 120, firstPassed: 119, provinceRate: 0.8, provinceInspections: 2000, month: '2026-11' });
    expect(f.eventIds).toEqual(['WH1-truck_heavy']);
    expect(f.title).toMatch(/^检验机构WH12026-11重型货车一次检验合格率99\.2%（120辆），显著高于全省其他检验机构的80\.0%/);
  });

  it('fires from the first pass count with p below 0.001', () => {
    let k = 0;
    while (!(binomialUpperTail(k, 120, 0.8) < p.alpha)) k++;
    expect(rule.evaluate(month(cell('WH1', 'truck_heavy', 120, k - 1)), p, now)).toEqual([]);
    expect(rule.evaluate(month(cell('WH1', 'truck_heavy', 120, k)), p, now)).toHaveLength(1);
  });

  it('needs 100 inspections of the class: 99 all passed does not fire, 100 does', () => {
    expect(rule.evaluate(month(cell('WH1', 'truck_heavy', 99, 99)), p, now)).toEqual([]);
    expect(rule.evaluate(month(cell('WH1', 'truck_heavy', 100, 100)), p, now)).toHaveLength(1);
  });

  it('computes each class on its own and ignores the classes not named', () => {
    // 100 % of small cars is no finding (not a judged class), and trucks are not mixed with them
    expect(rule.evaluate(month(cell('WH1', 'small', 500, 500), cell('WH1', 'truck_heavy', 50, 50)), p, now)).toEqual([]);
    const f = rule.evaluate({ ...month(), cells: [cell('A', 'school_bus', 200, 150), cell('B', 'school_bus', 200, 150), cell('WH1', 'school_bus', 150, 150)] }, p, now);
    expect(f.map((x) => [x.subject.id, x.figures.vehicleClass])).toEqual([['WH1', 'school_bus']]);
  });
});
