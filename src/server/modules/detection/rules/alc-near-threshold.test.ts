import { describe, expect, it } from 'vitest';
import { alcNearThreshold as rule } from './alc-near-threshold.ts';
import { buildCase, CASE_NO, checkOrderIndependence, ev, LATER, SAMPLE_NO, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec, params = rule.defaults) => rule.evaluate(buildCase(spec), params, LATER);
const levelAt = (blood: number) => run({ breath: 90, blood })[0]?.level ?? null;

describe('ALC_NEAR_THRESHOLD', () => {
  it('fires orange just below 80, with the figures', () => {
    const input = buildCase({ breath: 95, blood: 79.5 });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_NEAR_THRESHOLD');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('orange');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('血检79.5略低于醉驾标准80');
    expect(f.figures).toEqual({ blood: 79.5, line: 80, distance: -0.5, below: true, labId: 'LAB-150100-01' });
    expect(f.eventIds).toEqual([input.events.find((e) => e.type === 'alcohol.lab_report')!.id]);
  });

  it('fires yellow at and just above the line', () => {
    expect(levelAt(80)).toBe('yellow');
    expect(levelAt(84)).toBe('yellow');
    expect(levelAt(20)).toBe('yellow');
    const [f] = run({ breath: 30, blood: 21 });
    expect(f.title).toBe('血检21处于饮酒标准20临界值');
  });

  it('the edges of ±8 around 80: 72 and 88 fire, 71.9 and 88.1 do not', () => {
    expect(levelAt(72)).toBe('orange');
    expect(levelAt(71.9)).toBeNull();
    expect(levelAt(88)).toBe('yellow');
    expect(levelAt(88.1)).toBeNull();
    expect(levelAt(79.9)).toBe('orange');
  });

  it('the edges of ±2 around 20: 18 and 22 fire, 17.9 and 22.1 do not', () => {
    expect(levelAt(18)).toBe('orange');
    expect(levelAt(17.9)).toBeNull();
    expect(levelAt(22)).toBe('yellow');
    expect(levelAt(22.1)).toBeNull();
    expect(levelAt(19.9)).toBe('orange');
  });

  it('values far from both lines, and cases without a report, do not fire', () => {
    expect(levelAt(50)).toBeNull();
    expect(levelAt(0)).toBeNull();
    expect(levelAt(172)).toBeNull();
    expect(run({ reportAfterH: null, blood: 79 })).toEqual([]);
  });

  it('with two reports, the more severe one speaks for the case', () => {
    const recheck = ev('alcohol.lab_report', Date.parse('2026-11-10T10:00:00+08:00'), {
      caseNo: CASE_NO, sampleNo: SAMPLE_NO, labId: 'LAB-150100-02', valueMg100ml: 78, reportPhotoSha256: 'e'.repeat(64),
    }, { id: 'report-recheck', actor: null, location: null });
    const [f] = run({ breath: 95, blood: 83, extra: [recheck] });
    expect(f.level).toBe('orange');
    expect(f.figures.blood).toBe(78);
    expect(f.eventIds).toEqual(['report-recheck']);
  });

  it('reads its parameters', () => {
    expect(run({ breath: 95, blood: 75 }, { ...rule.defaults, drunkBandMg: 4 })).toEqual([]);
    expect(run({ breath: 95, blood: 77 }, { ...rule.defaults, drunkBandMg: 4 })[0].level).toBe('orange');
    expect(Object.keys(rule.paramLabels).sort()).toEqual(Object.keys(rule.defaults).sort());
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(5);
  });
});
