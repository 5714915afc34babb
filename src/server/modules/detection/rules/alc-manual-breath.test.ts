import { describe, expect, it } from 'vitest';
import { alcManualBreath as rule } from './alc-manual-breath.ts';
import { buildCase, CASE_NO, checkOrderIndependence, LATER, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec) => rule.evaluate(buildCase(spec), rule.defaults, LATER);

describe('ALC_MANUAL_BREATH', () => {
  it('fires yellow on a breath value entered by hand', () => {
    const input = buildCase({ breath: 196, source: 'manual' });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_MANUAL_BREATH');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('yellow');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('呼气值196为手工录入');
    expect(f.figures).toEqual({
      breath: 196, source: 'manual', deviceId: 'BA-150102-01', calibratedUntil: '2027-03-31', testDate: '2026-10-31', manual: true, expired: false, tests: 1,
    });
    expect(f.eventIds).toEqual([input.events.find((e) => e.type === 'alcohol.breath_test')!.id]);
  });

  it('calibration valid through its date (Asia/Shanghai): 23:59 that day does not fire, 00:00 the next does', () => {
    // the case opens at 23:00 on 2026-10-31; BA-150102-02 is calibrated until 2026-10-31
    expect(run({ deviceId: 'BA-150102-02', breathAfterMin: 59 })).toEqual([]);
    const [f] = run({ deviceId: 'BA-150102-02', breathAfterMin: 60 });
    expect(f.title).toBe('酒精检测仪BA-150102-02检定已过期（有效期至2026-10-31）');
    expect(f.figures.expired).toBe(true);
    expect(f.figures.manual).toBe(false);
    expect(f.figures.testDate).toBe('2026-11-01');
  });

  it('both at once are said once', () => {
    const [f] = run({ deviceId: 'BA-150102-02', breathAfterMin: 60, source: 'manual' });
    expect(f.title).toBe('呼气值196为手工录入，且酒精检测仪BA-150102-02检定已过期');
  });

  it('a breathalyzer on file without a calibration date counts as expired; one not on file is not judged', () => {
    expect(run({ deviceId: 'BA-150102-03' })[0].figures.calibratedUntil).toBeNull();
    expect(run({ deviceId: 'BA-UNKNOWN' })).toEqual([]);
  });

  it('does not fire on a device reading in calibration, nor on a refusal (no value)', () => {
    expect(run({})).toEqual([]);
    expect(run({ breath: 'refused', source: 'manual' })).toEqual([]);
  });

  it('has no parameters', () => {
    expect(rule.defaults).toEqual({});
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(10);
  });
});
