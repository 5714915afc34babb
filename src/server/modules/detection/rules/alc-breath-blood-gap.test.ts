import { describe, expect, it } from 'vitest';
import { alcBreathBloodGap as rule } from './alc-breath-blood-gap.ts';
import { buildCase, CASE_NO, checkOrderIndependence, ev, HOUR, LATER, SAMPLE_NO, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec, params = rule.defaults) => rule.evaluate(buildCase(spec), params, LATER);
const fires = (spec: CaseSpec) => run(spec).length > 0;

describe('ALC_BREATH_BLOOD_GAP', () => {
  it('fires red when a drunk breath value becomes a sub-80 lab value, with the figures of rules.md', () => {
    const input = buildCase({ breath: 196, drawAfterH: 1.4, blood: 62 });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_BREATH_BLOOD_GAP');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('red');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('呼气196与血检62差值异常');
    // 196 − 25 × 1.4 = 161 is the lowest physiologically possible; 15 % of 196 = 29.4 the tolerance
    expect(f.figures).toEqual({
      breath: 196, blood: 62, hours: 1.4, lowestPossible: 161, tolerance: 29.4, direction: 'low', limit: 131.6, labId: 'LAB-150100-01',
    });
    const byType = (t: string) => input.events.find((e) => e.type === t)!.id;
    expect(f.eventIds).toEqual([byType('alcohol.breath_test'), byType('alcohol.blood_drawn'), byType('alcohol.lab_report')]);
  });

  it('is orange when the lab value stays on the same side of 80, or the breath value was below it', () => {
    // 150 − 25 − 22.5 = 102.5 > 90 ≥ 80
    expect(run({ breath: 150, drawAfterH: 1, blood: 90 })[0].level).toBe('orange');
    // 70 − 12.5 − 10.5 = 47 > 30, breath < 80
    expect(run({ breath: 70, drawAfterH: 0.5, blood: 30 })[0].level).toBe('orange');
  });

  it('red needs breath ≥ 80: 80 is red, 79.9 orange', () => {
    expect(run({ breath: 80, drawAfterH: 0, blood: 60 })[0].level).toBe('red');
    expect(run({ breath: 79.9, drawAfterH: 0, blood: 60 })[0].level).toBe('orange');
  });

  it('the lower edge: blood exactly at breath − β·Δt − tol does not fire, 0.1 below does', () => {
    // 200 − 25 × 1 − 30 = 145
    expect(fires({ breath: 200, drawAfterH: 1, blood: 145 })).toBe(false);
    expect(fires({ breath: 200, drawAfterH: 1, blood: 144.9 })).toBe(true);
    // Δt is measured to the draw: 6 minutes less elimination moves the edge up by 2.5
    expect(fires({ breath: 200, drawAfterH: 0.9, blood: 147.4 })).toBe(true);
    expect(fires({ breath: 200, drawAfterH: 0.9, blood: 147.5 })).toBe(false);
  });

  it('the tolerance is at least 10: at breath 60 the edge is 60 − 25 − 10 = 25, not 26', () => {
    expect(fires({ breath: 60, drawAfterH: 1, blood: 25 })).toBe(false);
    expect(fires({ breath: 60, drawAfterH: 1, blood: 24.9 })).toBe(true);
    // at breath 100 the two are equal (15 = 15 % of 100), above it the percentage rules
    expect(fires({ breath: 100, drawAfterH: 1, blood: 60 })).toBe(false);
    expect(fires({ breath: 100, drawAfterH: 1, blood: 59.9 })).toBe(true);
  });

  it('the upper edge: blood above breath + tol + 20 fires orange, exactly at it does not', () => {
    expect(fires({ breath: 100, drawAfterH: 1, blood: 135 })).toBe(false);
    const [f] = run({ breath: 100, drawAfterH: 1, blood: 135.1 });
    expect(f.level).toBe('orange');
    expect(f.figures.direction).toBe('high');
    expect(f.figures.limit).toBe(135);
    // the floor of the tolerance applies here too: 40 + 10 + 20
    expect(fires({ breath: 40, drawAfterH: 1, blood: 70 })).toBe(false);
    expect(fires({ breath: 40, drawAfterH: 1, blood: 70.1 })).toBe(true);
  });

  it('an honest case, a refusal, a missing draw or a missing report never fire', () => {
    expect(fires({})).toBe(false);
    expect(fires({ breath: 'refused', blood: 20 })).toBe(false);
    expect(fires({ breath: null, blood: 20 })).toBe(false);
    expect(fires({ drawAfterH: null })).toBe(false);
    expect(fires({ reportAfterH: null, blood: 10 })).toBe(false);
  });

  it('a draw recorded before the breath test gives no elimination credit', () => {
    // Δt = −1 h counts as 0: 200 − 30 = 170 is the edge
    expect(fires({ breath: 200, drawAfterH: -1, blood: 170 })).toBe(false);
    const [f] = run({ breath: 200, drawAfterH: -1, blood: 169.9 });
    expect(f.figures.hours).toBe(-1);
    expect(f.figures.lowestPossible).toBe(200);
  });

  it('a recheck that contradicts the breath value fires, with the recheck’s figures', () => {
    const recheck = ev('alcohol.lab_report', Date.parse('2026-11-10T10:00:00+08:00'), {
      caseNo: CASE_NO, sampleNo: SAMPLE_NO, labId: 'LAB-150100-02', valueMg100ml: 70, reportPhotoSha256: 'e'.repeat(64),
    }, { id: 'report-recheck', actor: null, location: null });
    const [f] = run({ breath: 196, drawAfterH: 1, blood: 170, extra: [recheck] });
    expect(f.level).toBe('red');
    expect(f.figures.blood).toBe(70);
    expect(f.figures.labId).toBe('LAB-150100-02');
    expect(f.eventIds).toContain('report-recheck');
  });

  it('judges a report on a second tube against that tube’s own draw', () => {
    const second = [
      ev('alcohol.blood_drawn', Date.parse('2026-11-01T02:04:00+08:00'), {
        caseNo: CASE_NO, sampleNo: 'XY-2', sealNo: 'FT2', institution: 'H', photoSha256: 'b'.repeat(64),
      }, { id: 'draw-2' }),
      ev('alcohol.lab_report', Date.parse('2026-11-05T10:00:00+08:00'), {
        caseNo: CASE_NO, sampleNo: 'XY-2', labId: 'LAB-150100-02', valueMg100ml: 100, reportPhotoSha256: 'e'.repeat(64),
      }, { id: 'report-2', actor: null, location: null }),
    ];
    // 200 breath at 23:04, first tube 1 h later (blood 170 is fine); second tube 3 h later: edge 200 − 75 − 30 = 95
    expect(fires({ breath: 200, drawAfterH: 1, blood: 170, extra: second })).toBe(false);
    const lower = second.map((e) => (e.id === 'report-2' ? { ...e, data: { ...e.data, valueMg100ml: 94.9 } } : e));
    const [f] = run({ breath: 200, drawAfterH: 1, blood: 170, extra: lower });
    expect(f.figures).toMatchObject({ hours: 3, lowestPossible: 125, limit: 95, blood: 94.9 });
    expect(f.eventIds).toEqual([expect.stringMatching(/^breath/), 'draw-2', 'report-2']);
  });

  it('reads its parameters: a slower β makes the same case fire', () => {
    expect(fires({ breath: 200, drawAfterH: 2, blood: 125 })).toBe(false);
    const slower = { ...rule.defaults, eliminationMgPerHour: 15 };
    expect(run({ breath: 200, drawAfterH: 2, blood: 125 }, slower)).toHaveLength(1);
    expect(Object.keys(rule.paramLabels).sort()).toEqual(Object.keys(rule.defaults).sort());
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(10);
  });

  it('is the same whenever it is evaluated (no dependence on now)', () => {
    const input = buildCase({ breath: 196, drawAfterH: 1.4, blood: 62 });
    expect(rule.evaluate(input, rule.defaults, new Date(0))).toEqual(rule.evaluate(input, rule.defaults, new Date(LATER.getTime() + 1000 * HOUR)));
  });
});
