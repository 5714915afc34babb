import { describe, expect, it } from 'vitest';
import { alcRefusedBreath as rule } from './alc-refused-breath.ts';
import { buildCase, CASE_NO, checkOrderIndependence, ev, LATER, MINUTE, T0, UNIT, type CaseSpec } from './alcohol-case.fixtures.ts';

const run = (spec: CaseSpec) => rule.evaluate(buildCase(spec), rule.defaults, LATER);

describe('ALC_REFUSED_BREATH', () => {
  it('fires blue on a refused breath test', () => {
    const input = buildCase({ breath: 'refused' });
    const [f, ...rest] = rule.evaluate(input, rule.defaults, LATER);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_REFUSED_BREATH');
    expect(f.subject).toEqual({ kind: 'case', id: CASE_NO });
    expect(f.level).toBe('blue');
    expect(f.unit).toBe(UNIT);
    expect(f.title).toBe('驾驶人拒绝呼气式检测');
    expect(f.figures).toEqual({ refusals: 1, deviceId: 'BA-150102-01', laterBreath: null });
    expect(f.eventIds).toEqual([input.events.find((e) => e.type === 'alcohol.breath_test')!.id]);
  });

  it('does not fire on a test that was taken, nor on a case with no test', () => {
    expect(run({ breath: 0 })).toEqual([]);
    expect(run({ breath: 196 })).toEqual([]);
    expect(run({ breath: null })).toEqual([]);
  });

  it('a refusal sent with a value of 0 is still a refusal; a later test is shown beside it', () => {
    const withZero = ev('alcohol.breath_test', T0 + 2 * MINUTE, {
      caseNo: CASE_NO, deviceId: 'BA-150102-01', valueMg100ml: 0, refused: true, source: 'device',
    }, { id: 'breath-refused-zero' });
    const [f] = run({ breath: 120, breathAfterMin: 20, extra: [withZero] });
    expect(f.figures).toEqual({ refusals: 1, deviceId: 'BA-150102-01', laterBreath: 120 });
    expect(f.eventIds).toEqual(['breath-refused-zero']);
  });

  it('has no parameters', () => {
    expect(rule.defaults).toEqual({});
    expect(rule.paramLabels).toEqual({});
  });

  it('ignores arrival order and replays', () => {
    expect(checkOrderIndependence(rule)).toBeGreaterThan(10);
  });
});
