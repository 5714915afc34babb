import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mannWhitneyLess, median } from '../stats.ts';
import { alcLabBias as rule, type LabBiasInput, type LabBiasPair } from './alc-lab-bias.ts';
import { at } from './testing.ts';

const p = rule.defaults;
const now = at('2026-12-01 02:00');
const PROVINCE = '150000000000';

/** a case with breath between 100 and 220 and the blood value that gives `ratio` */
const pair = (caseNo: string, ratio: number, i: number): LabBiasPair => {
  const breath = 100 + (i % 7) * 20;
  return { caseNo, breath, blood: ratio * breath, eventIds: [`breath-${caseNo}`, `report-${caseNo}`] };
};
const lab = (labId: string, ratios: number[], name: string | null = null): LabBiasInput['labs'][number] => ({
  labId, name, unit: PROVINCE, pairs: ratios.map((r, i) => pair(`${labId}-${String(i).padStart(3, '0')}`, r, i)),
});
/** n ratios spread evenly from `from` to below `from + width` */
const spread = (n: number, from: number, width: number): number[] => Array.from({ length: n }, (_, i) => from + (i * width) / n);
/** two ordinary labs, 100 cases each, blood 80 % to 100 % of breath */
const ordinary = [lab('LAB-150100-01', spread(100, 0.8, 0.2), '呼和浩特市公安局物证鉴定所'), lab('LAB-150100-02', spread(100, 0.801, 0.2), '内蒙古正信司法鉴定中心')];
const month = (...extra: LabBiasInput['labs']): LabBiasInput => ({ month: '2026-11', labs: [...ordinary, ...extra] });
const ratiosOf = (l: LabBiasInput['labs'][number]) => l.pairs.map((x) => x.blood / x.breath);

describe('ALC_LAB_BIAS', () => {
  it('fires orange for a lab whose ratios run about 10 % below the others', () => {
    const biased = lab('LAB-150100-05', spread(40, 0.72, 0.16), '北疆司法鉴定所');
    const [f, ...rest] = rule.evaluate(month(biased), p, now);
    expect(rest).toEqual([]);
    expect(f.rule).toBe('ALC_LAB_BIAS');
    expect(f.subject).toEqual({ kind: 'lab', id: 'LAB-150100-05' });
    expect(f.level).toBe('orange');
    expect(f.unit).toBe(PROVINCE);
    const test = mannWhitneyLess(ratiosOf(biased), ordinary.flatMap(ratiosOf));
    expect(test.pValue).toBeLessThan(1e-10);
    expect(f.figures).toEqual({
      month: '2026-11', labName: '北疆司法鉴定所', cases: 40,
      medianRatio: 0.798, othersMedianRatio: 0.9, othersCases: 200, othersLabs: 2,
      u: test.u, z: Math.round(test.z * 1000) / 1000, pValue: test.pValue, alpha: 0.01, minCases: 30,
    });
    expect(f.figures.medianRatio).toBeCloseTo(median(ratiosOf(biased)), 3);
    expect(f.title).toMatch(/^北疆司法鉴定所2026-11血检\/呼气比值中位数0\.80（40例），显著低于其他鉴定机构的0\.90（200例，p=\d\.\de-\d+）$/);
    expect(f.eventIds).toHaveLength(80);
    expect(f.eventIds.slice(0, 2)).toEqual(['breath-LAB-150100-05-000', 'report-LAB-150100-05-000']);
  });

  it('needs 30 cases: 29 far below the others do not fire, 30 do', () => {
    expect(rule.evaluate(month(lab('LOW', spread(29, 0.5, 0.1))), p, now)).toEqual([]);
    expect(mannWhitneyLess(spread(29, 0.5, 0.1), ordinary.flatMap(ratiosOf)).pValue).toBeLessThan(1e-10);
    expect(rule.evaluate(month(lab('LOW', spread(30, 0.5, 0.1))), p, now).map((f) => f.subject.id)).toEqual(['LOW']);
  });

  it('fires from the first shift with p below 0.01, not at p just above', () => {
    // slide 30 cases shaped like the others' down in steps of 0.0005 until the test turns significant
    const others = ordinary.flatMap(ratiosOf);
    let step = 0;
    const shifted = (k: number) => lab('SHIFT', spread(30, 0.8 - k * 0.0005, 0.2));
    while (rule.evaluate(month(shifted(step)), p, now).length === 0) {
      step++;
      if (step > 600) throw new Error('never fired');
    }
    const before = mannWhitneyLess(ratiosOf(shifted(step - 1)), others).pValue;
    const firing = mannWhitneyLess(ratiosOf(shifted(step)), others).pValue;
    expect(before).toBeGreaterThanOrEqual(0.01);
    expect(before).toBeLessThan(0.011);
    expect(firing).toBeLessThan(0.01);
    expect(rule.evaluate(month(shifted(step)), p, now)[0].figures.pValue).toBe(firing);
    // the threshold is the parameter
    expect(rule.evaluate(month(shifted(step - 1)), { ...p, alpha: 0.011 }, now)).toHaveLength(1);
    expect(rule.evaluate(month(shifted(step)), { ...p, alpha: firing }, now)).toEqual([]);
  });

  it('is one-sided, and needs other labs to compare with', () => {
    // a lab like the others, or above them, is no finding
    expect(rule.evaluate(month(lab('SAME', spread(60, 0.8, 0.2))), p, now)).toEqual([]);
    // a lab above the others is never flagged itself (a lab far above them does lower the yardstick the
    // others are each compared with: that is what "lower than the other labs pooled" means)
    expect(rule.evaluate(month(lab('HIGH', spread(60, 1.0, 0.2))), p, now).map((f) => f.subject.id)).not.toContain('HIGH');
    // the ordinary labs are not flagged against a low one either (it lowers their yardstick, it does not raise them)
    expect(rule.evaluate(month(lab('LOW', spread(60, 0.5, 0.1))), p, now).map((f) => f.subject.id)).toEqual(['LOW']);
    // alone in the month: no yardstick
    expect(rule.evaluate({ month: '2026-11', labs: [lab('LOW', spread(60, 0.5, 0.1))] }, p, now)).toEqual([]);
  });

  it('counts a case once and leaves out pairs without a breath value above 0', () => {
    const low = lab('LOW', spread(30, 0.5, 0.1));
    // one breath 0 (a refusal that slipped through), one not a number: 28 usable cases
    const broken = { ...low, pairs: low.pairs.map((x, i) => (i === 0 ? { ...x, breath: 0 } : i === 1 ? { ...x, breath: Number.NaN } : x)) };
    expect(rule.evaluate(month(broken), p, now)).toEqual([]);
    // the same case twice is one case: 29 distinct cases
    const twice = { ...low, pairs: [...low.pairs.slice(0, 29), { ...low.pairs[0], eventIds: ['breath-x', 'report-x'] }] };
    expect(rule.evaluate(month(twice), p, now)).toEqual([]);
    expect(rule.evaluate(month(low), p, now)).toHaveLength(1);
    // a lab sent in two pieces is one lab
    const split = [{ ...low, pairs: low.pairs.slice(0, 15) }, { ...low, pairs: low.pairs.slice(15) }];
    expect(rule.evaluate(month(...split), p, now)).toEqual(rule.evaluate(month(low), p, now));
  });

  it('names the lab by its number when the registry has no name', () => {
    const [f] = rule.evaluate(month(lab('LAB-UNKNOWN', spread(30, 0.5, 0.1))), p, now);
    expect(f.title.startsWith('LAB-UNKNOWN2026-11血检/呼气比值中位数0.55（30例）')).toBe(true);
    expect(f.figures.labName).toBeNull();
  });

  it('gives the same findings whatever the order of labs and cases', () => {
    const labs = [...ordinary, lab('LOW', spread(35, 0.7, 0.15), '北疆司法鉴定所'), lab('SMALL', spread(12, 0.4, 0.1)), lab('HIGH', spread(40, 0.95, 0.2))];
    // a case sent to two labs, and ties between ratios across labs
    labs[2].pairs.push({ ...labs[0].pairs[3], eventIds: ['breath-shared', 'report-shared-low'] });
    const expected = rule.evaluate({ month: '2026-11', labs }, p, now);
    expect(expected.map((f) => f.subject.id)).toEqual(['LOW']);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(labs, { minLength: labs.length, maxLength: labs.length }),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (shuffled, seed) => {
          // shuffle each lab's cases too, with a seeded permutation
          let s = seed;
          const rand = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
          const reordered = shuffled.map((l) => ({ ...l, pairs: l.pairs.map((x) => ({ x, k: rand() })).sort((a, b) => a.k - b.k).map(({ x }) => x) }));
          expect(rule.evaluate({ month: '2026-11', labs: reordered }, p, now)).toEqual(expected);
        },
      ),
      { numRuns: 100, seed: 20261101 },
    );
  });
});
