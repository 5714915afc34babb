import { describe, expect, it } from 'vitest';
import type { RuleEvent } from '../rule.ts';
import { conductLevel as rule } from './conduct-level.ts';
import type { StaffConductInput, UnitConductInput } from './inputs.ts';
import { at, ev, only } from './testing.ts';

const p = rule.defaults;
const now = at('2027-06-01 12:00');
let n = 0;
const deduction = (personNo: string, points: number, time = `2027-0${1 + (n++ % 5)}-10 10:00`) =>
  ev('conduct.deduction', time, { personNo, itemCode: 'C09-03', points, note: '值班期间脱岗' }, { actor: 'SUP1' });
const staff = (deductions: RuleEvent[]): StaffConductInput => ({ kind: 'staff', personNo: 'P7', name: '陈三', unit: '150105000000', deductions });
const unit = (deductions: RuleEvent[], headcount = 10): UnitConductInput => ({ kind: 'unit', unitCode: '150105000000', unitName: '赛罕区大队', headcount, deductions });
const levelOf = (points: number[]) => rule.evaluate(staff(points.map((x) => deduction('P7', x))), p, now)[0]?.level ?? null;
const unitLevelOf = (total: number) => rule.evaluate(unit([deduction('P1', total)]), p, now)[0]?.level ?? null;

describe('CONDUCT_LEVEL', () => {
  it('fires blue for a person at 7 points over 12 months', () => {
    const ds = [deduction('P7', 3), deduction('P7', 2), deduction('P7', 2)];
    const f = only(rule.evaluate(staff(ds), p, now));
    expect(f.subject).toEqual({ kind: 'staff', id: 'P7' });
    expect(f.level).toBe('blue');
    expect(f.unit).toBe('150105000000');
    expect(f.figures).toMatchObject({ points: 7, deductions: 3, levelBar: 6, from: '2026-06-01', to: '2027-06-01' });
    expect(f.eventIds).toHaveLength(3);
    expect(f.title).toBe('陈三（P7）近12个月累计扣7分，达蓝色预警（6分）');
  });

  it('steps through the person levels at 6, 12, 18 and 24', () => {
    expect(levelOf([5.5])).toBe(null);
    expect(levelOf([6])).toBe('blue');
    expect(levelOf([6, 5])).toBe('blue');
    expect(levelOf([6, 6])).toBe('yellow');
    expect(levelOf([10, 7])).toBe('yellow');
    expect(levelOf([10, 8])).toBe('orange');
    expect(levelOf([12, 11])).toBe('orange');
    expect(levelOf([12, 12])).toBe('red');
  });

  it('counts the last 12 calendar months: exactly 12 months old has dropped out', () => {
    const edge = (time: string) => rule.evaluate(staff([deduction('P7', 3, '2027-05-01 09:00'), deduction('P7', 3, time)]), p, now);
    expect(edge('2026-06-01 12:00:00')).toEqual([]);
    expect(edge('2026-06-01 12:00:01')).toHaveLength(1);
    // and nothing after now
    expect(edge('2027-06-01 12:00:01')).toEqual([]);
  });

  it('ignores deductions of other persons in a person’s input', () => {
    expect(rule.evaluate(staff([deduction('P7', 5), deduction('P8', 5)]), p, now)).toEqual([]);
  });

  it('fires for a unit by points per head at 2, 4, 6 and 8', () => {
    const f = only(rule.evaluate(unit([deduction('P1', 13), deduction('P2', 9)]), p, now));
    expect(f.subject).toEqual({ kind: 'unit', id: '150105000000' });
    expect(f.level).toBe('blue');
    expect(f.figures).toMatchObject({ perHead: 2.2, points: 22, headcount: 10, persons: 2 });
    expect(f.title).toBe('赛罕区大队（150105000000）近12个月人均扣2.2分（22分/10人），达蓝色预警（人均2分）');
    expect(unitLevelOf(19)).toBe(null);
    expect(unitLevelOf(20)).toBe('blue');
    expect(unitLevelOf(39)).toBe('blue');
    expect(unitLevelOf(40)).toBe('yellow');
    expect(unitLevelOf(59)).toBe('yellow');
    expect(unitLevelOf(60)).toBe('orange');
    expect(unitLevelOf(79)).toBe('orange');
    expect(unitLevelOf(80)).toBe('red');
  });

  it('does not divide by an empty unit', () => {
    expect(rule.evaluate(unit([deduction('P1', 30)], 0), p, now)).toEqual([]);
  });
});
